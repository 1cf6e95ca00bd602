package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.invoke.Source;
import dev.junction.engine.log.LogStatus;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.support.Ids;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Provider prompt caching in the store: a request's cache writes and saved dollars go through the log row
 * ({@link LogRows}) into {@code request_logs}, the log detail shows them, and analytics sum them per variant, from the
 * rows and from the hourly rollups alike.
 */
class PromptCacheLogTest {
    private final TestDatabase db = TestDatabase.fresh();
    private final Instant now = Instant.parse("2026-11-20T12:30:00Z");

    private UUID write(Instant at, String variant, Integer cached, Integer written, String saved) throws Exception {
        UUID id = new Ids(Clock.fixed(at, ZoneOffset.UTC)).next();
        RequestLog entry = RequestLog.builder(id, at)
                .deployment("support", UUID.randomUUID(), UUID.randomUUID(), 1)
                .variant(variant, "Default Matched", null).model("anthropic", "claude-sonnet-4-5")
                .status(LogStatus.SUCCESS, 200).latencyMicros(1000).source(Source.API)
                .tokens(2425, 7, cached).cost(new BigDecimal("0.0012342"), "t")
                .promptCache(written, saved == null ? null : new BigDecimal(saved)).build();
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(LogRows.insertSql(1))) {
            LogRows.bind(ps, 1, LogRows.of(entry));
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        return id;
    }

    @Test
    void the_log_detail_shows_cached_and_written_tokens_and_the_saved_dollars() throws Exception {
        UUID id = write(now, "main", 2304, 100, "0.0062208");
        JooqLogQueries logs = new JooqLogQueries(db.dsl(), new JooqFeedback(db.dsl(), Clock.systemUTC(), UUID::randomUUID));

        Map<String, Object> row = logs.find(id).orElseThrow();

        @SuppressWarnings("unchecked") Map<String, Object> tokens = (Map<String, Object>) row.get("tokens");
        assertThat(tokens).containsEntry("cached", 2304).containsEntry("cacheWrite", 100);
        assertThat((BigDecimal) row.get("promptCacheSavedUsd")).isEqualByComparingTo("0.0062208");
    }

    @Test
    void analytics_sum_cached_tokens_and_saved_dollars_per_variant_from_rows_and_rollups() throws Exception {
        Instant old = now.minus(Duration.ofHours(30));
        write(old, "cached", 2304, 0, "0.0062208");
        write(old, "cached", 0, 2304, "0");
        write(old, "plain", 0, null, null); // a row with nothing of the cache, as before this migration
        RollupJob job = new RollupJob(db.dsl(), Clock.fixed(now, ZoneOffset.UTC));

        AnalyticsReport exact = new JooqAnalytics(db.dsl(), job, 0).report("support", now.minus(Duration.ofDays(3)), now,
                JooqAnalytics.Bucket.DAY, JooqAnalytics.GroupBy.VARIANT);
        assertThat(job.runOnce()).isPositive();
        AnalyticsReport rolled = new JooqAnalytics(db.dsl(), job, 0).report("support", now.minus(Duration.ofDays(3)), now,
                JooqAnalytics.Bucket.DAY, JooqAnalytics.GroupBy.VARIANT);
        assertThat(rolled.percentiles()).isEqualTo("histogram");

        for (AnalyticsReport report : new AnalyticsReport[] {exact, rolled}) {
            assertThat(report.groups()).extracting(AnalyticsReport.Group::key).containsExactly("cached", "plain");
            AnalyticsReport.Metrics cached = report.groups().get(0).totals();
            assertThat(cached.cachedTokens()).isEqualTo(2304);
            assertThat(cached.cacheWriteTokens()).isEqualTo(2304);
            assertThat(cached.promptCacheSavedUsd()).isEqualByComparingTo("0.0062208");
            AnalyticsReport.Metrics plain = report.groups().get(1).totals();
            assertThat(plain.cachedTokens()).isZero();
            assertThat(plain.promptCacheSavedUsd()).isEqualByComparingTo("0");
            assertThat(report.totals().promptCacheSavedUsd()).isEqualByComparingTo("0.0062208");
        }
    }
}
