package dev.junction.store;

import dev.junction.engine.spend.SharedCounters.Key;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What one round trip of the shared counters costs on the embedded PostgreSQL (same machine, one open connection, as
 * a pool gives): one {@code claim} on one counter, and one {@code add} of 50 counters (a sync's flush). Not part of
 * the suite (the name does not end in Test); run it with
 * {@code ./mvnw -o -pl store -am verify -Dtest=SharedCountersBench -Dsurefire.failIfNoSpecifiedTests=false}.
 * Prints FIGURE lines (in target/surefire-reports/...-output.txt); asserts nothing about time.
 */
@Tag("benchmark")
class SharedCountersBench {
    private static final int WARMUP = 2_000;
    private static final int RUNS = 10_000;

    @Test
    void one_claim_and_one_add_of_50_counters() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        Instant expires = minute.plus(1, ChronoUnit.DAYS);
        try (Connection c = db.dataSource().getConnection()) {
            JooqSharedCounters counters = new JooqSharedCounters(DSL.using(c, SQLDialect.POSTGRES), Clock.systemUTC());
            Key key = new Key("rpm:api_key:bench", minute);
            long[] claim = time(i -> counters.claim(key, 1, Long.MAX_VALUE, expires));

            Map<Key, Long> deltas = new LinkedHashMap<>();
            for (int k = 0; k < 50; k++) deltas.put(new Key("usd:identity:user-" + k, minute), 1_234_567L);
            long[] add = time(i -> counters.add(deltas, expires));

            // the embedded test server runs without fsync: a durable server adds a WAL flush to each commit
            System.out.println("FIGURE settings: " + DSL.using(c, SQLDialect.POSTGRES).fetchOne(
                    "SELECT 'fsync=' || current_setting('fsync') || ', synchronous_commit=' || current_setting('synchronous_commit')"
                    + " || ', PostgreSQL ' || current_setting('server_version')").get(0)
                    + String.format(Locale.ROOT, ", load average %.1f on %d cores",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors()));
            print("claim (1 counter)", claim);
            print("add (50 counters)", add);
        }
    }

    private interface Op {
        void run(int i) throws Exception;
    }

    private static long[] time(Op op) throws Exception {
        for (int i = 0; i < WARMUP; i++) op.run(i);
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            op.run(i);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        return nanos;
    }

    private static void print(String what, long[] sorted) {
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e3;
        System.out.printf(Locale.ROOT, "FIGURE %s: mean %.0f us, p50 %.0f us, p99 %.0f us (%d runs)%n", what, mean,
                sorted[sorted.length / 2] / 1e3, sorted[(int) (sorted.length * 0.99)] / 1e3, sorted.length);
    }
}
