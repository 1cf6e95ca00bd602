package dev.junction.store;

import static dev.junction.store.generated.Tables.REQUEST_LOGS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.log.RequestLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request log's memory is bounded in bytes, its journal on disk in bytes, and the journal is its owner's only. */
class BatchingLogWriterMemoryTest {
    private final TestDatabase db = TestDatabase.fresh();
    private final AtomicBoolean up = new AtomicBoolean(false);
    /** The test database, refusing connections while {@link #up} is false. */
    private final BatchingLogWriter.ConnectionSource switchable = () -> {
        if (!up.get()) throw new SQLException("Connection refused", "08001");
        return BatchingLogWriter.ConnectionSource.of(db.jdbcUrl()).open();
    };

    @TempDir
    Path spillDir;

    private static RequestLog large(int i) {
        return JournalChild.withBody(BatchingLogWriterTest.entry(i), "m".repeat(100_000));
    }

    @Test
    void with_the_database_down_large_entries_never_hold_more_than_the_memory_budget_and_all_arrive_later()
            throws Exception {
        long budget = 4L << 20;
        int total = 200; // 20 MB of bodies, five times the budget
        BatchingLogWriter writer = new BatchingLogWriter(switchable, BatchingLogWriter.Options.defaults(spillDir)
                .withMemoryBytes(budget).withShutdownBudget(Duration.ofSeconds(30)));
        for (int i = 0; i < total; i++) {
            recordWhenThereIsRoom(writer, large(i), budget);
            assertThat(writer.memoryBytes()).isLessThanOrEqualTo(budget);
        }
        BatchingLogWriterTest.await(() -> writer.journaled() == total, Duration.ofSeconds(30));
        assertThat(writer.peakMemoryBytes()).as("bytes held at most").isPositive().isLessThanOrEqualTo(budget);
        assertThat(writer.dropped()).isZero();
        assertThat(writer.spilled()).as("entries beyond the memory budget are released to the journal on disk")
                .isGreaterThan(total / 2);
        assertThat(writer.written()).isZero();

        up.set(true);
        BatchingLogWriterTest.await(() -> writer.written() == total && writer.spillPending() == 0, Duration.ofSeconds(60));
        writer.close();
        assertThat(db.dsl().fetchCount(REQUEST_LOGS)).isEqualTo(total);
        assertThat(writer.dropped()).isZero();
        assertThat(writer.spillBytes()).as("no journal segment waits for replay").isZero();
    }

    @Test
    void a_request_larger_than_the_memory_budget_is_logged_cut_with_its_size_and_hash_not_dropped() throws Exception {
        long budget = 4L << 20;
        String input = "q".repeat(3 << 20); // in the inputs and in the message it went into: 6 MB, over the budget
        RequestLog e = BatchingLogWriterTest.entry(1);
        RequestLog big = e.toBuilder().metadata(java.util.Map.of()).identity(null, null).request(java.util.Map.of())
                .usage(null).ttftMicros(null)
                .bodies(new RequestLog.Bodies(java.util.Map.of("question", input),
                        List.of(dev.junction.engine.deployment.PromptMessage.user(input)), "answer", "stop"))
                .apiKeyId(null).textMaxBytes(RequestLog.DEFAULT_TEXT_MAX_BYTES).build();
        up.set(true);
        BatchingLogWriter writer = new BatchingLogWriter(switchable, BatchingLogWriter.Options.defaults(spillDir)
                .withMemoryBytes(budget));
        writer.record(big);
        assertThat(writer.memoryBytes()).as("what waits is the cut row").isLessThan(budget / 4);
        BatchingLogWriterTest.await(() -> writer.written() == 1, Duration.ofSeconds(30));
        writer.close();
        assertThat(writer.dropped()).isZero();
        String truncated = db.dsl().select(REQUEST_LOGS.TRUNCATED).from(REQUEST_LOGS).fetchOne().value1().data();
        assertThat(truncated).contains("\"inputs.question\"", "\"bytes\": " + (3 << 20));
    }

    @Test
    void entries_beyond_the_journal_and_memory_bounds_are_dropped_and_counted_and_the_rest_arrive() throws Exception {
        long budget = 2L << 20;
        int total = 100; // 10 MB: the journal takes 1 MB, memory some more, the rest is dropped
        BatchingLogWriter writer = new BatchingLogWriter(switchable, BatchingLogWriter.Options.defaults(spillDir)
                .withMemoryBytes(budget).withSpillMaxBytes(1L << 20).withShutdownBudget(Duration.ofSeconds(30)));
        for (int i = 0; i < total; i++) recordWhenThereIsRoom(writer, large(i), budget);
        BatchingLogWriterTest.await(() -> writer.dropped() > 0, Duration.ofSeconds(30));
        assertThat(writer.peakMemoryBytes()).isLessThanOrEqualTo(budget);
        assertThat(writer.journalBytes()).isLessThanOrEqualTo(1L << 20);
        assertThat(writer.dropped()).as("beyond both bounds").isPositive();

        up.set(true);
        BatchingLogWriterTest.await(() -> writer.queued() == 0 && writer.spillPending() == 0, Duration.ofSeconds(60));
        writer.close();
        assertThat(writer.written() + writer.dropped()).as("every entry written or counted dropped").isEqualTo(total);
        assertThat(db.dsl().fetchCount(REQUEST_LOGS)).isEqualTo((int) writer.written());
    }

    @Test
    void the_journal_directory_is_0700_and_its_files_0600_also_when_an_earlier_version_made_them_readable()
            throws Exception {
        Path dir = spillDir.resolve("log-spill");
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path old = dir.resolve("segment-0000000000000000007.jsonl");
        Files.write(old, SpillLines.line(LogRows.of(BatchingLogWriterTest.entry(1))));
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));

        BatchingLogWriter writer = new BatchingLogWriter(BatchingLogWriterTest.DOWN,
                BatchingLogWriter.Options.defaults(dir).withShutdownBudget(Duration.ofMillis(300)));
        writer.record(BatchingLogWriterTest.entry(2));
        BatchingLogWriterTest.await(() -> writer.journaled() == 1, Duration.ofSeconds(10));
        assertThat(mode(dir)).isEqualTo("rwx------");
        List<Path> files;
        try (var listed = Files.list(dir)) {
            files = listed.toList();
        }
        assertThat(files).hasSize(3); // .lock, the earlier run's segment, this run's
        for (Path f : files) assertThat(mode(f)).as(f.getFileName().toString()).isEqualTo("rw-------");
        writer.close();
    }

    /**
     * A producer the journal keeps up with (30 large requests a second in production): it records when the budget
     * has room for two more entries, so that what is dropped is dropped beyond the bounds, not for a burst.
     */
    private static void recordWhenThereIsRoom(BatchingLogWriter writer, RequestLog entry, long budget)
            throws InterruptedException {
        long room = 2L * LogEntrySize.of(entry);
        BatchingLogWriterTest.await(() -> writer.memoryBytes() + room <= budget, Duration.ofSeconds(30));
        writer.record(entry);
    }

    private static String mode(Path p) throws java.io.IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }
}
