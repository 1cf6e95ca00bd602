package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** Scores in a deployment's analytics, per variant and per version: from the rows and from the rollups alike. */
class ScoreAnalyticsTest {
    private final TestDatabase db = TestDatabase.fresh();
    private final Instant now = Instant.parse("2026-11-20T12:30:00Z");
    private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    private final Instant from = now.minus(Duration.ofDays(2)).plus(Duration.ofMinutes(15)); // a partial first hour
    private final Instant old = now.minus(Duration.ofHours(30)).truncatedTo(ChronoUnit.HOURS);

    /**
     * n scores at {@code at} (spread over its first minute): value {@code offset + i / 100} for i = 1..n; a fifth
     * (i % 5 = 0) with no pass or fail, of the rest those with i % 3 = 0 failed.
     */
    private void scores(String deployment, String variant, int version, String name, Instant at, int n, double offset) {
        db.dsl().execute("""
            INSERT INTO request_scores (id, request_id, request_created_at, deployment_key, version_number, variant_key,
                rule_id, name, kind, value, passed, reason, created_at)
            SELECT gen_random_uuid(), gen_random_uuid(), ?::timestamptz + (i % 60) * interval '1 second', ?, ?, ?,
                   'split-1', ?, 'judge', ? + i / 100.0, CASE WHEN i % 5 = 0 THEN NULL ELSE i % 3 <> 0 END, NULL, now()
            FROM generate_series(1, ?) AS i""", at.atOffset(ZoneOffset.UTC), deployment, version, variant, name, offset, n);
    }

    /** The expected stats of {@link #scores} calls with these (n, offset). */
    private static AnalyticsReport.ScoreStats expected(String name, int[] ns, double[] offsets) {
        long n = 0, passed = 0, failed = 0;
        double sum = 0;
        for (int k = 0; k < ns.length; k++) {
            for (int i = 1; i <= ns[k]; i++) {
                n++;
                sum += offsets[k] + i / 100.0;
                if (i % 5 == 0) continue;
                if (i % 3 != 0) passed++;
                else failed++;
            }
        }
        return new AnalyticsReport.ScoreStats(name, n, sum / n, passed, failed, (double) passed / (passed + failed));
    }

    /** n successful requests at {@code at}. */
    private void logs(String deployment, String variant, int version, Instant at, int n) {
        db.dsl().execute("""
            INSERT INTO request_logs (id, created_at, deployment_key, version_number, variant_key, evaluation, status,
                http_status, latency_micros, source)
            SELECT gen_random_uuid(), ?::timestamptz, ?, ?, ?, 'Default Matched', 'success', 200, 1000, 'API'
            FROM generate_series(1, ?)""", at.atOffset(ZoneOffset.UTC), deployment, version, variant, n);
    }

    private void data() {
        logs("other", "english", 1, now.minus(Duration.ofDays(3)), 1); // the rollup job starts from the oldest row
        logs("support", "english", 1, old, 50);
        scores("support", "english", 1, "helpful", old, 300, 0);                          // settled
        scores("support", "english", 1, "helpful", now.minus(Duration.ofMinutes(20)), 40, 0.5); // not settled
        scores("support", "english", 2, "polite", old.plus(Duration.ofHours(3)), 100, 1);
        scores("support", "spanish", 2, "helpful", old.plus(Duration.ofHours(2)), 200, 0.25);
        scores("support", "spanish", 2, "helpful", from.plus(Duration.ofMinutes(10)), 30, 0);   // in the partial first hour
        scores("support", "spanish", 2, "helpful", from.minus(Duration.ofMinutes(10)), 1000, 7); // before the window
        scores("other", "english", 1, "helpful", old, 500, 9);                                 // another deployment
    }

    private static void assertSame(List<AnalyticsReport.ScoreStats> actual, List<AnalyticsReport.ScoreStats> expected) {
        assertThat(actual).extracting(AnalyticsReport.ScoreStats::name)
                .containsExactlyElementsOf(expected.stream().map(AnalyticsReport.ScoreStats::name).toList());
        for (int i = 0; i < expected.size(); i++) {
            AnalyticsReport.ScoreStats a = actual.get(i);
            AnalyticsReport.ScoreStats e = expected.get(i);
            assertThat(a.n()).as(e.name()).isEqualTo(e.n());
            assertThat(a.mean()).as(e.name()).isCloseTo(e.mean(), within(1e-9));
            assertThat(a.passed()).isEqualTo(e.passed());
            assertThat(a.failed()).isEqualTo(e.failed());
            assertThat(a.passedRate()).isCloseTo(e.passedRate(), within(1e-12));
        }
    }

    @Test
    void scores_per_variant_are_the_same_from_the_rows_and_from_the_rollups() {
        data();
        RollupJob job = new RollupJob(db.dsl(), clock);
        assertThat(job.runOnce()).isPositive();
        job.runOnce(); // again: replaces, never adds
        assertThat(db.dsl().resultQuery("SELECT sum(n) FROM score_rollups WHERE deployment_key = 'support'")
                .fetchOne(0, Long.class)).isEqualTo(300 + 100 + 200 + 30 + 1000);

        ScoreAnalytics.Sections fromRows = new ScoreAnalytics(db.dsl(), Long.MAX_VALUE)
                .of("support", from, now, JooqAnalytics.GroupBy.VARIANT, job.settledUntil());
        ScoreAnalytics.Sections fromRollups = new ScoreAnalytics(db.dsl(), 0)
                .of("support", from, now, JooqAnalytics.GroupBy.VARIANT, job.settledUntil());
        assertThat(fromRows.fromRollups()).isFalse();
        assertThat(fromRollups.fromRollups()).isTrue();

        AnalyticsReport rows = new JooqAnalytics(db.dsl(), job, Long.MAX_VALUE).report("support", from, now,
                JooqAnalytics.Bucket.DAY, JooqAnalytics.GroupBy.VARIANT);
        AnalyticsReport rolled = new JooqAnalytics(db.dsl(), job, 0).report("support", from, now,
                JooqAnalytics.Bucket.DAY, JooqAnalytics.GroupBy.VARIANT);
        assertThat(rows.groups()).extracting(AnalyticsReport.Group::key).containsExactly("english", "spanish");
        assertThat(rolled.groups()).extracting(AnalyticsReport.Group::key).containsExactly("english", "spanish");
        assertThat(rolled.groups().get(1).totals().requests()).as("spanish has scores and no requests").isZero();

        List<AnalyticsReport.ScoreStats> english = List.of(
                expected("helpful", new int[] {300, 40}, new double[] {0, 0.5}),
                expected("polite", new int[] {100}, new double[] {1}));
        List<AnalyticsReport.ScoreStats> spanish = List.of(expected("helpful", new int[] {200, 30}, new double[] {0.25, 0}));
        for (AnalyticsReport r : List.of(rows, rolled)) {
            assertSame(r.groups().get(0).scores(), english);
            assertSame(r.groups().get(1).scores(), spanish);
            assertSame(r.scores(), List.of(expected("helpful", new int[] {300, 40, 200, 30}, new double[] {0, 0.5, 0.25, 0}),
                    english.get(1)));
        }
    }

    @Test
    void scores_per_version_are_the_same_from_the_rows_and_from_the_rollups() {
        data();
        RollupJob job = new RollupJob(db.dsl(), clock);
        job.runOnce();
        List<AnalyticsReport.ScoreStats> v1 = List.of(expected("helpful", new int[] {300, 40}, new double[] {0, 0.5}));
        List<AnalyticsReport.ScoreStats> v2 = List.of(expected("helpful", new int[] {200, 30}, new double[] {0.25, 0}),
                expected("polite", new int[] {100}, new double[] {1}));
        for (long limit : new long[] {Long.MAX_VALUE, 0}) {
            AnalyticsReport r = new JooqAnalytics(db.dsl(), job, limit).report("support", from, now,
                    JooqAnalytics.Bucket.HOUR, JooqAnalytics.GroupBy.VERSION);
            assertThat(r.groups()).extracting(AnalyticsReport.Group::key).containsExactly("1", "2");
            assertSame(r.groups().get(0).scores(), v1);
            assertSame(r.groups().get(1).scores(), v2);
        }
        AnalyticsReport none = new JooqAnalytics(db.dsl(), job, 0).report("support", from, now,
                JooqAnalytics.Bucket.DAY, JooqAnalytics.GroupBy.NONE);
        assertThat(none.groups()).isEmpty();
        assertThat(none.scores()).extracting(AnalyticsReport.ScoreStats::name).containsExactly("helpful", "polite");
    }

    @Test
    void a_late_score_of_a_settled_hour_is_counted_after_reopen() {
        RollupJob job = new RollupJob(db.dsl(), clock);
        job.runOnce();
        scores("support", "english", 1, "helpful", old, 10, 0);
        job.runOnce();
        assertThat(db.dsl().fetchCount(DSL.table("score_rollups"))).as("30 h ago: beyond the relook").isZero();
        job.reopen(old);
        job.runOnce();
        assertThat(db.dsl().resultQuery("SELECT sum(n) FROM score_rollups").fetchOne(0, Long.class)).isEqualTo(10);
        assertThat(db.dsl().resultQuery("SELECT rule_id FROM score_rollups").fetchOne(0, String.class)).isEqualTo("split-1");
    }
}
