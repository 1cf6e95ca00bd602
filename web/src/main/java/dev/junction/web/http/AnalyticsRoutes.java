package dev.junction.web.http;

import dev.junction.engine.deployment.DeploymentService;
import dev.junction.store.AnalyticsReport;
import dev.junction.store.JooqAnalytics;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/deployments/{key}/analytics?from=&to=&bucket=hour|day&groupBy=variant|version|none}: requests,
 * errors, cost, tokens, latency percentiles and time to first token, in total, as a time series, and per group.
 * The window defaults to the last 30 days, at most 400 days; buckets are UTC hours or days.
 */
public final class AnalyticsRoutes implements Routes {
    static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    static final Duration MAX_WINDOW = Duration.ofDays(400);

    private final JooqAnalytics analytics;
    private final DeploymentService deployments;
    private final Clock clock;

    public AnalyticsRoutes(JooqAnalytics analytics, DeploymentService deployments, Clock clock) {
        this.analytics = analytics;
        this.deployments = deployments;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/deployments/{key}/analytics", this::report);
    }

    private void report(Context ctx) {
        String key = ctx.pathParam("key");
        deployments.get(key); // 404 for an unknown deployment
        Instant to = QueryParams.instant(ctx, "to");
        if (to == null) to = clock.instant();
        Instant from = QueryParams.instant(ctx, "from");
        if (from == null) from = to.minus(DEFAULT_WINDOW);
        if (!from.isBefore(to)) throw ApiError.badRequest("to", "must be after from");
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) throw ApiError.badRequest("from", "the window is at most 400 days");
        List<String> bucket = QueryParams.oneOf(ctx, "bucket", Set.of("hour", "day"), false);
        List<String> groupBy = QueryParams.oneOf(ctx, "groupBy", Set.of("variant", "version", "none"), false);
        if (bucket.size() > 1) throw ApiError.badRequest("bucket", "one of hour, day");
        if (groupBy.size() > 1) throw ApiError.badRequest("groupBy", "one of variant, version, none");
        AnalyticsReport r = analytics.report(key, from, to,
                bucket.isEmpty() ? JooqAnalytics.Bucket.DAY : JooqAnalytics.Bucket.valueOf(bucket.getFirst().toUpperCase(Locale.ROOT)),
                groupBy.isEmpty() ? JooqAnalytics.GroupBy.VARIANT : JooqAnalytics.GroupBy.valueOf(groupBy.getFirst().toUpperCase(Locale.ROOT)));
        ctx.json(json(r));
    }

    static Map<String, Object> json(AnalyticsReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deployment", r.deployment());
        m.put("from", r.from().toString());
        m.put("to", r.to().toString());
        m.put("bucket", r.bucket());
        m.put("groupBy", r.groupBy());
        m.put("percentiles", r.percentiles());
        m.put("rolledUpUntil", r.rolledUpUntil() == null ? null : r.rolledUpUntil().toString());
        m.put("totals", metrics(r.totals()));
        m.put("series", series(r.series()));
        m.put("scores", scores(r.scores()));
        m.put("groups", r.groups().stream().map(g -> {
            Map<String, Object> gm = new LinkedHashMap<>();
            gm.put(r.groupBy(), r.groupBy().equals("version") ? (Object) Integer.parseInt(g.key()) : g.key());
            gm.putAll(metrics(g.totals()));
            gm.put("scores", scores(g.scores()));
            gm.put("series", series(g.series()));
            return gm;
        }).toList());
        return m;
    }

    /** The evaluators' scores: per name, how many, their mean and the share that passed (null when none said). */
    private static List<Map<String, Object>> scores(List<AnalyticsReport.ScoreStats> stats) {
        if (stats == null) return List.of();
        return stats.stream().map(s -> {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("name", s.name());
            sm.put("n", s.n());
            sm.put("mean", s.mean());
            sm.put("passed", s.passed());
            sm.put("failed", s.failed());
            sm.put("passedRate", s.passedRate());
            return sm;
        }).toList();
    }

    private static List<Map<String, Object>> series(List<AnalyticsReport.Point> points) {
        return points.stream().map(p -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("start", p.start().toString());
            pm.putAll(metrics(p.metrics()));
            return pm;
        }).toList();
    }

    private static Map<String, Object> metrics(AnalyticsReport.Metrics x) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", x.requests());
        m.put("errors", x.errors());
        m.put("errorRate", x.errorRate());
        m.put("costUsd", x.costUsd());
        m.put("costPerRequestUsd", x.costPerRequestUsd());
        m.put("tokens", Map.of("prompt", x.promptTokens(), "completion", x.completionTokens(), "cached", x.cachedTokens(),
                "cacheWrite", x.cacheWriteTokens(), "total", x.totalTokens()));
        m.put("promptCacheSavedUsd", x.promptCacheSavedUsd());
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("avg", x.latencyAvgMs());
        latency.put("p50", x.latencyP50Ms());
        latency.put("p95", x.latencyP95Ms());
        latency.put("p99", x.latencyP99Ms());
        m.put("latencyMs", latency);
        Map<String, Object> ttft = new LinkedHashMap<>();
        ttft.put("p95", x.ttftP95Ms());
        m.put("ttftMs", ttft);
        Map<String, Object> cache = new LinkedHashMap<>();
        cache.put("hits", x.cacheHits());
        cache.put("hitRate", x.cacheHitRate());
        cache.put("savedUsd", x.cacheSavedUsd());
        m.put("cache", cache);
        return m;
    }
}
