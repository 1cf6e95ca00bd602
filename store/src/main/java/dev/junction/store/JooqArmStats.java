package dev.junction.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jooq.DSLContext;

/**
 * The per-arm totals an experiment compares: the requests of one deployment routed by one rule (the experiment's
 * split row) in [from, to), per variant, as n, sum and sum of squares of one metric. Requests without a variant are
 * left out. Log rows are found by the deployment's time index (request_logs_deployment_time), scores by
 * request_scores_deployment_time. Every row of the window is read (request_rollups keep no rule and feedback has
 * no rollup), so the time grows with the deployment's requests in the window.
 */
public final class JooqArmStats {
    /** What an experiment measures per request. */
    public enum Metric {
        /**
         * A feedback property ({@code name}) of the request, mapped to a number by {@link FeedbackValues}; requests
         * without it, or with a value that maps to none, are left out.
         */
        FEEDBACK,
        /** The value of the evaluator {@code name}'s score of the request; requests it did not score are left out. */
        SCORE,
        /** The cost in USD of each successful request that was priced. */
        COST,
        /** The latency in milliseconds of each successful request. */
        LATENCY,
        /** 1 for each request that failed (status error or truncated), 0 for any other: every request counts. */
        ERROR_RATE
    }

    private final DSLContext dsl;

    public JooqArmStats(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Per variant (sorted), the totals of {@code metric} over the requests of {@code deploymentKey} routed by the rule
     * {@code ruleId} in [from, to) (by request time). {@code name}: the feedback property or the evaluator, for
     * {@link Metric#FEEDBACK} and {@link Metric#SCORE}; ignored otherwise. A variant with no observation is absent.
     */
    public List<ArmTotals> armStats(String deploymentKey, String ruleId, Instant from, Instant to, Metric metric,
                                    String name) {
        Objects.requireNonNull(deploymentKey, "deploymentKey");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(metric, "metric");
        if ((metric == Metric.FEEDBACK || metric == Metric.SCORE) && name == null) {
            throw new IllegalArgumentException(metric + " needs the name of the feedback property or evaluator");
        }
        var lo = JooqAnalytics.utc(from);
        var hi = JooqAnalytics.utc(to);
        var query = switch (metric) {
            case FEEDBACK -> dsl.resultQuery(overLogs("""
                    request_logs l JOIN request_feedback f ON f.request_id = l.id AND f.property = ?
                    CROSS JOIN LATERAL (SELECT %s AS x) v""".formatted(FeedbackValues.sql("f.value")), "v.x", ""),
                    name, deploymentKey, ruleId, lo, hi);
            case SCORE -> dsl.resultQuery("""
                    SELECT variant_key AS arm, count(*) AS n, sum(value) AS sum, sum(value * value) AS sum_squares
                    FROM request_scores
                    WHERE deployment_key = ? AND rule_id = ? AND request_created_at >= ?::timestamptz
                      AND request_created_at < ?::timestamptz AND name = ? AND variant_key IS NOT NULL
                    GROUP BY variant_key ORDER BY variant_key""", deploymentKey, ruleId, lo, hi, name);
            case COST -> dsl.resultQuery(overLogs("request_logs l", "l.cost_usd::float8", "AND l.status = 'success'"),
                    deploymentKey, ruleId, lo, hi);
            case LATENCY -> dsl.resultQuery(overLogs("request_logs l", "(l.latency_micros::float8 / 1000)",
                    "AND l.status = 'success'"), deploymentKey, ruleId, lo, hi);
            case ERROR_RATE -> dsl.resultQuery(overLogs("request_logs l",
                    "(CASE WHEN l.status IN " + RollupSql.ERROR_STATUSES + " THEN 1.0 ELSE 0.0 END)::float8", ""),
                    deploymentKey, ruleId, lo, hi);
        };
        return query.fetch(r -> new ArmTotals(r.get("arm", String.class), r.get("n", Long.class),
                r.get("sum", Double.class), r.get("sum_squares", Double.class)));
    }

    /**
     * n, sum and sum of squares of {@code value} (a double precision expression; NULL: no observation) per variant,
     * over the log rows {@code l} of one deployment and rule in a time range that match {@code where} (requests of
     * applications only: sources API and SDK, not the simulator's nor judges'), joined as
     * {@code from} says. Binds: those of {@code from}, then deployment, rule, from, to.
     */
    private static String overLogs(String from, String value, String where) {
        return """
            SELECT l.variant_key AS arm, count(%2$s) AS n, coalesce(sum(%2$s), 0) AS sum,
                   coalesce(sum(%2$s * %2$s), 0) AS sum_squares
            FROM %1$s
            WHERE l.deployment_key = ? AND l.rule_id = ? AND l.created_at >= ?::timestamptz
              AND l.created_at < ?::timestamptz AND l.variant_key IS NOT NULL AND l.source IN ('API', 'SDK') %3$s
            GROUP BY l.variant_key HAVING count(%2$s) > 0 ORDER BY l.variant_key""".formatted(from, value, where);
    }
}
