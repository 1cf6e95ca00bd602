package dev.junction.store;

import dev.junction.engine.log.LatencyBuckets;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * A deployment's analytics. When the window's rolled-up hours ({@link RollupJob}) hold more than
 * {@code exactLimit} requests, those hours come from request_rollups and the rest (the window's partial first and
 * last hours, and the hours not settled yet) from request_logs, aggregated the same way; percentiles then come from
 * the merged histograms. Otherwise, when reading the rows is cheap, everything comes from the rows, percentiles
 * included, exactly. The evaluators' scores per group come the same way from request_scores and score_rollups
 * ({@link ScoreAnalytics}).
 */
public final class JooqAnalytics {
    public enum Bucket { HOUR, DAY }

    public enum GroupBy { VARIANT, VERSION, NONE }

    private final DSLContext dsl;
    /** Up to this many rolled-up requests in the window, the answer is computed exactly from the rows. */
    public static final long EXACT_LIMIT = 20_000;

    private final RollupJob rollups;
    private final long exactLimit;

    public JooqAnalytics(DSLContext dsl, RollupJob rollups) {
        this(dsl, rollups, EXACT_LIMIT);
    }

    public JooqAnalytics(DSLContext dsl, RollupJob rollups, long exactLimit) {
        this.dsl = dsl;
        this.rollups = rollups;
        this.exactLimit = exactLimit;
    }

    public AnalyticsReport report(String deployment, Instant from, Instant to, Bucket bucket, GroupBy groupBy) {
        Instant settled = rollups.settledUntil();
        Instant wholeFrom = ceilHour(from);
        Instant wholeTo = to.truncatedTo(ChronoUnit.HOURS);
        if (settled != null && settled.isBefore(wholeTo)) wholeTo = settled;
        List<Record> rolled = settled != null && wholeFrom.isBefore(wholeTo)
                ? dsl.resultQuery(RollupSql.readRollups(), deployment, utc(wholeFrom), utc(wholeTo)).fetch()
                : List.of();
        long rolledRequests = 0;
        for (Record r : rolled) rolledRequests += r.get("requests", Long.class);
        boolean useRollups = rolledRequests > exactLimit;
        AnalyticsReport.Metrics[] totals = new AnalyticsReport.Metrics[1];
        Map<Instant, AnalyticsReport.Metrics> series = new TreeMap<>();
        Map<String, AnalyticsReport.Metrics> groupTotals = new TreeMap<>();
        Map<String, Map<Instant, AnalyticsReport.Metrics>> groupSeries = new TreeMap<>();
        if (useRollups) {
            Acc total = new Acc();
            Map<Instant, Acc> seriesAcc = new TreeMap<>();
            Map<String, Acc> groupAcc = new TreeMap<>();
            Map<String, Map<Instant, Acc>> groupSeriesAcc = new TreeMap<>();
            List<Record> rows = new ArrayList<>(rolled);
            if (from.isBefore(wholeFrom)) rows.addAll(dsl.resultQuery(RollupSql.readRows(), utc(from), utc(wholeFrom), deployment).fetch());
            if (wholeTo.isBefore(to)) rows.addAll(dsl.resultQuery(RollupSql.readRows(), utc(wholeTo), utc(to), deployment).fetch());
            for (Record r : rows) {
                Instant start = bucketStart(r.get("h", OffsetDateTime.class).toInstant(), bucket);
                String g = groupKey(groupBy, r.get("v", Integer.class), r.get("var", String.class));
                total.add(r);
                seriesAcc.computeIfAbsent(start, k -> new Acc()).add(r);
                if (g != null) {
                    groupAcc.computeIfAbsent(g, k -> new Acc()).add(r);
                    groupSeriesAcc.computeIfAbsent(g, k -> new TreeMap<>()).computeIfAbsent(start, k -> new Acc()).add(r);
                }
            }
            totals[0] = total.metrics();
            seriesAcc.forEach((k, a) -> series.put(k, a.metrics()));
            groupAcc.forEach((k, a) -> groupTotals.put(k, a.metrics()));
            groupSeriesAcc.forEach((g, m) -> {
                Map<Instant, AnalyticsReport.Metrics> out = new TreeMap<>();
                m.forEach((k, a) -> out.put(k, a.metrics()));
                groupSeries.put(g, out);
            });
        } else {
            for (Record r : dsl.resultQuery(exactSql(bucket, groupBy), deployment, utc(from), utc(to)).fetch()) {
                boolean byGroup = r.get("gg", Integer.class) == 0;
                boolean byTime = r.get("gt", Integer.class) == 0;
                AnalyticsReport.Metrics m = exactMetrics(r);
                String g = r.get("g", String.class);
                Instant t = byTime ? r.get("t", OffsetDateTime.class).toInstant() : null;
                if (byGroup && byTime) groupSeries.computeIfAbsent(g, k -> new TreeMap<>()).put(t, m);
                else if (byGroup) groupTotals.put(g, m);
                else if (byTime) series.put(t, m);
                else totals[0] = m;
            }
            if (groupBy == GroupBy.NONE) {
                groupTotals.clear();
                groupSeries.clear();
            }
        }
        if (totals[0] == null) totals[0] = new Acc().metrics();
        ScoreAnalytics.Sections scores = new ScoreAnalytics(dsl, exactLimit).of(deployment, from, to, groupBy, settled);
        for (String g : scores.groups().keySet()) groupTotals.putIfAbsent(g, new Acc().metrics());
        List<AnalyticsReport.Group> groups = new ArrayList<>();
        groupTotals.forEach((g, m) -> groups.add(new AnalyticsReport.Group(g, m, points(groupSeries.getOrDefault(g, Map.of())),
                scores.groups().getOrDefault(g, List.of()))));
        if (groupBy == GroupBy.VERSION) groups.sort((a, b) -> Integer.compare(Integer.parseInt(a.key()), Integer.parseInt(b.key())));
        return new AnalyticsReport(deployment, from, to, bucket.name().toLowerCase(), groupBy.name().toLowerCase(),
                useRollups ? "histogram" : "exact", settled, totals[0], points(series), groups, scores.totals());
    }

    private static List<AnalyticsReport.Point> points(Map<Instant, AnalyticsReport.Metrics> series) {
        List<AnalyticsReport.Point> out = new ArrayList<>();
        series.forEach((t, m) -> out.add(new AnalyticsReport.Point(t, m)));
        return out;
    }

    private static String groupKey(GroupBy groupBy, Integer version, String variant) {
        return switch (groupBy) {
            case VARIANT -> variant;
            case VERSION -> String.valueOf(version);
            case NONE -> null;
        };
    }

    private static String exactSql(Bucket bucket, GroupBy groupBy) {
        String g = switch (groupBy) {
            case VARIANT -> "coalesce(variant_key, '')";
            case VERSION -> "coalesce(version_number, 0)::text";
            case NONE -> "''";
        };
        return """
            SELECT grouping(g) AS gg, grouping(t) AS gt, g, t, count(*) AS requests,
                   count(*) FILTER (WHERE status IN %s) AS errors,
                   coalesce(sum(prompt_tokens), 0)::bigint AS prompt_tokens,
                   coalesce(sum(completion_tokens), 0)::bigint AS completion_tokens,
                   coalesce(sum(cached_tokens), 0)::bigint AS cached_tokens,
                   coalesce(sum(cost_usd), 0) AS cost_usd, sum(latency_micros)::bigint AS latency_sum,
                   coalesce(sum(cache_write_tokens), 0)::bigint AS cache_write_tokens,
                   coalesce(sum(prompt_cache_saved_usd), 0) AS prompt_cache_saved_usd,
                   count(*) FILTER (WHERE cache_status = 'hit') AS cache_hits,
                   coalesce(sum(cache_saved_usd), 0) AS cache_saved_usd,
                   percentile_disc(0.5) WITHIN GROUP (ORDER BY latency_micros) AS p50,
                   percentile_disc(0.95) WITHIN GROUP (ORDER BY latency_micros) AS p95,
                   percentile_disc(0.99) WITHIN GROUP (ORDER BY latency_micros) AS p99,
                   percentile_disc(0.95) WITHIN GROUP (ORDER BY ttft_micros) AS ttft95
            FROM (SELECT request_logs.*, %s AS g, date_bin('1 %s', created_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS t FROM request_logs
                  WHERE deployment_key = ? AND created_at >= ?::timestamptz AND created_at < ?::timestamptz) r
            GROUP BY GROUPING SETS ((g, t), (g), (t), ())
            """.formatted(RollupSql.ERROR_STATUSES, g, bucket == Bucket.HOUR ? "hour" : "day");
    }

    private static AnalyticsReport.Metrics exactMetrics(Record r) {
        long requests = r.get("requests", Long.class);
        long errors = r.get("errors", Long.class);
        BigDecimal cost = r.get("cost_usd", BigDecimal.class);
        Long sum = r.get("latency_sum", Long.class);
        return new AnalyticsReport.Metrics(requests, errors, rate(errors, requests), cost, perRequest(cost, requests),
                r.get("prompt_tokens", Long.class), r.get("completion_tokens", Long.class), r.get("cached_tokens", Long.class),
                sum == null || requests == 0 ? null : sum / 1000.0 / requests,
                ms(r.get("p50", Long.class)), ms(r.get("p95", Long.class)), ms(r.get("p99", Long.class)),
                ms(r.get("ttft95", Long.class)), r.get("cache_write_tokens", Long.class),
                r.get("prompt_cache_saved_usd", BigDecimal.class), r.get("cache_hits", Long.class),
                rate(r.get("cache_hits", Long.class), requests), r.get("cache_saved_usd", BigDecimal.class));
    }

    private static Double ms(Long micros) {
        return micros == null ? null : micros / 1000.0;
    }

    private static Double ms(Double micros) {
        return micros == null ? null : Math.round(micros) / 1000.0;
    }

    static Double rate(long errors, long requests) {
        return requests == 0 ? null : (double) errors / requests;
    }

    static BigDecimal perRequest(BigDecimal cost, long requests) {
        return requests == 0 || cost == null ? null : cost.divide(BigDecimal.valueOf(requests), 10, RoundingMode.HALF_EVEN);
    }

    static Instant ceilHour(Instant t) {
        Instant floor = t.truncatedTo(ChronoUnit.HOURS);
        return floor.equals(t) ? t : floor.plus(1, ChronoUnit.HOURS);
    }

    static Instant bucketStart(Instant hour, Bucket bucket) {
        return bucket == Bucket.HOUR ? hour : hour.truncatedTo(ChronoUnit.DAYS);
    }

    static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    /** Sums of rollup rows and their merged histograms. */
    private static final class Acc {
        long requests, errors, prompt, completion, cached, cacheWrite, latencySum, cacheHits;
        BigDecimal cost = BigDecimal.ZERO;
        BigDecimal cacheSaved = BigDecimal.ZERO;
        BigDecimal hitSaved = BigDecimal.ZERO;
        long latMin = Long.MAX_VALUE, latMax = Long.MIN_VALUE, ttftMin = Long.MAX_VALUE, ttftMax = Long.MIN_VALUE;
        final long[] lat = new long[LatencyBuckets.COUNT];
        final long[] ttft = new long[LatencyBuckets.COUNT];

        void add(Record r) {
            requests += r.get("requests", Long.class);
            errors += r.get("errors", Long.class);
            prompt += r.get("prompt_tokens", Long.class);
            completion += r.get("completion_tokens", Long.class);
            cached += r.get("cached_tokens", Long.class);
            cost = cost.add(r.get("cost_usd", BigDecimal.class));
            cacheWrite += r.get("cache_write_tokens", Long.class);
            cacheSaved = cacheSaved.add(r.get("prompt_cache_saved_usd", BigDecimal.class));
            cacheHits += r.get("cache_hits", Long.class);
            hitSaved = hitSaved.add(r.get("cache_saved_usd", BigDecimal.class));
            latencySum += r.get("latency_sum", Long.class);
            latMin = Math.min(latMin, r.get("latency_min", Long.class));
            latMax = Math.max(latMax, r.get("latency_max", Long.class));
            merge(lat, r.get("lb", String.class), r.get("lc", String.class));
            Long tMin = r.get("ttft_min", Long.class);
            if (tMin != null) {
                ttftMin = Math.min(ttftMin, tMin);
                ttftMax = Math.max(ttftMax, r.get("ttft_max", Long.class));
                merge(ttft, r.get("tb", String.class), r.get("tc", String.class));
            }
        }

        private static void merge(long[] into, String buckets, String counts) {
            if (buckets == null || buckets.isEmpty()) return;
            String[] b = buckets.split(",");
            String[] c = counts.split(",");
            for (int i = 0; i < b.length; i++) into[Integer.parseInt(b[i])] += Long.parseLong(c[i]);
        }

        AnalyticsReport.Metrics metrics() {
            return new AnalyticsReport.Metrics(requests, errors, rate(errors, requests), cost, perRequest(cost, requests),
                    prompt, completion, cached, requests == 0 ? null : latencySum / 1000.0 / requests,
                    ms(LatencyBuckets.percentile(lat, 0.50, latMin, latMax)),
                    ms(LatencyBuckets.percentile(lat, 0.95, latMin, latMax)),
                    ms(LatencyBuckets.percentile(lat, 0.99, latMin, latMax)),
                    ms(LatencyBuckets.percentile(ttft, 0.95, ttftMin, ttftMax)), cacheWrite, cacheSaved,
                    cacheHits, rate(cacheHits, requests), hitSaved);
        }
    }
}
