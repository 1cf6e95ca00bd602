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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The analytics speed figure of issue 6: 10 million log rows over 30 days for 5 deployments (3 variants, 2 versions
 * each) in the embedded PostgreSQL, rollups built, then one deployment's analytics (per-variant P50/P95/P99, error
 * rate, cost, daily series) timed. Not part of the suite (the name does not end in Test); run it with
 * {@code ./mvnw -o -pl store -am test -Dtest=AnalyticsBench -Dsurefire.failIfNoSpecifiedTests=false -Dbench.rows=10000000}.
 * Prints FIGURE lines; asserts nothing about time.
 */
@Tag("benchmark")
class AnalyticsBench {
    @Test
    void analytics_of_one_deployment_over_10_million_rows() {
        long rows = Long.getLong("bench.rows", 10_000_000L);
        TestDatabase db = TestDatabase.fresh();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant start = now.minus(Duration.ofDays(30));
        long t0 = System.nanoTime();
        inChunks(rows, "rows", (done, n) -> db.dsl().execute("""
            INSERT INTO request_logs (id, created_at, deployment_key, version_number, variant_key, evaluation, status,
                http_status, latency_micros, prompt_tokens, completion_tokens, total_tokens, cached_tokens, source,
                cost_usd, ttft_micros)
            SELECT gen_random_uuid(), ?::timestamptz + (i::float8 / ?) * interval '30 days',
                   'deployment-' || (i % 5), 1 + (i / 7) % 2, (ARRAY['english','spanish','premium'])[1 + (i / 3) % 3],
                   'Default Matched', CASE WHEN random() < 0.03 THEN 'error' ELSE 'success' END, 200,
                   (exp(ln(800000) + 0.6 * sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random())))::bigint,
                   200 + (random() * 800)::int, 50 + (random() * 300)::int, 0, 0, 'API',
                   0.0000025 * (200 + (random() * 800)), CASE WHEN random() < 0.3 THEN (100000 + random() * 400000)::bigint END
            FROM generate_series(?::bigint, ?::bigint) AS i""",
                start.atOffset(ZoneOffset.UTC), rows, done, done + n - 1));
        db.dsl().execute("VACUUM ANALYZE request_logs");
        double insertSeconds = (System.nanoTime() - t0) / 1e9;

        RollupJob job = new RollupJob(db.dsl(), Clock.systemUTC());
        long t1 = System.nanoTime();
        int hours = job.runOnce();
        double rollupSeconds = (System.nanoTime() - t1) / 1e9;
        long t2 = System.nanoTime();
        job.runOnce();
        double incrementalMs = (System.nanoTime() - t2) / 1e6;
        db.dsl().execute("ANALYZE request_rollups");
        long rollupRows = db.dsl().resultQuery("SELECT count(*) FROM request_rollups").fetchOne(0, Long.class);

        JooqAnalytics analytics = new JooqAnalytics(db.dsl(), job);
        List<Double> ms = new ArrayList<>();
        AnalyticsReport report = null;
        for (int i = 0; i < 9; i++) {
            long t = System.nanoTime();
            report = analytics.report("deployment-3", now.minus(Duration.ofDays(30)), now, JooqAnalytics.Bucket.DAY,
                    JooqAnalytics.GroupBy.VARIANT);
            ms.add((System.nanoTime() - t) / 1e6);
        }
        List<Double> hourly = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            analytics.report("deployment-3", now.minus(Duration.ofDays(30)), now, JooqAnalytics.Bucket.HOUR,
                    JooqAnalytics.GroupBy.VERSION);
            hourly.add((System.nanoTime() - t) / 1e6);
        }
        JooqAnalytics exact = new JooqAnalytics(db.dsl(), job, Long.MAX_VALUE);
        List<Double> exactMs = new ArrayList<>();
        AnalyticsReport exactReport = null;
        for (int i = 0; i < 2; i++) {
            long t = System.nanoTime();
            exactReport = exact.report("deployment-3", now.minus(Duration.ofDays(30)), now, JooqAnalytics.Bucket.DAY,
                    JooqAnalytics.GroupBy.VARIANT);
            exactMs.add((System.nanoTime() - t) / 1e6);
        }

        System.out.printf(Locale.ROOT, "FIGURE analytics bench: %,d rows inserted in %.0f s; rollups of %d hours (%,d rollup rows) built in %.1f s; "
                + "an incremental run %.0f ms%n", rows, insertSeconds, hours, rollupRows, rollupSeconds, incrementalMs);
        System.out.printf(Locale.ROOT, "FIGURE analytics of one deployment (%,d requests, 30 days, daily series, per variant, %s): median %.0f ms, max %.0f ms over %d runs (first %.0f ms)%n",
                report.totals().requests(), report.percentiles(), median(ms), Collections.max(ms), ms.size(), ms.getFirst());
        System.out.printf(Locale.ROOT, "FIGURE same, hourly series per version: median %.0f ms, max %.0f ms%n", median(hourly), Collections.max(hourly));
        System.out.printf(Locale.ROOT, "FIGURE same computed exactly from the rows: median %.0f ms (%s)%n", median(exactMs), exactReport.percentiles());
        for (int g = 0; g < report.groups().size(); g++) {
            var h = report.groups().get(g).totals();
            var e = exactReport.groups().get(g).totals();
            System.out.printf(Locale.ROOT, "FIGURE %s: requests %d/%d errors %.4f/%.4f cost %s/%s p50 %.1f/%.1f p95 %.1f/%.1f p99 %.1f/%.1f ttft95 %.1f/%.1f ms (histogram/exact)%n",
                    report.groups().get(g).key(), h.requests(), e.requests(), h.errorRate(), e.errorRate(),
                    h.costUsd().toPlainString(), e.costUsd().toPlainString(), h.latencyP50Ms(), e.latencyP50Ms(),
                    h.latencyP95Ms(), e.latencyP95Ms(), h.latencyP99Ms(), e.latencyP99Ms(), h.ttftP95Ms(), e.ttftP95Ms());
        }
    }

    /** Calls {@code insert(done, n)} for chunks of a million rows up to {@code rows}; returns the seconds it took. */
    static double inChunks(long rows, String what, java.util.function.BiConsumer<Long, Long> insert) {
        long t0 = System.nanoTime();
        long chunk = 1_000_000;
        for (long done = 0; done < rows; done += chunk) {
            long n = Math.min(chunk, rows - done);
            insert.accept(done, n);
            System.out.printf(Locale.ROOT, "inserted %,d %s (%.0f s)%n", done + n, what, (System.nanoTime() - t0) / 1e9);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
