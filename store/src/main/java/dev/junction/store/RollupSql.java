package dev.junction.store;

import dev.junction.engine.log.LatencyBuckets;

/**
 * The one aggregation of request_logs into hourly rollup rows (and of request_scores into score rollups, below), shared by the rollup job (which stores its rows) and
 * the analytics query (which reads the hours not rolled up yet the same way). Columns: d, v, var, h, requests,
 * errors, prompt_tokens, completion_tokens, cached_tokens, cost_usd, cache_write_tokens, prompt_cache_saved_usd
 * (provider prompt caching), latency_sum, latency_min, latency_max, latency_buckets, latency_counts, ttft_count,
 * ttft_min, ttft_max, ttft_buckets, ttft_counts, cache_hits, cache_saved_usd (response cache hits and the money they
 * saved). Binds: from, to
 * (and the deployment key when {@code oneDeployment}).
 */
final class RollupSql {
    /** Statuses that count as errors in analytics: the request failed, or its stream was cut short. */
    static final String ERROR_STATUSES = "('error', 'truncated')";

    private RollupSql() {}

    static String aggregate(boolean oneDeployment) {
        return """
            WITH r AS MATERIALIZED (
              SELECT deployment_key AS d, coalesce(version_number, 0) AS v, coalesce(variant_key, '') AS var,
                     date_bin('1 hour', created_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS h, status, latency_micros, ttft_micros,
                     prompt_tokens, completion_tokens, cached_tokens, cost_usd, cache_write_tokens, prompt_cache_saved_usd,
                     cache_status, cache_saved_usd
              FROM request_logs WHERE created_at >= ?::timestamptz AND created_at < ?::timestamptz %s
            ), base AS (
              SELECT d, v, var, h, count(*) AS requests,
                     count(*) FILTER (WHERE status IN %s) AS errors,
                     coalesce(sum(prompt_tokens), 0)::bigint AS prompt_tokens,
                     coalesce(sum(completion_tokens), 0)::bigint AS completion_tokens,
                     coalesce(sum(cached_tokens), 0)::bigint AS cached_tokens,
                     coalesce(sum(cost_usd), 0) AS cost_usd,
                     coalesce(sum(cache_write_tokens), 0)::bigint AS cache_write_tokens,
                     coalesce(sum(prompt_cache_saved_usd), 0) AS prompt_cache_saved_usd,
                     count(*) FILTER (WHERE cache_status = 'hit') AS cache_hits,
                     coalesce(sum(cache_saved_usd), 0) AS cache_saved_usd,
                     sum(latency_micros)::bigint AS latency_sum, min(latency_micros) AS latency_min,
                     max(latency_micros) AS latency_max,
                     count(ttft_micros) AS ttft_count, min(ttft_micros) AS ttft_min, max(ttft_micros) AS ttft_max
              FROM r GROUP BY d, v, var, h
            ), lat AS (
              SELECT d, v, var, h, array_agg(b::smallint ORDER BY b) AS buckets, array_agg(n ORDER BY b) AS counts
              FROM (SELECT d, v, var, h, %s AS b, count(*) AS n FROM r GROUP BY d, v, var, h, b) x
              GROUP BY d, v, var, h
            ), ttft AS (
              SELECT d, v, var, h, array_agg(b::smallint ORDER BY b) AS buckets, array_agg(n ORDER BY b) AS counts
              FROM (SELECT d, v, var, h, %s AS b, count(*) AS n FROM r WHERE ttft_micros IS NOT NULL
                    GROUP BY d, v, var, h, b) x
              GROUP BY d, v, var, h
            )
            SELECT base.d, base.v, base.var, base.h, base.requests, base.errors, base.prompt_tokens,
                   base.completion_tokens, base.cached_tokens, base.cost_usd, base.cache_write_tokens,
                   base.prompt_cache_saved_usd, base.latency_sum, base.latency_min,
                   base.latency_max, lat.buckets AS latency_buckets, lat.counts AS latency_counts, base.ttft_count,
                   base.ttft_min, base.ttft_max, ttft.buckets AS ttft_buckets, ttft.counts AS ttft_counts,
                   base.cache_hits, base.cache_saved_usd
            FROM base JOIN lat USING (d, v, var, h) LEFT JOIN ttft USING (d, v, var, h)
            """.formatted(oneDeployment ? "AND deployment_key = ?" : "", ERROR_STATUSES,
                LatencyBuckets.sql("latency_micros"), LatencyBuckets.sql("ttft_micros"));
    }

    /** Stores the aggregate of [from, to) in request_rollups (the hours must have been deleted first). */
    static String insertRollups() {
        return """
            INSERT INTO request_rollups (deployment_key, version_number, variant_key, hour, requests, errors,
                prompt_tokens, completion_tokens, cached_tokens, cost_usd, cache_write_tokens, prompt_cache_saved_usd,
                latency_sum_micros, latency_min_micros,
                latency_max_micros, latency_buckets, latency_counts, ttft_count, ttft_min_micros, ttft_max_micros,
                ttft_buckets, ttft_counts, cache_hits, cache_saved_usd)
            """ + aggregate(false);
    }

    /** The same columns, arrays as text, from the aggregate of one deployment's rows in [from, to). */
    static String readRows() {
        return "SELECT a.v, a.var, a.h, a.requests, a.errors, a.prompt_tokens, a.completion_tokens, a.cached_tokens,"
                + " a.cost_usd, a.cache_write_tokens, a.prompt_cache_saved_usd, a.latency_sum, a.latency_min, a.latency_max,"
                + " array_to_string(a.latency_buckets, ',') AS lb, array_to_string(a.latency_counts, ',') AS lc,"
                + " a.ttft_count, a.ttft_min, a.ttft_max,"
                + " array_to_string(a.ttft_buckets, ',') AS tb, array_to_string(a.ttft_counts, ',') AS tc,"
                + " a.cache_hits, a.cache_saved_usd"
                + " FROM (" + aggregate(true) + ") a";
    }

    /** One deployment's stored rollups of the hours in [from, to), in the columns of {@link #readRows()}. */
    static String readRollups() {
        return "SELECT version_number AS v, variant_key AS var, hour AS h, requests, errors, prompt_tokens,"
                + " completion_tokens, cached_tokens, cost_usd, cache_write_tokens, prompt_cache_saved_usd,"
                + " latency_sum_micros AS latency_sum,"
                + " latency_min_micros AS latency_min, latency_max_micros AS latency_max,"
                + " array_to_string(latency_buckets, ',') AS lb, array_to_string(latency_counts, ',') AS lc,"
                + " ttft_count, ttft_min_micros AS ttft_min, ttft_max_micros AS ttft_max,"
                + " array_to_string(ttft_buckets, ',') AS tb, array_to_string(ttft_counts, ',') AS tc,"
                + " cache_hits, cache_saved_usd"
                + " FROM request_rollups WHERE deployment_key = ? AND hour >= ?::timestamptz AND hour < ?::timestamptz";
    }

    /**
     * The one aggregation of request_scores into hourly score rollup rows, by the hour of the request's time (so a
     * score counts in the hour its request does): d, v, var, rule_key, name, h, n, sum, sum_squares, passed, failed.
     * Binds: from, to.
     */
    static String aggregateScores() {
        return """
            SELECT deployment_key AS d, coalesce(version_number, 0) AS v, coalesce(variant_key, '') AS var,
                   coalesce(rule_id, '') AS rule_key, name,
                   date_bin('1 hour', request_created_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS h,
                   count(*) AS n, sum(value) AS sum, sum(value * value) AS sum_squares,
                   count(*) FILTER (WHERE passed) AS passed, count(*) FILTER (WHERE NOT passed) AS failed
            FROM request_scores WHERE request_created_at >= ?::timestamptz AND request_created_at < ?::timestamptz
            GROUP BY 1, 2, 3, 4, 5, 6
            """;
    }

    /** Stores the score aggregate of [from, to) in score_rollups (the hours must have been deleted first). */
    static String insertScoreRollups() {
        return "INSERT INTO score_rollups (deployment_key, version_number, variant_key, rule_id, name, hour, n, sum,"
                + " sum_squares, passed, failed) " + aggregateScores();
    }

    /**
     * One deployment's scores in [from, to) from the rows, per version, variant and name: v, var, name, n, sum,
     * sum_squares, passed, failed. Binds: deployment, from, to.
     */
    static String readScoreRows() {
        return """
            SELECT coalesce(version_number, 0) AS v, coalesce(variant_key, '') AS var, name, count(*) AS n,
                   sum(value) AS sum, sum(value * value) AS sum_squares,
                   count(*) FILTER (WHERE passed) AS passed, count(*) FILTER (WHERE NOT passed) AS failed
            FROM request_scores
            WHERE deployment_key = ? AND request_created_at >= ?::timestamptz AND request_created_at < ?::timestamptz
            GROUP BY 1, 2, 3
            """;
    }

    /** The same columns from one deployment's stored score rollups of the hours in [from, to). */
    static String readScoreRollups() {
        return """
            SELECT version_number AS v, variant_key AS var, name, sum(n)::bigint AS n, sum(sum) AS sum,
                   sum(sum_squares) AS sum_squares, sum(passed)::bigint AS passed, sum(failed)::bigint AS failed
            FROM score_rollups WHERE deployment_key = ? AND hour >= ?::timestamptz AND hour < ?::timestamptz
            GROUP BY 1, 2, 3
            """;
    }
}
