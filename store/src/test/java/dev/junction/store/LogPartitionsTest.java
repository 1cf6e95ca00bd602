package dev.junction.store;

import static dev.junction.store.generated.Tables.REQUEST_LOGS;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class LogPartitionsTest {
    private final TestDatabase db = TestDatabase.fresh();

    private LogPartitions at(String day, int retentionDays, int daysAhead) {
        Clock clock = Clock.fixed(Instant.parse(day + "T10:00:00Z"), ZoneOffset.UTC);
        return new LogPartitions(db.dsl(), clock, retentionDays, daysAhead);
    }

    private UUID row(String createdAt) {
        UUID id = UUID.randomUUID();
        db.dsl().insertInto(REQUEST_LOGS)
                .set(REQUEST_LOGS.ID, id).set(REQUEST_LOGS.CREATED_AT, OffsetDateTime.parse(createdAt))
                .set(REQUEST_LOGS.DEPLOYMENT_KEY, "support").set(REQUEST_LOGS.STATUS, "success")
                .set(REQUEST_LOGS.HTTP_STATUS, 200).set(REQUEST_LOGS.LATENCY_MICROS, 1L).set(REQUEST_LOGS.SOURCE, "API")
                .execute();
        return id;
    }

    /** The partition a row is stored in, or null when it is not stored. */
    private String partitionOf(UUID id) {
        return db.dsl().fetchOptional("select tableoid::regclass::text from request_logs where id = ?", id)
                .map(r -> r.get(0, String.class)).orElse(null);
    }

    @Test
    void creates_the_partitions_of_yesterday_today_and_the_days_ahead_once_and_rows_go_to_their_day() {
        LogPartitions.Result first = at("2031-01-10", 90, 3).run();
        assertThat(first.ran()).isTrue();
        assertThat(first.created()).containsExactly("request_logs_p20310109", "request_logs_p20310110",
                "request_logs_p20310111", "request_logs_p20310112", "request_logs_p20310113");
        assertThat(at("2031-01-10", 90, 3).run().created()).isEmpty();

        assertThat(partitionOf(row("2031-01-11T23:59:59.999999Z"))).isEqualTo("request_logs_p20310111");
        assertThat(partitionOf(row("2031-01-12T00:00:00Z"))).isEqualTo("request_logs_p20310112");
    }

    @Test
    void a_row_with_no_partition_is_kept_in_the_default_partition_and_moves_to_its_day_when_that_is_created() {
        UUID id = row("2031-02-20T08:00:00+02:00");
        assertThat(partitionOf(id)).isEqualTo("request_logs_default");

        at("2031-02-19", 0, 2).run();

        assertThat(partitionOf(id)).isEqualTo("request_logs_p20310220");
        assertThat(db.dsl().fetchCount(REQUEST_LOGS)).isEqualTo(1);
    }

    @Test
    void partitions_and_default_rows_older_than_the_retention_are_dropped_and_younger_rows_kept() {
        at("2031-05-01", 0, 7).run(); // partitions 2031-04-30 .. 2031-05-08
        UUID old = row("2031-05-01T12:00:00Z");
        UUID kept = row("2031-05-07T00:00:00Z");
        UUID oldInDefault = row("2031-01-01T00:00:00Z");
        UUID keptInDefault = row("2031-07-01T00:00:00Z");

        LogPartitions.Result r = at("2031-08-05", 90, 7).run(); // keeps 2031-05-07 and later

        assertThat(r.dropped()).contains("request_logs_p20310430", "request_logs_p20310501", "request_logs_p20310506")
                .doesNotContain("request_logs_p20310507", "request_logs_p20310508");
        assertThat(r.defaultRowsDeleted()).isEqualTo(1);
        assertThat(partitionOf(old)).isNull();
        assertThat(partitionOf(oldInDefault)).isNull();
        assertThat(partitionOf(kept)).isEqualTo("request_logs_p20310507");
        assertThat(partitionOf(keptInDefault)).isEqualTo("request_logs_default");
        assertThat(new LogPartitions(db.dsl(), Clock.systemUTC(), 0, 0).partitions())
                .allSatisfy(p -> assertThat(LogPartitions.dayOf(p)).isAfterOrEqualTo(java.time.LocalDate.parse("2031-05-07")));
    }

    @Test
    void scores_of_requests_older_than_the_retention_go_with_them() {
        for (String at : new String[] {"2031-01-01T00:00:00Z", "2031-07-01T00:00:00Z"}) {
            db.dsl().execute("INSERT INTO request_scores (id, request_id, request_created_at, deployment_key, version_number, "
                    + "variant_key, rule_id, name, kind, value, passed, reason, created_at) VALUES (?, ?, ?::timestamptz, "
                    + "'support', 1, 'main', NULL, 'helpful', 'judge', 0.5, NULL, 'quotes the answer', now())",
                    UUID.randomUUID(), UUID.randomUUID(), at);
        }

        at("2031-08-05", 90, 1).run();

        assertThat(db.dsl().fetchValue("SELECT count(*) FROM request_scores", Long.class)).isEqualTo(1L);
        assertThat(db.dsl().fetchValue("SELECT min(request_created_at) FROM request_scores", OffsetDateTime.class))
                .isEqualTo(OffsetDateTime.parse("2031-07-01T00:00:00Z"));
    }

    @Test
    void a_retention_of_zero_keeps_every_partition() {
        at("2031-05-01", 0, 1).run();
        UUID id = row("2031-05-01T12:00:00Z");
        LogPartitions.Result r = at("2035-01-01", 0, 1).run();
        assertThat(r.dropped()).isEmpty();
        assertThat(partitionOf(id)).isEqualTo("request_logs_p20310501");
    }

    @Test
    void two_gateways_running_the_maintenance_at_once_create_each_partition_once_and_fail_neither() {
        List<CompletableFuture<LogPartitions.Result>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(CompletableFuture.supplyAsync(() -> at("2032-03-01", 30, 14).run()));
        }
        List<String> created = new ArrayList<>();
        runs.forEach(f -> created.addAll(f.join().created()));
        assertThat(created).doesNotHaveDuplicates().hasSize(16);
    }
}
