package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.guard.GuardrailRecord;
import dev.junction.engine.invoke.Source;
import dev.junction.engine.log.RequestLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V021 and what a request's guardrails did: the migration on a database at V020 with rows, the column through the
 * log writer (and its journal on disk) to the log detail.
 */
class GuardrailsLogTest {
    private static final List<GuardrailRecord> GUARDRAILS = List.of(
            new GuardrailRecord("pii", "pii", "input", GuardrailRecord.FAIL, "redact", "an email address",
                    List.of("email"), 412),
            new GuardrailRecord("on-topic", "judge", "output", GuardrailRecord.PASS, null, null, null, 81_000));

    @TempDir
    Path spillDir;

    private static RequestLog entry(List<GuardrailRecord> guardrails) {
        return BatchingLogWriterTest.entry(1).toBuilder().guardrails(guardrails).build();
    }

    private static JooqLogQueries queries(TestDatabase db) {
        return new JooqLogQueries(db.dsl(), new JooqFeedback(db.dsl(), Clock.systemUTC(), UUID::randomUUID));
    }

    @SuppressWarnings("unchecked")
    private static void assertGuardrails(Object shown) {
        List<Map<String, Object>> list = (List<Map<String, Object>>) shown;
        assertThat(list).hasSize(2);
        assertThat(list.get(0)).containsEntry("name", "pii").containsEntry("kind", "pii").containsEntry("stage", "input")
                .containsEntry("result", "fail").containsEntry("taken", "redact").containsEntry("reason", "an email address")
                .containsEntry("found", List.of("email")).containsEntry("micros", 412);
        assertThat(list.get(1)).containsEntry("name", "on-topic").containsEntry("result", "pass")
                .doesNotContainKeys("taken", "reason", "found");
    }

    @Test
    void v021_applies_on_a_database_at_v020_with_rows_which_read_as_having_no_guardrails() {
        TestDatabase db = TestDatabase.migratedTo("20");
        UUID id = UUID.randomUUID();
        db.dsl().execute("INSERT INTO request_logs (id, created_at, deployment_key, status, http_status, latency_micros, source)"
                + " VALUES (?, now(), 'support', 'success', 200, 5, 'API')", id);
        db.dsl().execute("INSERT INTO rollup_state (id, settled_until, updated_at) VALUES (1, now(), now())");

        db.migrate();

        assertThat(db.dsl().fetchValue("SELECT version FROM flyway_schema_history ORDER BY installed_rank DESC LIMIT 1")).isEqualTo("021");
        assertThat(db.dsl().fetchValue("SELECT guardrails FROM request_logs WHERE id = ?", id)).isNull();
        assertThat(queries(db).find(id)).get().satisfies(m -> {
            assertThat(m).containsEntry("guardrails", null);
            assertThat(m.get("scores")).isEqualTo(List.of());
        });
        // every partition has the column, and one made later too (LIKE the parent)
        assertThat(db.dsl().resultQuery("""
                SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'request_logs'::regclass AND NOT EXISTS (
                  SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'guardrails')""").fetchOne(0, Long.class))
                .isZero();
        db.dsl().execute("SELECT request_logs_ensure_partition(DATE '2040-01-01')");
        db.dsl().execute("INSERT INTO request_logs (id, created_at, deployment_key, status, http_status, latency_micros,"
                + " source, guardrails) VALUES (?, '2040-01-01T10:00:00Z', 'support', 'success', 200, 5, 'API', '[]'::jsonb)",
                UUID.randomUUID());
        assertThat(db.dsl().fetch("SELECT indexname FROM pg_indexes WHERE tablename = 'request_scores'")
                .getValues(0, String.class)).contains("request_scores_pkey", "request_scores_one_per_name",
                "request_scores_deployment_time", "request_scores_request_time");
        assertThat(db.dsl().fetchCount(org.jooq.impl.DSL.table("score_rollups"))).isZero();
    }

    @Test
    void what_the_guardrails_did_goes_through_the_writer_to_the_log_detail_and_none_reads_as_null() throws Exception {
        TestDatabase db = TestDatabase.fresh();
        BatchingLogWriter writer = new BatchingLogWriter(BatchingLogWriter.ConnectionSource.of(db.jdbcUrl()),
                BatchingLogWriter.Options.defaults(spillDir));
        RequestLog with = entry(GUARDRAILS);
        RequestLog without = entry(List.of()).toBuilder().source(Source.JUDGE).build();
        writer.record(with);
        writer.record(without);
        writer.close();
        assertThat(writer.written()).isEqualTo(2);

        assertGuardrails(queries(db).find(with.id()).orElseThrow().get("guardrails"));
        Map<String, Object> plain = queries(db).find(without.id()).orElseThrow();
        assertThat(plain).containsEntry("guardrails", null).containsEntry("source", "JUDGE");
    }

    @Test
    void a_journal_line_with_guardrails_replays_into_the_database() throws Exception {
        RequestLog with = entry(GUARDRAILS);
        byte[] line = SpillLines.line(LogRows.of(with));
        assertThat(new String(line, java.nio.charset.StandardCharsets.UTF_8)).contains("\"guardrails\":[{\"name\":\"pii\"");
        assertThat(new String(SpillLines.line(LogRows.of(entry(List.of()))), java.nio.charset.StandardCharsets.UTF_8))
                .as("no guardrails: the line the version before wrote").doesNotContain("guardrails");

        TestDatabase db = TestDatabase.fresh();
        Files.write(spillDir.resolve("segment-0000000000000000001.jsonl"), line);
        BatchingLogWriter writer = new BatchingLogWriter(BatchingLogWriter.ConnectionSource.of(db.jdbcUrl()),
                BatchingLogWriter.Options.defaults(spillDir));
        BatchingLogWriterTest.await(() -> writer.written() == 1, Duration.ofSeconds(30));
        writer.close();
        assertGuardrails(queries(db).find(with.id()).orElseThrow().get("guardrails"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_long_guardrail_reason_is_cut_to_the_text_bound_and_recorded_as_cut() throws Exception {
        RequestLog e = entry(List.of(new GuardrailRecord("callout", "http", "output", GuardrailRecord.FAIL, "block",
                "r".repeat(100_000), List.of(), 5))).toBuilder().textMaxBytes(1_024).build();
        Object[] row = LogRows.of(e);
        TestDatabase db = TestDatabase.fresh();
        try (var c = db.dataSource().getConnection(); var ps = c.prepareStatement(LogRows.insertSql(1))) {
            LogRows.bind(ps, 1, row);
            ps.executeUpdate();
        }
        Map<String, Object> shown = queries(db).find(e.id()).orElseThrow();
        List<Map<String, Object>> guardrails = (List<Map<String, Object>>) shown.get("guardrails");
        assertThat((String) guardrails.getFirst().get("reason")).hasSize(1_024);
        assertThat((Map<String, Object>) shown.get("truncated")).containsKey("guardrails[0].reason");
    }
}
