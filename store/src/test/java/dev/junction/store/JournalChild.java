package dev.junction.store;

import dev.junction.engine.log.RequestLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The gateway's request log in a process of its own, for {@link LogJournalCrashTest} to kill: opens a writer on a
 * spill directory (with the database at a JDBC URL, or {@code down}), records {@code n} entries with bodies of
 * {@code bodyChars} characters at {@code perSecond} entries a second, prints {@code RECORDED n}, then
 * {@code JOURNALED n ms} once the writer says all of them are on disk (how long after the last record that took),
 * and waits to be killed.
 */
final class JournalChild {
    private JournalChild() {}

    public static void main(String[] args) throws Exception {
        Path spill = Path.of(args[0]);
        BatchingLogWriter.ConnectionSource database = args[1].equals("down") ? BatchingLogWriterTest.DOWN
                : BatchingLogWriter.ConnectionSource.of(args[1]);
        int n = Integer.parseInt(args[2]);
        String body = "b".repeat(Integer.parseInt(args[3]));
        long gapNanos = 1_000_000_000L / Integer.parseInt(args[4]);
        BatchingLogWriter writer = new BatchingLogWriter(database, BatchingLogWriter.Options.defaults(spill));
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            LockSupport.parkNanos(start + i * gapNanos - System.nanoTime());
            writer.record(withBody(BatchingLogWriterTest.entry(i), body));
        }
        long recorded = System.nanoTime();
        System.out.println("RECORDED " + n);
        System.out.flush();
        long end = recorded + Duration.ofSeconds(30).toNanos();
        while (writer.journaled() < n && System.nanoTime() < end) Thread.sleep(1);
        System.out.printf("JOURNALED %d %d%n", writer.journaled(), (System.nanoTime() - recorded) / 1_000_000);
        System.out.flush();
        Thread.sleep(Duration.ofMinutes(5));
    }

    static RequestLog withBody(RequestLog e, String body) {
        return e.toBuilder().metadata(Map.of()).identity(null, null).request(Map.of()).usage(null).ttftMicros(null)
                .bodies(new RequestLog.Bodies(Map.of("question", body), List.of(), "answer", "stop")).build();
    }
}
