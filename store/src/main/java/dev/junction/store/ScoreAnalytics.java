package dev.junction.store;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The scores part of a deployment's analytics ({@link JooqAnalytics}), as its requests part is made: when the
 * window's whole settled hours hold more than {@code exactLimit} scores in score_rollups, those hours come from
 * there and the rest (the window's partial first and last hours, and the hours not settled yet) from request_scores;
 * otherwise everything comes from request_scores. Either way the counts are exact and the means are sums over
 * counts, so the two ways agree (up to floating-point rounding). A score counts in its request's time.
 */
final class ScoreAnalytics {
    /** The report's scores: over all groups, and per group key (empty for {@link JooqAnalytics.GroupBy#NONE}). */
    record Sections(List<AnalyticsReport.ScoreStats> totals, Map<String, List<AnalyticsReport.ScoreStats>> groups,
                    boolean fromRollups) {}

    private final DSLContext dsl;
    private final long exactLimit;

    ScoreAnalytics(DSLContext dsl, long exactLimit) {
        this.dsl = dsl;
        this.exactLimit = exactLimit;
    }

    /** @param settled the rollup job's settled_until (null before its first run) */
    Sections of(String deployment, Instant from, Instant to, JooqAnalytics.GroupBy groupBy, Instant settled) {
        Instant wholeFrom = JooqAnalytics.ceilHour(from);
        Instant wholeTo = to.truncatedTo(ChronoUnit.HOURS);
        if (settled != null && settled.isBefore(wholeTo)) wholeTo = settled;
        List<Record> rolled = settled != null && wholeFrom.isBefore(wholeTo)
                ? dsl.resultQuery(RollupSql.readScoreRollups(), deployment, JooqAnalytics.utc(wholeFrom), JooqAnalytics.utc(wholeTo)).fetch()
                : List.of();
        long rolledScores = 0;
        for (Record r : rolled) rolledScores += r.get("n", Long.class);
        boolean useRollups = rolledScores > exactLimit;
        List<Record> rows = new ArrayList<>();
        if (useRollups) {
            rows.addAll(rolled);
            if (from.isBefore(wholeFrom)) rows.addAll(rows(deployment, from, wholeFrom));
            if (wholeTo.isBefore(to)) rows.addAll(rows(deployment, wholeTo, to));
        } else {
            rows.addAll(rows(deployment, from, to));
        }
        Map<String, Acc> totals = new TreeMap<>();
        Map<String, Map<String, Acc>> groups = new TreeMap<>();
        for (Record r : rows) {
            String name = r.get("name", String.class);
            totals.computeIfAbsent(name, k -> new Acc()).add(r);
            String g = switch (groupBy) {
                case VARIANT -> r.get("var", String.class);
                case VERSION -> String.valueOf(r.get("v", Integer.class));
                case NONE -> null;
            };
            if (g != null) groups.computeIfAbsent(g, k -> new TreeMap<>()).computeIfAbsent(name, k -> new Acc()).add(r);
        }
        Map<String, List<AnalyticsReport.ScoreStats>> byGroup = new TreeMap<>();
        groups.forEach((g, names) -> byGroup.put(g, stats(names)));
        return new Sections(stats(totals), byGroup, useRollups);
    }

    private List<Record> rows(String deployment, Instant from, Instant to) {
        return dsl.resultQuery(RollupSql.readScoreRows(), deployment, JooqAnalytics.utc(from), JooqAnalytics.utc(to)).fetch();
    }

    private static List<AnalyticsReport.ScoreStats> stats(Map<String, Acc> byName) {
        List<AnalyticsReport.ScoreStats> out = new ArrayList<>();
        byName.forEach((name, a) -> out.add(new AnalyticsReport.ScoreStats(name, a.n, a.n == 0 ? 0 : a.sum / a.n,
                a.passed, a.failed, a.passed + a.failed == 0 ? null : (double) a.passed / (a.passed + a.failed))));
        return out;
    }

    /** Sums of score rows (from request_scores or score_rollups, the same columns). */
    private static final class Acc {
        long n, passed, failed;
        double sum;

        void add(Record r) {
            n += r.get("n", Long.class);
            sum += r.get("sum", Double.class);
            passed += r.get("passed", Long.class);
            failed += r.get("failed", Long.class);
        }
    }
}
