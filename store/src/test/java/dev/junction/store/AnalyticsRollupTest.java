package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.junction.engine.log.LatencyBuckets;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Hourly rollups against the rows they summarise, on a real PostgreSQL. */
class AnalyticsRollupTest {
    private final TestDatabase db = TestDatabase.fresh();
    private final Instant now = Instant.parse("2026-11-20T12:30:00Z");
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);

    /** n rows of a deployment/variant at one time: latencies 1 ms .. n ms (i * 997 us), every fifth an error. */
    private void rows(String deployment, String variant, int version, Instant at, int n) {
        db.dsl().execute("""
            INSERT INTO request_logs (id, created_at, deployment_key, version_number, variant_key, evaluation, status,
                http_status, latency_micros, prompt_tokens, completion_tokens, total_tokens, cached_tokens, source,
                cost_usd, ttft_micros)
            SELECT gen_random_uuid(), ?::timestamptz + (i % 60) * interval '1 second', ?, ?, ?, 'Default Matched',
                   CASE WHEN i % 5 = 0 THEN 'error' ELSE 'success' END, 200, i * 997, 10, 5, 15, 2, 'API',
                   0.0000123, CASE WHEN i % 2 = 0 THEN i * 301 END
            FROM generate_series(1, ?) AS i""", at.atOffset(ZoneOffset.UTC), deployment, version, variant, n);
    }

    private JooqAnalytics analytics(RollupJob job) {
        return new JooqAnalytics(db.dsl(), job, 0);
    }

    @Test
    void rolled_up_hours_give_exact_counts_and_percentiles_within_the_histogram_error() {
        Instant old = now.minus(Duration.ofHours(30)).truncatedTo(ChronoUnit.HOURS);
        rows("support", "english", 1, old, 1000);
        rows("support", "spanish", 2, old.plus(Duration.ofHours(2)), 400);
        rows("other", "english", 1, old, 50);
        RollupJob job = new RollupJob(db.dsl(), clock);

        AnalyticsReport exact = analytics(job).report("support", now.minus(Duration.ofDays(30)), now,
                JooqAnalytics.Bucket.DAY, JooqAnalytics.GroupBy.VARIANT);
        assertThat(exact.percentiles()).isEqualTo("exact");
        assertThat(job.runOnce()).isPositive();
        AnalyticsReport rolled = analytics(job).report("support", now.minus(Duration.ofDays(30)), now,
                JooqAnalytics.Bucket.DAY, JooqAnalytics.GroupBy.VARIANT);
        assertThat(rolled.percentiles()).isEqualTo("histogram");
        assertThat(rolled.rolledUpUntil()).isEqualTo(Instant.parse("2026-11-20T12:00:00Z"));

        assertThat(rolled.totals().requests()).isEqualTo(1400).isEqualTo(exact.totals().requests());
        assertThat(rolled.totals().errors()).isEqualTo(280).isEqualTo(exact.totals().errors());
        assertThat(rolled.totals().errorRate()).isEqualTo(0.2);
        assertThat(rolled.totals().costUsd()).isEqualByComparingTo(new BigDecimal("0.0000123").multiply(BigDecimal.valueOf(1400)));
        assertThat(rolled.totals().promptTokens()).isEqualTo(14000);
        assertThat(rolled.totals().cachedTokens()).isEqualTo(2800);
        assertThat(rolled.groups()).extracting(AnalyticsReport.Group::key).containsExactly("english", "spanish");
        assertThat(rolled.series()).extracting(AnalyticsReport.Point::start).containsExactly(Instant.parse("2026-11-19T00:00:00Z"));
        for (int g = 0; g < 2; g++) {
            AnalyticsReport.Metrics r = rolled.groups().get(g).totals();
            AnalyticsReport.Metrics e = exact.groups().get(g).totals();
            assertThat(r.requests()).isEqualTo(e.requests());
            assertThat(r.latencyAvgMs()).isCloseTo(e.latencyAvgMs(), within(1e-9));
            for (var pair : List.of(List.of(r.latencyP50Ms(), e.latencyP50Ms()), List.of(r.latencyP95Ms(), e.latencyP95Ms()),
                    List.of(r.latencyP99Ms(), e.latencyP99Ms()), List.of(r.ttftP95Ms(), e.ttftP95Ms()))) {
                assertThat(pair.get(0)).isCloseTo(pair.get(1), within(pair.get(1) * LatencyBuckets.RELATIVE_ERROR + 0.001));
            }
        }
        assertThat(exact.groups().get(0).totals().latencyP95Ms()).isEqualTo(950 * 0.997);
    }

    @Test
    void running_again_or_on_two_instances_at_once_never_counts_a_row_twice() throws Exception {
        rows("support", "english", 1, now.minus(Duration.ofHours(5)), 300);
        RollupJob a = new RollupJob(db.dsl(), clock);
        RollupJob b = new RollupJob(db.dsl(), clock);
        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(a::runOnce);
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(b::runOnce);
        one.get();
        two.get();
        a.runOnce();
        long stored = db.dsl().resultQuery("SELECT coalesce(sum(requests), 0) FROM request_rollups").fetchOne(0, Long.class);
        assertThat(stored).isEqualTo(300);
    }

    @Test
    void late_rows_are_counted_by_a_later_run_and_older_ones_after_reopen() {
        RollupJob job = new RollupJob(db.dsl(), clock);
        rows("support", "english", 1, now.minus(Duration.ofHours(10)), 10);
        job.runOnce();
        rows("support", "english", 1, now.minus(Duration.ofMinutes(90)), 7); // within the relook window
        rows("support", "english", 1, now.minus(Duration.ofHours(9)), 5);    // older: needs reopen
        job.runOnce();
        Instant from = now.minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        Instant to = now.truncatedTo(ChronoUnit.HOURS);
        assertThat(analytics(job).report("support", from, to, JooqAnalytics.Bucket.HOUR, JooqAnalytics.GroupBy.NONE)
                .totals().requests()).isEqualTo(17);
        job.reopen(now.minus(Duration.ofHours(9)));
        job.runOnce();
        AnalyticsReport r = analytics(job).report("support", from, to, JooqAnalytics.Bucket.HOUR, JooqAnalytics.GroupBy.NONE);
        assertThat(r.totals().requests()).isEqualTo(22);
        assertThat(r.groups()).isEmpty();
        assertThat(r.series()).extracting(AnalyticsReport.Point::start).containsExactly(
                now.minus(Duration.ofHours(10)).truncatedTo(ChronoUnit.HOURS),
                now.minus(Duration.ofHours(9)).truncatedTo(ChronoUnit.HOURS),
                now.minus(Duration.ofMinutes(90)).truncatedTo(ChronoUnit.HOURS));
    }

    @Test
    void the_sql_bucket_index_is_the_java_one() {
        for (long v : new long[] {0, 99, 100, 109, 110, 111, 1_000, 12_345, 999_999, 60_000_000, 10_000_000_000L}) {
            Integer sql = db.dsl().resultQuery("SELECT " + LatencyBuckets.sql(v + "::bigint")).fetchOne(0, Integer.class);
            assertThat(sql).as("bucket of %d", v).isEqualTo(LatencyBuckets.index(v));
        }
    }

    @Test
    void a_reopen_that_commits_while_a_rollup_step_runs_is_not_overwritten() throws Exception {
        Instant lateHour = now.minus(Duration.ofHours(20)).truncatedTo(ChronoUnit.HOURS);
        db.dsl().execute("INSERT INTO rollup_state (id, settled_until, updated_at) VALUES (1, ?::timestamptz, now())",
                Instant.parse("2026-11-20T09:00:00Z").atOffset(ZoneOffset.UTC));
        RollupJob job = new RollupJob(db.dsl(), clock);
        try (java.sql.Connection replay = java.sql.DriverManager.getConnection(db.jdbcUrl())) {
            // what a spill replay does: late rows for an hour long settled, and reopen(), not yet committed
            replay.setAutoCommit(false);
            try (java.sql.PreparedStatement late = replay.prepareStatement("""
                    INSERT INTO request_logs (id, created_at, deployment_key, version_number, variant_key, evaluation, status,
                        http_status, latency_micros, source)
                    SELECT gen_random_uuid(), ?::timestamptz, 'support', 1, 'english', 'Default Matched', 'success', 200, 1000, 'API'
                    FROM generate_series(1, 7)""")) {
                late.setObject(1, lateHour.atOffset(ZoneOffset.UTC));
                late.execute();
            }
            try (java.sql.PreparedStatement reopen = replay.prepareStatement(
                    "UPDATE rollup_state SET settled_until = least(settled_until, ?::timestamptz) WHERE id = 1")) {
                reopen.setObject(1, lateHour.atOffset(ZoneOffset.UTC));
                reopen.execute();
            }
            // the rollup step reads 09:00, aggregates, and waits at its own UPDATE for the replay's row lock
            java.util.concurrent.CompletableFuture<Integer> run = java.util.concurrent.CompletableFuture.supplyAsync(job::runOnce);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (db.dsl().fetchCount(org.jooq.impl.DSL.table("pg_stat_activity"),
                    org.jooq.impl.DSL.condition("wait_event_type = 'Lock' AND query LIKE 'UPDATE rollup_state%'")) == 0) {
                assertThat(System.nanoTime()).as("the step reached its UPDATE").isLessThan(deadline);
                Thread.sleep(20);
            }
            replay.commit();
            run.get(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        Long rolled = db.dsl().fetchOne("SELECT sum(requests) FROM request_rollups WHERE hour = ?::timestamptz",
                lateHour.atOffset(ZoneOffset.UTC)).get(0, Long.class);
        assertThat(rolled).as("the late rows were rolled up after all").isEqualTo(7L);
        assertThat(job.settledUntil()).isEqualTo(Instant.parse("2026-11-20T12:00:00Z"));
    }
}
