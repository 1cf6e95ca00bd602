package dev.junction.store;

import static dev.junction.store.generated.Tables.REQUEST_LOGS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL: a child JVM records entries at a steady rate and is killed: with the database down, once the writer says
 * every entry is journaled; with the database up, {@link #WINDOW} after its last record returned, while a lock this
 * test holds keeps its rows waiting in PostgreSQL (as a busy database does). A new writer on the same spill directory
 * must then write every entry. The bound the README states: an entry recorded a group commit (a few ms; the time to
 * the last one on disk is printed as FIGURE) before a SIGKILL is never lost.
 */
@Tag("alone") // stops or kills PostgreSQL and waits on short windows: run with no other test class beside it
class LogJournalCrashTest {
    /** How long after the last record() the child is killed: a group commit with room to spare on a busy machine. */
    static final Duration WINDOW = Duration.ofMillis(250);
    static final int ENTRIES = 6_000;
    static final int BODY_CHARS = 4_000;
    static final int PER_SECOND = 4_000;

    private final TestDatabase db = TestDatabase.fresh();

    @TempDir
    Path spillDir;

    @Test
    void a_sigkill_while_the_database_is_down_loses_no_entry_recorded_a_group_commit_before_it() throws Exception {
        killAfterRecording("down", "JOURNALED", Duration.ZERO);
        assertEveryEntryArrives();
    }

    @Test
    void a_sigkill_while_the_database_is_up_loses_no_entry_recorded_a_group_commit_before_it() throws Exception {
        try (Connection lock = db.dataSource().getConnection()) {
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("LOCK TABLE request_logs IN SHARE MODE"); // the child's COPY waits; the database is up
            }
            killAfterRecording(db.jdbcUrl(), "RECORDED", WINDOW);
            lock.rollback();
        }
        assertEveryEntryArrives();
    }

    /** Starts the child, reads its output up to the line starting with {@code signal}, waits {@code after}, kills it. */
    private void killAfterRecording(String database, String signal, Duration after) throws Exception {
        Process child = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), JournalChild.class.getName(),
                spillDir.toString(), database, Integer.toString(ENTRIES), Integer.toString(BODY_CHARS),
                Integer.toString(PER_SECOND)))
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith(signal)) {
                figure(line, database);
            }
            assertThat(line).as("the child printed " + signal).isNotNull();
            figure(line, database);
            long seen = System.nanoTime();
            Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    String l;
                    while ((l = out.readLine()) != null) figure(l, database);
                } catch (java.io.IOException ignored) {
                    // the child is gone
                }
            });
            Thread.sleep(Math.max(0, after.toMillis() - (System.nanoTime() - seen) / 1_000_000));
            child.destroyForcibly(); // SIGKILL
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
    }

    private static void figure(String line, String database) {
        if (!line.startsWith("JOURNALED")) return;
        String[] parts = line.split(" ");
        System.out.printf("FIGURE log journal: %s entries of %d chars at %d/s, all on disk %s ms after the last record"
                + " (database %s)%n", parts[1], BODY_CHARS, PER_SECOND, parts[2], database.equals("down") ? "down" : "up");
    }

    private void assertEveryEntryArrives() throws Exception {
        BatchingLogWriter writer = new BatchingLogWriter(BatchingLogWriter.ConnectionSource.of(db.jdbcUrl()),
                BatchingLogWriter.Options.defaults(spillDir));
        BatchingLogWriterTest.await(() -> writer.spillPending() == 0, Duration.ofSeconds(60));
        writer.close();
        assertThat(db.dsl().fetchCount(REQUEST_LOGS)).as("rows after the SIGKILL and a restart").isEqualTo(ENTRIES);
        assertThat(writer.dropped()).isZero();
    }
}
