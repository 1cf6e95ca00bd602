package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.engine.spend.SharedCounters.Grant;
import dev.junction.engine.spend.SharedCounters.Key;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

class JooqSharedCountersTest {
    private final TestDatabase db = TestDatabase.fresh();
    private final Instant t0 = Instant.parse("2026-03-31T23:59:00Z");
    private final MutableClock clock = new MutableClock(t0);
    private final JooqSharedCounters counters = new JooqSharedCounters(db.dsl(), clock);
    private final Instant minuteEnd = t0.plusSeconds(60);
    private final Instant later = t0.plus(Duration.ofDays(1));

    private Key rpm(String who) {
        return new Key("rpm:api_key:" + who, t0);
    }

    @Test
    void a_claim_grants_what_is_left_under_the_cap_and_then_nothing() {
        assertThat(counters.claim(rpm("a"), 30, 100, minuteEnd)).isEqualTo(new Grant(30, 30));
        assertThat(counters.claim(rpm("a"), 80, 100, minuteEnd)).isEqualTo(new Grant(70, 100));
        assertThat(counters.claim(rpm("a"), 5, 100, minuteEnd)).isEqualTo(new Grant(0, 100));
        assertThat(counters.read(List.of(rpm("a")))).containsEntry(rpm("a"), 100L);
    }

    @Test
    void a_first_claim_is_capped_too_and_a_cap_of_zero_grants_nothing() {
        assertThat(counters.claim(rpm("a"), 500, 100, minuteEnd)).isEqualTo(new Grant(100, 100));
        assertThat(counters.claim(rpm("b"), 5, 0, minuteEnd)).isEqualTo(new Grant(0, 0));
        assertThat(counters.claim(rpm("c"), 0, 10, minuteEnd)).isEqualTo(new Grant(0, 0));
        assertThatThrownBy(() -> counters.claim(rpm("d"), -1, 10, minuteEnd)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_counter_that_add_took_past_the_cap_grants_zero_and_never_takes_anything_back() {
        counters.add(Map.of(rpm("a"), 150L), minuteEnd);

        assertThat(counters.claim(rpm("a"), 10, 100, minuteEnd)).isEqualTo(new Grant(0, 150));
        assertThat(counters.read(List.of(rpm("a")))).containsEntry(rpm("a"), 150L);
        // giving back (a correction after the answer) makes room again
        counters.add(Map.of(rpm("a"), -60L), minuteEnd);
        assertThat(counters.claim(rpm("a"), 20, 100, minuteEnd)).isEqualTo(new Grant(10, 100));
    }

    @Test
    void each_window_is_a_counter_of_its_own() {
        Key thisMinute = rpm("a");
        Key nextMinute = new Key(thisMinute.name(), t0.plusSeconds(60));
        counters.claim(thisMinute, 100, 100, minuteEnd);

        assertThat(counters.claim(nextMinute, 40, 100, minuteEnd.plusSeconds(60))).isEqualTo(new Grant(40, 40));
        assertThat(counters.read(List.of(thisMinute, nextMinute))).isEqualTo(Map.of(thisMinute, 100L, nextMinute, 40L));
    }

    @Test
    void add_changes_many_counters_in_one_statement_and_returns_their_totals() {
        Map<Key, Long> deltas = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) deltas.put(new Key("usd:identity:u" + i, t0), (long) i);
        Map<Key, Long> first = counters.add(deltas, later);
        assertThat(first).hasSize(50).containsEntry(new Key("usd:identity:u7", t0), 7L);

        Map<Key, Long> second = counters.add(Map.of(new Key("usd:identity:u7", t0), 1_000_000_000L,
                new Key("usd:identity:u8", t0), -3L, new Key("usd:identity:new", t0), 0L), later);
        assertThat(second).isEqualTo(Map.of(new Key("usd:identity:u7", t0), 1_000_000_007L,
                new Key("usd:identity:u8", t0), 5L, new Key("usd:identity:new", t0), 0L));
        assertThat(counters.add(Map.of(), later)).isEmpty();
    }

    @Test
    void windows_are_kept_to_the_microsecond() {
        Key exact = new Key("tpm:project:p", t0.plusNanos(1_000));
        Key finer = new Key("tpm:project:p", t0.plusNanos(1_999));
        Map<Key, Long> totals = counters.add(Map.of(exact, 2L, finer, 3L), later);

        assertThat(totals).isEqualTo(Map.of(exact, 5L, finer, 5L));
        assertThat(counters.read(List.of(finer))).isEqualTo(Map.of(finer, 5L));
        assertThat(counters.claim(finer, 1, 10, later)).isEqualTo(new Grant(1, 6));
    }

    @Test
    void reading_a_counter_that_does_not_exist_gives_zero() {
        counters.claim(rpm("a"), 3, 10, minuteEnd);
        assertThat(counters.read(List.of(rpm("a"), rpm("nobody")))).isEqualTo(Map.of(rpm("a"), 3L, rpm("nobody"), 0L));
        assertThat(counters.read(List.of())).isEmpty();
    }

    @Test
    void purge_drops_what_expired_and_keeps_what_a_later_write_extended() {
        counters.claim(rpm("old"), 5, 10, minuteEnd);
        counters.claim(rpm("kept"), 5, 10, minuteEnd);
        counters.add(Map.of(rpm("kept"), 1L), later); // the later expiry wins
        counters.lease("cc:api_key:a", "i1", 2, 10, minuteEnd);
        counters.lease("cc:api_key:a", "i2", 2, 10, later);

        counters.purge(minuteEnd.plusMillis(1));

        assertThat(counters.read(List.of(rpm("old"), rpm("kept")))).isEqualTo(Map.of(rpm("old"), 0L, rpm("kept"), 6L));
        assertThat(db.dsl().fetchValue("SELECT string_agg(instance, ',') FROM quota_leases")).isEqualTo("i2");
        // a purge while nothing expired removes nothing
        counters.purge(t0);
        assertThat(counters.read(List.of(rpm("kept")))).containsEntry(rpm("kept"), 6L);
    }

    @Test
    void a_lease_gets_what_other_instances_leave_and_each_call_replaces_the_last() {
        String cc = "cc:api_key:a";
        assertThat(counters.lease(cc, "i1", 3, 5, minuteEnd)).isEqualTo(3);
        assertThat(counters.lease(cc, "i2", 4, 5, minuteEnd)).isEqualTo(2);
        assertThat(counters.lease(cc, "i1", 3, 5, minuteEnd)).as("what it held still fits").isEqualTo(3);
        assertThat(counters.lease(cc, "i1", 1, 5, minuteEnd)).as("renewed with fewer").isEqualTo(1);
        assertThat(counters.lease(cc, "i2", 4, 5, minuteEnd)).isEqualTo(4);
        assertThat(counters.lease(cc, "i3", 4, 5, minuteEnd)).isEqualTo(0);
        assertThat(counters.lease("cc:api_key:b", "i3", 4, 5, minuteEnd)).as("another name").isEqualTo(4);
        // a cap lowered below what others hold grants nothing, never a negative number
        assertThat(counters.lease(cc, "i3", 4, 2, minuteEnd)).isEqualTo(0);
        assertThatThrownBy(() -> counters.lease(cc, "i3", -1, 5, minuteEnd)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_expired_lease_frees_its_slots_without_a_purge() {
        String cc = "cc:identity:u1";
        counters.lease(cc, "crashed", 5, 5, t0.plusSeconds(10));
        assertThat(counters.lease(cc, "alive", 5, 5, t0.plusSeconds(30))).isZero();

        clock.set(t0.plusSeconds(10)); // expiry is exclusive: at 10 s the lease is gone
        assertThat(counters.lease(cc, "alive", 5, 5, t0.plusSeconds(40))).isEqualTo(5);
    }

    @Test
    void a_lease_refuses_to_run_outside_read_committed() {
        assertThatThrownBy(() -> db.dsl().transaction(tx -> {
            tx.dsl().execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            new JooqSharedCounters(tx.dsl(), clock).lease("cc:x", "i1", 1, 5, later);
        })).isInstanceOf(DataAccessException.class).hasMessageContaining("READ COMMITTED");
    }

    @Test
    void concurrent_claims_on_separate_connections_never_grant_more_than_the_cap_and_grant_all_of_it() throws Exception {
        int threads = 12;
        long cap = 2_000;
        Key key = rpm("shared");
        AtomicLong granted = new AtomicLong();
        AtomicLong calls = new AtomicLong();
        List<Long> totalsSeen = java.util.Collections.synchronizedList(new ArrayList<>());
        runOnConnections(threads, counters -> {
            while (true) {
                Grant g = counters.claim(key, ThreadLocalRandom.current().nextLong(1, 8), cap, minuteEnd);
                calls.incrementAndGet();
                assertThat(g.granted()).isBetween(0L, 7L);
                assertThat(g.total()).isLessThanOrEqualTo(cap);
                granted.addAndGet(g.granted());
                if (g.granted() == 0) return;
                totalsSeen.add(g.total());
            }
        });

        assertThat(granted.get()).isEqualTo(cap);
        assertThat(counters.read(List.of(key))).containsEntry(key, cap);
        assertThat(calls.get()).as("demand exceeded the cap").isGreaterThan(cap / 7);
        assertThat(totalsSeen).as("each grant saw the total the one before it left").doesNotHaveDuplicates();
    }

    @Test
    void concurrent_adds_over_the_same_counters_in_different_orders_lose_nothing_and_never_deadlock() throws Exception {
        List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 40; i++) keys.add(new Key("usd:model:m" + i, t0));
        int threads = 8;
        int rounds = 60;
        runOnConnections(threads, counters -> {
            for (int r = 0; r < rounds; r++) {
                List<Key> shuffled = new ArrayList<>(keys);
                java.util.Collections.shuffle(shuffled);
                Map<Key, Long> deltas = new LinkedHashMap<>();
                for (Key k : shuffled) deltas.put(k, 3L);
                counters.add(deltas, later);
            }
        });

        Map<Key, Long> totals = counters.read(keys);
        for (Key k : keys) assertThat(totals.get(k)).as(k.name()).isEqualTo(3L * threads * rounds);
    }

    @Test
    void concurrent_instances_leasing_one_name_never_hold_more_than_the_cap_together() throws Exception {
        String cc = "cc:deployment:d";
        long cap = 10;
        int instances = 8;
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong maxSeen = new AtomicLong();
        AtomicLong checks = new AtomicLong();
        Thread checker = Thread.ofPlatform().start(() -> {
            // one statement sees one committed state: in every state the leases must fit the cap
            try (Connection c = db.dataSource().getConnection()) {
                DSLContext own = DSL.using(c, SQLDialect.POSTGRES);
                while (!done.get()) {
                    Long sum = own.resultQuery("SELECT COALESCE(sum(slots), 0)::bigint FROM quota_leases WHERE name = ?", cc)
                            .fetchOne(0, Long.class);
                    maxSeen.accumulateAndGet(sum, Math::max);
                    checks.incrementAndGet();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<Long> finalHolds = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong fullGrants = new AtomicLong();
        runOnConnections(instances, (counters, n) -> {
            long held = 0;
            for (int r = 0; r < 150; r++) {
                long want = ThreadLocalRandom.current().nextLong(0, cap + 1);
                held = counters.lease(cc, "instance-" + n, want, cap, later);
                assertThat(held).isBetween(0L, want);
                if (held == cap) fullGrants.incrementAndGet();
            }
            finalHolds.add(held);
        });
        done.set(true);
        checker.join();

        assertThat(maxSeen.get()).as("slots held at once, seen in %d checks", checks.get()).isLessThanOrEqualTo(cap);
        assertThat(finalHolds.stream().mapToLong(Long::longValue).sum()).isLessThanOrEqualTo(cap);
        assertThat(db.dsl().resultQuery("SELECT sum(slots)::bigint FROM quota_leases WHERE name = ?", cc).fetchOne(0, Long.class))
                .isEqualTo(finalHolds.stream().mapToLong(Long::longValue).sum());
        assertThat(maxSeen.get()).as("demand filled the cap at some point").isEqualTo(cap);
    }

    interface OnConnection {
        void run(JooqSharedCounters counters, int n) throws Exception;
    }

    interface Simple {
        void run(JooqSharedCounters counters) throws Exception;
    }

    private void runOnConnections(int threads, Simple work) throws Exception {
        runOnConnections(threads, (c, n) -> work.run(c));
    }

    /** Runs {@code work} on {@code threads} threads, each with a connection (an instance) of its own, all at once. */
    private void runOnConnections(int threads, OnConnection work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int n = t;
                futures.add(pool.submit(() -> {
                    try (Connection c = db.dataSource().getConnection()) {
                        JooqSharedCounters own = new JooqSharedCounters(DSL.using(c, SQLDialect.POSTGRES), clock);
                        ready.countDown();
                        go.await();
                        work.run(own, n);
                    }
                    return null;
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            for (Future<?> f : futures) f.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant at) {
            now = at;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
