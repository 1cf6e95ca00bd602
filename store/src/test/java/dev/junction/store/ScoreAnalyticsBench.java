package dev.junction.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The scores analytics figure of issue #22: 10 million request_scores rows over 30 days in the embedded PostgreSQL
 * (5 million requests scored by two evaluators, "helpful" with a pass or fail and "polite" with a value only; 5
 * deployments, 3 variants, 2 versions, one split rule; ids time-ordered as the gateway's UUIDv7 are), score rollups
 * built, then one deployment's scores analytics over 30 days timed. Not part of the suite (the name does not end in
 * Test); run it with {@code ./mvnw -o -pl store -am verify -Dtest=ScoreAnalyticsBench
 * -Dsurefire.failIfNoSpecifiedTests=false -Dbench.rows=10000000}. Prints FIGURE lines; asserts nothing about time.
 */
@Tag("benchmark")
class ScoreAnalyticsBench {
    @Test
    void scores_analytics_of_one_deployment_over_10_million_scores() {
        long rows = Long.getLong("bench.rows", 10_000_000L);
        long requests = rows / 2;
        TestDatabase db = TestDatabase.fresh();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant start = now.minus(Duration.ofDays(30));
        long t0 = System.nanoTime();
        AnalyticsBench.inChunks(rows, "scores", (done, n) -> db.dsl().execute("""
            INSERT INTO request_scores (id, request_id, request_created_at, deployment_key, version_number,
                variant_key, rule_id, name, kind, value, passed, reason, created_at)
            SELECT (lpad(to_hex(ms), 12, '0') || lpad(to_hex(i), 20, '0'))::uuid,
                   (lpad(to_hex(ms), 12, '0') || 'f' || lpad(to_hex(r), 19, '0'))::uuid,
                   t, 'deployment-' || (r % 5), 1 + (r / 7) % 2, (ARRAY['english','spanish','premium'])[1 + (r / 3) % 3],
                   'split-1', CASE WHEN i % 2 = 0 THEN 'helpful' ELSE 'polite' END, 'judge', random(),
                   CASE WHEN i % 2 = 0 THEN random() < 0.8 END, CASE WHEN random() < 0.1 THEN 'off topic' END,
                   t + interval '2 seconds'
            FROM (SELECT i, r, t, (extract(epoch FROM t) * 1000)::bigint AS ms
                  FROM (SELECT i, i / 2 AS r, ?::timestamptz + ((i / 2)::float8 / ?) * interval '30 days' AS t
                        FROM generate_series(?::bigint, ?::bigint) AS i) g) x""",
                start.atOffset(ZoneOffset.UTC), requests, done, done + n - 1));
        db.dsl().execute("VACUUM ANALYZE request_scores");
        double insertSeconds = (System.nanoTime() - t0) / 1e9;

        // no request_logs here: the rollup job starts from the window's first hour
        db.dsl().execute("INSERT INTO rollup_state (id, settled_until, updated_at) VALUES (1, ?::timestamptz, now())",
                start.truncatedTo(ChronoUnit.HOURS).atOffset(ZoneOffset.UTC));
        RollupJob job = new RollupJob(db.dsl(), Clock.systemUTC());
        long t1 = System.nanoTime();
        int hours = job.runOnce();
        double rollupSeconds = (System.nanoTime() - t1) / 1e9;
        List<Double> incremental = new ArrayList<>();
        for (int i = 0; i < 5; i++) incremental.add(time(job::runOnce));
        db.dsl().execute("ANALYZE score_rollups");
        long rollupRows = db.dsl().resultQuery("SELECT count(*) FROM score_rollups").fetchOne(0, Long.class);
        String plan = String.join("\n", db.dsl().resultQuery("EXPLAIN " + RollupSql.aggregateScores(),
                now.minus(Duration.ofHours(3)).atOffset(ZoneOffset.UTC), now.atOffset(ZoneOffset.UTC)).fetch(0, String.class));

        Instant from = now.minus(Duration.ofDays(30));
        Instant settled = job.settledUntil();
        ScoreAnalytics rolled = new ScoreAnalytics(db.dsl(), JooqAnalytics.EXACT_LIMIT);
        ScoreAnalytics.Sections[] last = new ScoreAnalytics.Sections[1];
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            ms.add(time(() -> last[0] = rolled.of("deployment-3", from, now, JooqAnalytics.GroupBy.VARIANT, settled)));
        }
        List<Double> byVersion = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            byVersion.add(time(() -> rolled.of("deployment-3", from, now, JooqAnalytics.GroupBy.VERSION, settled)));
        }
        JooqAnalytics analytics = new JooqAnalytics(db.dsl(), job);
        List<Double> report = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            report.add(time(() -> analytics.report("deployment-3", from, now, JooqAnalytics.Bucket.DAY,
                    JooqAnalytics.GroupBy.VARIANT)));
        }
        ScoreAnalytics exact = new ScoreAnalytics(db.dsl(), Long.MAX_VALUE);
        ScoreAnalytics.Sections[] exactLast = new ScoreAnalytics.Sections[1];
        List<Double> exactMs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            exactMs.add(time(() -> exactLast[0] = exact.of("deployment-3", from, now, JooqAnalytics.GroupBy.VARIANT, settled)));
        }
        JooqArmStats arms = new JooqArmStats(db.dsl());
        List<Double> armMs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            armMs.add(time(() -> arms.armStats("deployment-3", "split-1", from, now, JooqArmStats.Metric.SCORE, "helpful")));
        }

        long n = last[0].totals().stream().mapToLong(AnalyticsReport.ScoreStats::n).sum();
        System.out.printf(Locale.ROOT, "FIGURE score bench: %,d scores inserted in %.0f s; score rollups of %d hours (%,d rows) built in %.1f s; "
                + "an incremental run (last 2 settled hours again): median %.0f ms%n", rows, insertSeconds, hours, rollupRows,
                rollupSeconds, AnalyticsBench.median(incremental));
        System.out.printf(Locale.ROOT, "FIGURE scores analytics of one deployment (%,d scores, 30 days, per variant, %s): median %.0f ms, max %.0f ms over %d runs (first %.0f ms)%n",
                n, last[0].fromRollups() ? "rollups + edge rows" : "rows", AnalyticsBench.median(ms), Collections.max(ms), ms.size(), ms.getFirst());
        System.out.printf(Locale.ROOT, "FIGURE same per version: median %.0f ms%n", AnalyticsBench.median(byVersion));
        System.out.printf(Locale.ROOT, "FIGURE the whole analytics report (no request rows here, scores per variant): median %.0f ms%n", AnalyticsBench.median(report));
        System.out.printf(Locale.ROOT, "FIGURE same scores computed from the rows: median %.0f ms%n", AnalyticsBench.median(exactMs));
        System.out.printf(Locale.ROOT, "FIGURE armStats SCORE of one deployment over 30 days (rows): median %.0f ms%n", AnalyticsBench.median(armMs));
        for (int g = 0; g < 3; g++) {
            String key = List.copyOf(last[0].groups().keySet()).get(g);
            for (int s = 0; s < last[0].groups().get(key).size(); s++) {
                var a = last[0].groups().get(key).get(s);
                var e = exactLast[0].groups().get(key).get(s);
                System.out.printf(Locale.ROOT, "FIGURE %s %s: n %d/%d mean %.6f/%.6f passedRate %s/%s (rollups/rows)%n", key,
                        a.name(), a.n(), e.n(), a.mean(), e.mean(), a.passedRate(), e.passedRate());
            }
        }
        System.out.println("FIGURE plan of the rollup scan of 3 hours:\n" + plan);
    }

    private static double time(Supplier<?> work) {
        long t = System.nanoTime();
        work.get();
        return (System.nanoTime() - t) / 1e6;
    }
}
