package dev.junction.store;

import static dev.junction.store.generated.Tables.REQUEST_LOGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.invoke.Attempt;
import dev.junction.engine.invoke.Source;
import dev.junction.engine.log.LogStatus;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.support.Ids;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchingLogWriterTest {
    private final TestDatabase db = TestDatabase.fresh();
    private static final Ids IDS = new Ids(Clock.systemUTC());
    /** A database that never answers: every connection attempt fails as a refused connection does. */
    static final BatchingLogWriter.ConnectionSource DOWN = () -> {
        throw new SQLException("Connection refused", "08001");
    };

    @TempDir
    Path spillDir;

    static RequestLog entry(int i) {
        Attempt attempt = Attempt.succeeded(Attempt.Option.PRIMARY, 1, "simulator", "echo", 120,
                new RequestLog.Usage(10, 5, null, null, null));
        return RequestLog.builder(IDS.next(), Instant.now().truncatedTo(ChronoUnit.MICROS))
                .deployment("support", null, null, 1).variant("english", "Default Matched", null)
                .model("simulator", "echo").status(LogStatus.SUCCESS, 200).latencyMicros(1500 + i).tokens(10, 5, null)
                .source(Source.API).context(Map.of("language", "en", "n", i)).attempts(List.of(attempt)).build();
    }

    private BatchingLogWriter.Options options() {
        return BatchingLogWriter.Options.defaults(spillDir);
    }

    /** With the database down there is no point in waiting long for it at close. */
    private BatchingLogWriter.Options downOptions() {
        return options().withShutdownBudget(Duration.ofMillis(300));
    }

    private BatchingLogWriter writer(BatchingLogWriter.Options options) {
        return new BatchingLogWriter(BatchingLogWriter.ConnectionSource.of(db.jdbcUrl()), options);
    }

    static void await(BooleanSupplier condition, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("condition not met within " + max);
            Thread.sleep(20);
        }
    }

    @Test
    void every_recorded_entry_is_in_the_database_after_close() {
        BatchingLogWriter writer = writer(options());
        for (int i = 0; i < 1_234; i++) {
            writer.record(entry(i));
        }
        writer.close();

        assertThat(db.dsl().fetchCount(REQUEST_LOGS)).isEqualTo(1_234);
        assertThat(writer.written()).isEqualTo(1_234);
        assertThat(writer.dropped()).isZero();
        assertThat(writer.spilled()).isZero();
    }

    @Test
    void a_row_holds_the_entry_with_its_context_attempts_bodies_and_cost() {
        BatchingLogWriter writer = writer(options());
        RequestLog base = entry(7);
        RequestLog e = base.toBuilder().latencyMicros(1507).metadata(Map.of("team", "a")).identity("user-1", "thread-1")
                .request(Map.of("x", 1)).tokens(10, 5, 3).cost(new BigDecimal("0.0000123456"), "2026-11-01")
                .ttftMicros(900L)
                .bodies(new RequestLog.Bodies(Map.of("question", "hi"), List.of(PromptMessage.user("hi")), "hello", "stop"))
                .build();
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
        assertThat(row.getIdentityId()).isEqualTo("user-1");
        assertThat(row.getCostUsd()).isEqualByComparingTo("0.0000123456");
        assertThat(row.getAnswer()).isEqualTo("hello");
        assertThat(row.getMessages().data()).contains("\"content\": \"hi\"");
        assertThat(row.getTtftMicros()).isEqualTo(900L);
    }

    @Test
    void nul_characters_which_postgresql_refuses_do_not_stop_an_entry_or_its_batch() {
        BatchingLogWriter writer = writer(options());
        RequestLog base = entry(1);
        RequestLog nul = RequestLog.builder(base.id(), base.createdAt()).deployment("support", null, null, 1)
                .variant("english", null, null).model("simulator", "echo").status(LogStatus.ERROR, 500)
                .error("bad \u0000 byte").latencyMicros(1).source(Source.API)
                .context(Map.of("q", "a\u0000b", "escaped", "\\u0000 stays text")).build();
        writer.record(nul);
        writer.record(entry(2));
        writer.close();

        assertThat(db.dsl().fetchCount(REQUEST_LOGS)).isEqualTo(2);
        var row = db.dsl().selectFrom(REQUEST_LOGS).where(REQUEST_LOGS.ID.eq(nul.id())).fetchOne();
        assertThat(row.getError()).isEqualTo("bad \uFFFD byte");
        assertThat(row.getContext().data()).contains("a\uFFFDb").contains("\\\\u0000 stays text");
        assertThat(writer.rejected()).isZero();
    }

    @Test
    void text_outside_ascii_and_a_batch_larger_than_one_copy_chunk_arrive_exactly() throws Exception {
        BatchingLogWriter writer = writer(options());
        RequestLog base = entry(1);
        String wide = "é€😀 \t tab\nline ".repeat(3_000); // about 80 KB of UTF-8: crosses the 64 KB chunks
        RequestLog big = RequestLog.builder(base.id(), base.createdAt()).deployment("support", null, null, 1)
                .variant("english", null, null).model("simulator", "echo").status(LogStatus.ERROR, 500)
                .error("cut \uD83D here").latencyMicros(1).source(Source.API).context(Map.of("q", wide)).build();
        writer.record(big);
        for (int i = 2; i <= 40; i++) writer.record(entry(i));
        writer.close();

        assertThat(db.dsl().fetchCount(REQUEST_LOGS)).isEqualTo(40);
        var row = db.dsl().selectFrom(REQUEST_LOGS).where(REQUEST_LOGS.ID.eq(big.id())).fetchOne();
        assertThat(row.getError()).isEqualTo("cut ? here"); // a lone surrogate, as String.getBytes writes it
        assertThat(LogRows.READER.readTree(row.getContext().data()).get("q").asText()).isEqualTo(wide);
        assertThat(writer.rejected()).isZero();
    }

    @Test
    void with_the_database_down_entries_go_to_the_spill_and_a_new_writer_writes_them_once() throws Exception {
        int total = 3_000;
        List<RequestLog> entries = new ArrayList<>();
        BatchingLogWriter down = new BatchingLogWriter(DOWN, downOptions());
        for (int i = 0; i < total; i++) {
            RequestLog e = entry(i);
            entries.add(e);
            down.record(e);
        }
        down.close();
        assertThat(down.written()).isZero();
        assertThat(down.dropped()).isZero();
        assertThat(down.spilled()).isEqualTo(total);
        assertThat(down.spillPending()).isEqualTo(total);
        assertThat(down.spillBytes()).isPositive();

        BatchingLogWriter up = writer(options());
        assertThat(up.spillPending()).as("the spill survives the restart").isEqualTo(total);
        await(() -> up.spillPending() == 0, Duration.ofSeconds(30));
        up.close();

        assertThat(up.written()).isEqualTo(total);
        assertThat(up.spillBytes()).isZero();
        assertThat(db.dsl().fetchCount(REQUEST_LOGS)).isEqualTo(total);
        assertThat(db.dsl().fetchCount(REQUEST_LOGS, REQUEST_LOGS.ID.in(entries.stream().map(RequestLog::id).toList())))
                .isEqualTo(total);
        try (var files = Files.list(spillDir)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("segment-"))).isEmpty();
        }
    }

    @Test
    void a_spill_replayed_after_its_rows_were_committed_writes_nothing_twice() throws Exception {
        List<RequestLog> entries = new ArrayList<>();
        for (int i = 0; i < 500; i++) entries.add(entry(i));
        BatchingLogWriter first = writer(options());
        entries.forEach(first::record);
        first.close();
        // A crash between the commit of a replayed segment and its deletion leaves the rows in both places.
        try (LogSpill spill = new LogSpill(spillDir, 1 << 30, 8 << 20)) {
            spill.append(entries.stream().map(LogRows::of).toList());
        }

        BatchingLogWriter second = writer(options());
        await(() -> second.spillPending() == 0, Duration.ofSeconds(30));
        second.close();
        assertThat(second.written()).isZero();
        assertThat(db.dsl().fetchCount(REQUEST_LOGS)).isEqualTo(500);
    }

    @Test
    void one_large_append_is_cut_into_segments_of_the_set_size() throws Exception {
        // close() with the database down spills the whole queue in one append: it must not become one huge file
        // that replay then reads into memory at once
        long segmentBytes = 16 * 1024;
        try (LogSpill spill = new LogSpill(spillDir, 1 << 30, segmentBytes)) {
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < 500; i++) rows.add(LogRows.of(entry(i)));
            assertThat(spill.append(rows)).isEqualTo(500);
        }
        List<java.nio.file.Path> files;
        try (java.util.stream.Stream<java.nio.file.Path> listed = java.nio.file.Files.list(spillDir)) {
            files = listed.toList();
        }
        assertThat(files).hasSizeGreaterThan(5);
        for (java.nio.file.Path f : files) assertThat(java.nio.file.Files.size(f)).as(f.toString()).isLessThanOrEqualTo(segmentBytes);

        BatchingLogWriter up = writer(options());
        await(() -> up.spillPending() == 0, Duration.ofSeconds(30));
        up.close();
        assertThat(db.dsl().fetchCount(REQUEST_LOGS)).isEqualTo(500);
    }

    @Test
    void entries_are_dropped_only_beyond_the_spill_bound_and_counted() throws Exception {
        int total = 5_000;
        long bound = 256 * 1024;
        BatchingLogWriter down = new BatchingLogWriter(DOWN, downOptions().withSpillMaxBytes(bound));
        for (int i = 0; i < total; i++) down.record(entry(i));
        down.close();

        assertThat(down.dropped()).isPositive();
        assertThat(down.spilled() + down.dropped()).isEqualTo(total);
        assertThat(down.spillBytes()).isLessThanOrEqualTo(bound).isGreaterThan(bound - 2_000);

        BatchingLogWriter up = writer(options());
        await(() -> up.spillPending() == 0, Duration.ofSeconds(30));
        up.close();
        assertThat(db.dsl().fetchCount(REQUEST_LOGS)).isEqualTo((int) down.spilled());
    }

    @Test
    void a_line_cut_short_by_a_crash_is_skipped_and_counted_the_rest_is_written() throws Exception {
        try (LogSpill spill = new LogSpill(spillDir, 1 << 30, 8 << 20)) {
            spill.append(List.of(LogRows.of(entry(1)), LogRows.of(entry(2))));
        }
        Path segment;
        try (var files = Files.list(spillDir)) {
            segment = files.filter(f -> f.getFileName().toString().startsWith("segment-")).findFirst().orElseThrow();
        }
        Files.writeString(segment, "{\"id\":\"0190", java.nio.file.StandardOpenOption.APPEND);

        BatchingLogWriter writer = writer(options());
        await(() -> writer.spillPending() == 0, Duration.ofSeconds(30));
        writer.close();
        assertThat(db.dsl().fetchCount(REQUEST_LOGS)).isEqualTo(2);
        assertThat(writer.dropped()).isEqualTo(1);
    }

    @Test
    void a_second_writer_on_the_same_spill_directory_is_refused_with_a_clear_message() {
        BatchingLogWriter first = writer(options());
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> writer(options()))
                    .isInstanceOf(StartupFailure.class).hasMessageContaining("in use by another running Junction");
        } finally {
            first.close();
        }
    }
}
