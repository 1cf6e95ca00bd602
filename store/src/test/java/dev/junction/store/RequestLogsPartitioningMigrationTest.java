package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** V008 turns an existing request_logs into a partitioned table and keeps every row. */
class RequestLogsPartitioningMigrationTest {

    @Test
    void existing_rows_are_kept_each_in_the_partition_of_its_day_and_the_default_partition_is_empty() {
        TestDatabase db = TestDatabase.migratedTo("7");
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<OffsetDateTime> times = List.of(now.minusDays(400), now.minusDays(3), now);
        for (OffsetDateTime t : times) {
            db.dsl().execute("insert into request_logs (id, created_at, deployment_key, status, http_status, latency_micros,"
                    + " source, context, answer, cost_usd) values (?, ?::timestamptz, 'support', 'success', 200, 5, 'API', '{\"a\": 1}'::jsonb,"
                    + " 'hello', 0.5)", UUID.randomUUID(), t.toString());
        }

        db.migrate();

        assertThat(db.dsl().fetchValue("select relkind::text from pg_class where relname = 'request_logs'")).isEqualTo("p");
        assertThat(db.dsl().fetchCount(db.dsl().selectFrom("request_logs").where("answer = 'hello' and context->>'a' = '1'")))
                .isEqualTo(3);
        assertThat(db.dsl().fetchCount(db.dsl().selectFrom("request_logs_default"))).isZero();
        List<String> partitions = new LogPartitions(db.dsl(), java.time.Clock.systemUTC(), 0, 0).partitions();
        for (OffsetDateTime t : times) {
            assertThat(partitions).contains("request_logs_p" + t.toLocalDate().toString().replace("-", ""));
        }
        assertThat(partitions).contains("request_logs_p" + now.toLocalDate().plusDays(7).toString().replace("-", ""));
        assertThat(db.dsl().fetchValue("select to_regclass('request_logs_old')")).isNull();
        assertThat(db.dsl().fetch("select indexname from pg_indexes where tablename = 'request_logs'")
                .getValues(0, String.class))
                .contains("request_logs_pkey", "request_logs_deployment_time");
    }
}
