package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.eval.Score;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** The score writer on a real PostgreSQL: the latest score wins, a full queue drops and counts, close flushes. */
class JooqScoresTest {
    private static final Instant NOW = Instant.parse("2026-11-20T12:30:00Z");
    private final TestDatabase db = TestDatabase.fresh();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    static Score score(UUID request, String name, double value, Boolean passed, Instant madeAt) {
        return new Score(UUID.randomUUID(), request, NOW.minusSeconds(30), "support", 2, "english", "rule-1", name,
                "judge", value, passed, "because", madeAt);
    }

    private static JooqScores.Options options(int capacity) {
        return new JooqScores.Options(capacity, 500, Duration.ofMillis(20), Duration.ofSeconds(2));
    }

    private long count() {
        return db.dsl().fetchCount(DSL.table("request_scores"));
    }

    @Test
    void a_later_score_of_the_same_request_and_name_replaces_the_earlier_and_an_older_one_does_not() {
        UUID request = UUID.randomUUID();
        JooqScores scores = new JooqScores(db.dsl(), clock, options(100), false);
        scores.record(score(request, "helpful", 0.2, false, NOW.minusSeconds(10)));
        scores.record(score(request, "helpful", 0.9, true, NOW.minusSeconds(5))); // same batch: the later made wins
        scores.record(score(request, "polite", 1, null, NOW.minusSeconds(5)));
        scores.close();
        assertThat(scores.scoresOf(request)).extracting(Score::name, Score::value, Score::passed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("helpful", 0.9, true),
                        org.assertj.core.groups.Tuple.tuple("polite", 1.0, null));

        JooqScores later = new JooqScores(db.dsl(), clock, options(100), false);
        later.record(score(request, "helpful", 0.5, true, NOW.minusSeconds(1)));
        later.record(score(request, "polite", 0.0, false, NOW.minusSeconds(60))); // made before the stored one
        later.close();
        assertThat(later.written()).isEqualTo(2);
        assertThat(later.scoresOf(request)).extracting(Score::name, Score::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("helpful", 0.5),
                        org.assertj.core.groups.Tuple.tuple("polite", 1.0));
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void a_stored_score_reads_back_whole_with_its_reason_cut_to_2000_characters() {
        UUID request = UUID.randomUUID();
        Score s = new Score(UUID.randomUUID(), request, Instant.parse("2026-11-20T12:00:00.123456789Z"), "support", null,
                null, null, "tone", "regex", 1, true, "x".repeat(1_999) + "😀" + "y".repeat(10), NOW);
        JooqScores scores = new JooqScores(db.dsl(), clock, options(10), false);
        scores.record(s);
        scores.close();
        Score back = scores.scoresOf(request).getFirst();
        assertThat(back.id()).isEqualTo(s.id());
        assertThat(back.requestCreatedAt()).isEqualTo(Instant.parse("2026-11-20T12:00:00.123456Z"));
        assertThat(back.versionNumber()).isNull();
        assertThat(back.variantKey()).isNull();
        assertThat(back.kind()).isEqualTo("regex");
        assertThat(back.reason()).hasSize(1_999).doesNotContain("😀"); // not cut inside the surrogate pair
        assertThat(back.createdAt()).isEqualTo(NOW);
    }

    @Test
    void a_full_queue_drops_and_counts_and_close_writes_what_was_queued() {
        JooqScores scores = new JooqScores(db.dsl(), clock, options(3), false);
        for (int i = 0; i < 5; i++) scores.record(score(UUID.randomUUID(), "helpful", i, null, NOW));
        assertThat(scores.queued()).isEqualTo(3);
        assertThat(scores.dropped()).isEqualTo(2);
        scores.close();
        assertThat(count()).isEqualTo(3);
        assertThat(scores.written()).isEqualTo(3);
        scores.record(score(UUID.randomUUID(), "helpful", 1, null, NOW));
        assertThat(scores.dropped()).as("after close").isEqualTo(3);
    }

    @Test
    void a_score_without_its_request_or_with_a_value_beyond_1e100_is_rejected() {
        JooqScores scores = new JooqScores(db.dsl(), clock, options(10), false);
        scores.record(score(UUID.randomUUID(), "helpful", Double.NaN, null, NOW));
        scores.record(score(UUID.randomUUID(), "helpful", Double.NEGATIVE_INFINITY, null, NOW));
        scores.record(score(UUID.randomUUID(), "helpful", 1e101, null, NOW)); // its square would overflow in the rollups
        scores.record(score(UUID.randomUUID(), "huge", -1e100, null, NOW));
        scores.record(new Score(UUID.randomUUID(), null, NOW, "support", 1, "a", null, "helpful", "judge", 1, null, null, NOW));
        scores.record(score(UUID.randomUUID(), "helpful\0name", 1, null, NOW)); // NUL: stored as U+FFFD
        scores.close();
        assertThat(scores.rejected()).isEqualTo(4);
        assertThat(db.dsl().fetch("SELECT name FROM request_scores ORDER BY name").getValues(0, String.class))
                .containsExactly("helpful\uFFFDname", "huge");
    }

    @Test
    void the_writer_thread_flushes_within_its_period_and_close_stops_it() throws Exception {
        JooqScores scores = new JooqScores(db.dsl(), clock, options(10_000));
        for (int i = 0; i < 1_234; i++) scores.record(score(UUID.randomUUID(), "helpful", i % 10 / 10.0, i % 2 == 0, NOW));
        BatchingLogWriterTest.await(() -> count() == 1_234, Duration.ofSeconds(20));
        scores.record(score(UUID.randomUUID(), "helpful", 1, null, NOW));
        scores.close();
        assertThat(count()).isEqualTo(1_235);
        assertThat(scores.written()).isEqualTo(1_235);
        assertThat(scores.dropped()).isZero();
    }

    @Test
    void while_the_database_fails_scores_wait_up_to_the_bound_and_are_written_when_it_is_back() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        DSLContext flaky = DSL.using(new Flaky(db.dataSource(), down), SQLDialect.POSTGRES);
        JooqScores scores = new JooqScores(flaky, clock, options(50));
        List<UUID> requests = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            UUID r = UUID.randomUUID();
            requests.add(r);
            scores.record(score(r, "helpful", 1, true, NOW));
            if (i == 10) Thread.sleep(100); // the writer takes the first batch in hand and fails with it
        }
        assertThat(scores.dropped()).as("beyond the batch in hand and the queue's 50").isPositive();
        long kept = 80 - scores.dropped();
        assertThat(count()).isZero();
        down.set(false);
        BatchingLogWriterTest.await(() -> count() == kept, Duration.ofSeconds(20));
        scores.close();
        assertThat(scores.written()).isEqualTo(kept);
        assertThat(kept).isGreaterThanOrEqualTo(50);
    }

    @Test
    void close_gives_up_on_a_failing_database_after_its_budget_and_counts_the_rest_as_dropped() {
        DSLContext dead = DSL.using(new Flaky(db.dataSource(), new AtomicBoolean(true)), SQLDialect.POSTGRES);
        JooqScores scores = new JooqScores(dead, clock, new JooqScores.Options(10, 500, Duration.ofMillis(20), Duration.ofMillis(300)));
        for (int i = 0; i < 4; i++) scores.record(score(UUID.randomUUID(), "helpful", 1, null, NOW));
        long t = System.nanoTime();
        scores.close();
        assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(Duration.ofSeconds(3));
        assertThat(scores.dropped()).isEqualTo(4);
        assertThat(scores.written()).isZero();
    }

    @Test
    void scores_of_requests_older_than_an_hour_tell_the_listener_their_oldest_request_time() {
        List<Instant> heard = new ArrayList<>();
        JooqScores scores = new JooqScores(db.dsl(), clock, options(10), false);
        scores.onLate(heard::add);
        scores.record(score(UUID.randomUUID(), "helpful", 1, null, NOW)); // its request 30 s ago: not late
        scores.close();
        assertThat(heard).isEmpty();
        Instant old = NOW.minus(Duration.ofHours(5));
        JooqScores late = new JooqScores(db.dsl(), clock, options(10), false);
        late.onLate(heard::add);
        late.record(new Score(UUID.randomUUID(), UUID.randomUUID(), old, "support", 1, "a", null, "helpful", "judge", 1, null, null, NOW));
        late.record(score(UUID.randomUUID(), "helpful", 1, null, NOW));
        late.close();
        assertThat(heard).containsExactly(old);
    }

    /** A data source that refuses connections, as a database that is down does, while {@code down} is set. */
    record Flaky(DataSource delegate, AtomicBoolean down) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            if (down.get()) throw new SQLException("Connection refused", "08001");
            return delegate.getConnection();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override public PrintWriter getLogWriter() throws SQLException { return delegate.getLogWriter(); }
        @Override public void setLogWriter(PrintWriter out) throws SQLException { delegate.setLogWriter(out); }
        @Override public void setLoginTimeout(int seconds) throws SQLException { delegate.setLoginTimeout(seconds); }
        @Override public int getLoginTimeout() throws SQLException { return delegate.getLoginTimeout(); }
        @Override public Logger getParentLogger() { return Logger.getGlobal(); }
        @Override public <T> T unwrap(Class<T> iface) throws SQLException { return delegate.unwrap(iface); }
        @Override public boolean isWrapperFor(Class<?> iface) throws SQLException { return delegate.isWrapperFor(iface); }
    }
}
