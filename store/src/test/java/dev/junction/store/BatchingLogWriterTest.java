package dev.junction.store;

import static dev.junction.store.generated.Tables.REQUEST_LOGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.invoke.Attempt;
import dev.junction.engine.invoke.Source;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchingLogWriterTest {
    private final TestDatabase db = TestDatabase.fresh();
    private final Ids ids = new Ids(Clock.systemUTC());

    private RequestLog entry(int i) {
        Attempt attempt = new Attempt("primary", 1, "simulator", "echo", true, null, null, null, 120, 10, 5, null);
        return new RequestLog(ids.next(), Instant.now().truncatedTo(ChronoUnit.MICROS), "support", null, null, 1,
                "english", "Default Matched", null, "simulator", "echo", "success", 200, null, 1500 + i, 10, 5,
                Source.API, Map.of("language", "en", "n", i), List.of(attempt));
    }

    @Test
    void every_recorded_entry_is_in_the_database_after_close() {
        BatchingLogWriter writer = new BatchingLogWriter(db.dsl(), 10_000);
        for (int i = 0; i < 1_234; i++) {
            writer.record(entry(i));
        }
        writer.close();

        assertThat(db.dsl().fetchCount(REQUEST_LOGS)).isEqualTo(1_234);
        assertThat(writer.written()).isEqualTo(1_234);
        assertThat(writer.dropped()).isZero();
    }

    @Test
    void a_row_holds_the_entry_with_its_context_and_attempts_as_json() {
        BatchingLogWriter writer = new BatchingLogWriter(db.dsl(), 10);
        RequestLog e = entry(7);
        writer.record(e);
        writer.close();

        var row = db.dsl().selectFrom(REQUEST_LOGS).where(REQUEST_LOGS.ID.eq(e.id())).fetchOne();
        assertThat(row).isNotNull();
        assertThat(row.getCreatedAt().toInstant()).isEqualTo(e.createdAt());
        assertThat(row.getVariantKey()).isEqualTo("english");
        assertThat(row.getEvaluation()).isEqualTo("Default Matched");
        assertThat(row.getTotalTokens()).isEqualTo(15);
        assertThat(row.getLatencyMicros()).isEqualTo(1507);
        assertThat(row.getSource()).isEqualTo("API");
        assertThat(row.getContext().data()).contains("\"language\": \"en\"");
        assertThat(row.getAttempts().data()).contains("\"model\": \"echo\"");
    }

    @Test
    void entries_beyond_the_queue_capacity_are_counted_as_dropped_never_silently_lost() throws Exception {
        // The writer thread may take entries while we add them, so fill far beyond capacity.
        BatchingLogWriter writer = new BatchingLogWriter(db.dsl(), 1);
        int total = 2_000;
        for (int i = 0; i < total; i++) {
            writer.record(entry(i));
        }
        writer.close();

        long inDatabase = db.dsl().fetchCount(REQUEST_LOGS);
        assertThat(inDatabase + writer.dropped()).isEqualTo(total);
        assertThat(writer.written()).isEqualTo(inDatabase);
    }
}
