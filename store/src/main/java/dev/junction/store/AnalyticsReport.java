package dev.junction.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A deployment's analytics over [from, to): totals, a time series, and the same per group (variant or version).
 * Counts, error rates, costs and tokens are exact; {@code percentiles} says where the percentiles come from:
 * {@code exact} (computed from the rows) or {@code histogram} (merged hourly rollup histograms, each within
 * {@link dev.junction.engine.log.LatencyBuckets#RELATIVE_ERROR} of the true value). {@code scores}: the evaluators'
 * scores of the window's requests, per evaluator name, over all groups (and per group in each {@link Group}).
 */
public record AnalyticsReport(String deployment, Instant from, Instant to, String bucket, String groupBy,
                              String percentiles, Instant rolledUpUntil, Metrics totals, List<Point> series,
                              List<Group> groups, List<ScoreStats> scores) {

    /**
     * Errors are requests whose status is {@code error} or {@code truncated}; the error rate and the cost per request
     * are over all requests (null when there are none); latencies and time to first token in milliseconds (null
     * when none was measured). Provider prompt caching: {@code cachedTokens} read from the providers' caches,
     * {@code cacheWriteTokens} written to them (Anthropic), and {@code promptCacheSavedUsd}, what the cached tokens
     * saved against the input price. {@code cacheHits}: requests answered from the response cache; {@code cacheHitRate}
     * over all requests (null when there are none); {@code cacheSavedUsd}: what those answers had cost when the model
     * gave them (the hits themselves cost 0).
     */
    public record Metrics(long requests, long errors, Double errorRate, BigDecimal costUsd, BigDecimal costPerRequestUsd,
                          long promptTokens, long completionTokens, long cachedTokens, Double latencyAvgMs,
                          Double latencyP50Ms, Double latencyP95Ms, Double latencyP99Ms, Double ttftP95Ms,
                          long cacheWriteTokens, BigDecimal promptCacheSavedUsd,
                          long cacheHits, Double cacheHitRate, BigDecimal cacheSavedUsd) {
        public long totalTokens() {
            return promptTokens + completionTokens;
        }
    }

    public record Point(Instant start, Metrics metrics) {}

    /**
     * {@code key}: the variant, or the version number as text. {@code scores}: the group's scores per evaluator name
     * (a group with scores and no request in the window, its rows dropped by retention, has zero requests).
     */
    public record Group(String key, Metrics totals, List<Point> series, List<ScoreStats> scores) {}

    /**
     * One evaluator's scores ({@code name}) of the requests of the window: {@code n} scores, their {@code mean} value;
     * {@code passed} and {@code failed} count the scores with a pass or fail ({@code passedRate} = passed / (passed +
     * failed), null when none has one). The same whether read from the rows or the hourly score rollups (the mean up
     * to floating-point rounding).
     */
    public record ScoreStats(String name, long n, double mean, long passed, long failed, Double passedRate) {}
}
