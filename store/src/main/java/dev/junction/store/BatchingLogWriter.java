package dev.junction.store;

import dev.junction.engine.log.LogSink;
import dev.junction.engine.log.RequestLog;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes request logs off the request thread, journaled on disk before the database sees them, in memory bounded in
 * bytes, and loses none of them within a documented bound.
 *
 * <p>{@link #record} never blocks and never touches the disk: it estimates the entry's size ({@link LogEntrySize})
 * and queues it if the memory budget ({@code memoryBytes}, {@link LogMemory}) has room; otherwise the entry is
 * dropped and counted in {@link #dropped()}.
 *
 * <p>A journal thread ({@link LogJournal}) makes the queued entries' rows and appends them, a group at a time, to the
 * journal ({@link LogSpill}) with one write and one {@code fsync}, and then hands them to the writer thread in
 * memory. <b>Crash bound:</b> an entry is on disk once the group commit after its {@code record} returned is done
 * ({@link #journaled()} counts it): the group-commit window ({@code groupCommit}) plus one write and fsync. A SIGKILL
 * loses only entries recorded within that time; a power cut, the same (the fsync). While the database is down or
 * slow, the rows in memory for the writer take at most half the budget; past it, rows are released from memory and
 * replayed from the journal later. Only when the journal is at its bound ({@code spillMaxBytes}) and memory is full
 * is a row dropped (counted).
 *
 * <p>One writer thread ({@link LogWriterLoop}) takes up to {@code batchSize} rows at a time (waiting {@code linger} after the first for
 * more to join it) and writes them on a connection of its own ({@link LogTable}): with COPY, or on a retry with
 * {@code INSERT ... ON CONFLICT DO NOTHING}. A batch the database does not take is kept and retried every
 * {@link #RETRY_DELAY}. A journal segment whose rows are all committed is deleted. Once the rows in memory are
 * nearly written, the writer replays the segments waiting for it ({@link SpillReplay}), oldest first; since inserts
 * skip rows already there, a crash between a commit and a deletion, or a batch retried after a lost answer,
 * duplicates nothing. A row PostgreSQL refuses for its data (never seen: NUL characters are replaced) is counted
 * in {@link #rejected()} and logged by id, so it cannot hold up the others.
 *
 * <p>{@link #close()} stops taking entries, journals what is queued, writes what is in memory to the database for up
 * to {@code shutdownBudget}, and leaves the rest in the journal; the next start replays it.
 */
public final class BatchingLogWriter implements LogSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchingLogWriter.class);
    static final Duration RETRY_DELAY = Duration.ofSeconds(1);
    private static final long STATS_EVERY_NANOS = Duration.ofSeconds(30).toNanos();

    /** Opens a connection to the database for the writer's own use. */
    @FunctionalInterface
    public interface ConnectionSource {
        Connection open() throws SQLException;

        /** A JDBC URL, with a 5 s connect timeout and a 30 s socket timeout (so no call hangs on a dead server). */
        static ConnectionSource of(String jdbcUrl) {
            return () -> {
                java.util.Properties p = new java.util.Properties();
                p.setProperty("connectTimeout", "5");
                p.setProperty("socketTimeout", "30");
                p.setProperty("tcpKeepAlive", "true");
                p.setProperty("ApplicationName", "junction-log-writer");
                return java.sql.DriverManager.getConnection(jdbcUrl, p);
            };
        }
    }

    /**
     * @param memoryBytes    the most log entries and rows may hold in memory (estimated); entries beyond are dropped
     * @param batchSize      rows per INSERT (at most {@link LogRows#MAX_ROWS_PER_STATEMENT})
     * @param spillDir       where the journal segments live
     * @param spillMaxBytes  the most the journal may hold on disk; rows beyond it are kept in memory only, if there
     *                       is room
     * @param segmentBytes   the size at which a journal segment is sealed
     * @param groupCommit    how long the journal waits, after the first entry of a group, for more to join it: one
     *                       fsync per group; the window of the crash bound
     * @param shutdownBudget how long {@link #close()} keeps trying the database before it leaves the rest on disk
     * @param linger         how long the writer waits, after the first row of a batch, for more to join it: one
     *                       COPY (and one commit) per linger instead of one per request at moderate rates
     */
    public record Options(long memoryBytes, int batchSize, Path spillDir, long spillMaxBytes, long segmentBytes,
                          Duration groupCommit, Duration shutdownBudget, Duration linger) {
        public Options {
            if (batchSize < 1 || batchSize > LogRows.MAX_ROWS_PER_STATEMENT) {
                throw new IllegalArgumentException("batchSize must be 1 to " + LogRows.MAX_ROWS_PER_STATEMENT);
            }
            if (memoryBytes < 1) throw new IllegalArgumentException("memoryBytes must be positive");
        }

        public static Options defaults(Path spillDir) {
            return new Options(64L << 20, 1_000, spillDir, 1024L << 20, 8L << 20, Duration.ofMillis(5),
                    Duration.ofSeconds(5), Duration.ofMillis(10));
        }

        public Options withMemoryBytes(long n) {
            return new Options(n, batchSize, spillDir, spillMaxBytes, segmentBytes, groupCommit, shutdownBudget, linger);
        }

        public Options withBatchSize(int n) {
            return new Options(memoryBytes, n, spillDir, spillMaxBytes, segmentBytes, groupCommit, shutdownBudget, linger);
        }

        public Options withSpillMaxBytes(long n) {
            return new Options(memoryBytes, batchSize, spillDir, n, Math.min(segmentBytes, Math.max(n, 1)),
                    groupCommit, shutdownBudget, linger);
        }

        public Options withShutdownBudget(Duration d) {
            return new Options(memoryBytes, batchSize, spillDir, spillMaxBytes, segmentBytes, groupCommit, d, linger);
        }

        public Options withLinger(Duration d) {
            return new Options(memoryBytes, batchSize, spillDir, spillMaxBytes, segmentBytes, groupCommit,
                    shutdownBudget, d);
        }
    }

    private final Options options;
    /** An entry estimated at more than this fraction of the memory budget has its row made on the request thread. */
    static final int LARGE_ENTRY_FRACTION = 16;
    private final BlockingQueue<LogJournal.Queued> queue = new LinkedBlockingQueue<>();
    private final BlockingQueue<JournaledRow> handoff = new LinkedBlockingQueue<>();
    private final LogMemory memory;
    private final LogSpill spill;
    private final SpillReplay replay;
    private final LogJournal journal;
    private final Thread journalThread;
    private final Thread writer;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong journaled = new AtomicLong();
    private final AtomicLong spilled = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    /** Rows in memory for the writer that the journal could not take (at its bound): lost if not written. */
    private final AtomicLong unjournaledHeld = new AtomicLong();
    /** The writer thread's way into the database. */
    private final LogTable table;
    private final LogWriterLoop loop;
    private volatile boolean closing;

    // writer thread only
    private long lastStats = System.nanoTime();
    private String lastStatsLine = "";

    public BatchingLogWriter(ConnectionSource database, Options options) {
        this.table = new LogTable(database, rejected);
        this.options = options;
        this.memory = new LogMemory(options.memoryBytes());
        this.spill = new LogSpill(options.spillDir(), options.spillMaxBytes(), options.segmentBytes());
        this.replay = new SpillReplay(spill, options.batchSize(), RETRY_DELAY);
        this.journal = new LogJournal(queue, handoff, spill, memory, options.groupCommit(),
                new LogJournal.Counters(journaled, spilled, dropped, rejected, unjournaledHeld));
        this.journalThread = Thread.ofPlatform().name("junction-log-journal").daemon(true).unstarted(journal);
        this.loop = new LogWriterLoop(options, RETRY_DELAY, handoff, journal, replay, spill, memory, table, written,
                unjournaledHeld, this::maybeLogStats);
        this.writer = Thread.ofPlatform().name("junction-log-writer").daemon(true).unstarted(loop);
        this.journalThread.start();
        this.writer.start();
    }

    @Override
    public void record(RequestLog entry) {
        if (closing) {
            drop();
            return;
        }
        int bytes = LogEntrySize.of(entry);
        LogJournal.Queued queued;
        if (bytes > memory.budget() / LARGE_ENTRY_FRACTION) {
            // A rare, large request: its texts are cut (and hashed) here, so that what waits is the bounded row.
            Object[] row;
            try {
                row = LogRows.of(entry);
            } catch (RuntimeException e) {
                rejected.incrementAndGet();
                LOG.error("request log {} cannot be stored and is not kept: {}", entry.id(), e.getMessage());
                return;
            }
            queued = new LogJournal.Queued(null, row, LogEntrySize.ofRow(row));
        } else {
            queued = new LogJournal.Queued(entry, null, bytes);
        }
        if (memory.takeEntry(queued.bytes())) {
            queue.add(queued);
            return;
        }
        drop();
    }

    private void drop() {
        long n = dropped.incrementAndGet();
        if (n == 1 || n % 1000 == 0) {
            LOG.error("request log dropped ({}): {} dropped so far", closing ? "the writer is closed"
                    : "the memory budget (JUNCTION_LOG_MEMORY_MB, " + memory.budget() + " bytes) is full", n);
        }
    }

    /** Entries and rows in memory, waiting for the journal or the database. */
    public int queued() { return queue.size() + handoff.size(); }
    /** Bytes the entries and rows in memory hold (estimated); never more than the budget. */
    public long memoryBytes() { return memory.held(); }
    /** The most {@link #memoryBytes()} has been since start. */
    public long peakMemoryBytes() { return memory.peak(); }
    /** Rows committed to the database (replayed rows included, rows that were already there not). */
    public long written() { return written.get(); }
    /** Entries on disk in the journal since start: a SIGKILL from now on does not lose them. */
    public long journaled() { return journaled.get(); }
    /** Entries released from memory since start (the memory budget was full, or at close): replayed from disk. */
    public long spilled() { return spilled.get(); }
    /** Entries in the journal waiting for replay (earlier runs' included). */
    public long spillPending() { return spill.pending(); }
    /** Bytes of the journal segments waiting for replay. */
    public long spillBytes() { return spill.replayBytes(); }
    /** Bytes the whole journal takes on disk (segments waiting for replay, and those whose rows are in memory). */
    public long journalBytes() { return spill.bytes(); }
    /** Entries lost: beyond the bounds (memory full, and journal full for a row), after close, or cut by a crash. */
    public long dropped() { return dropped.get() + spill.corrupt(); }
    /** Rows PostgreSQL refused for their data (each logged with its id). */
    public long rejected() { return rejected.get(); }

    /**
     * Tells the listener (the analytics rollup job) the oldest time among replayed rows, so hours it had already
     * settled are counted again.
     */
    public void onReplayed(java.util.function.Consumer<java.time.Instant> listener) {
        replay.onReplayed(listener);
    }

    private void maybeLogStats() {
        long now = System.nanoTime();
        if (now - lastStats < STATS_EVERY_NANOS) return;
        lastStats = now;
        if (spill.pending() == 0 && dropped() == 0 && spilled() == 0) return;
        String line = stats();
        if (!line.equals(lastStatsLine)) LOG.warn("request logs: {}", line);
        lastStatsLine = line;
    }

    private String stats() {
        return String.format("%d queued (%d bytes), %d written, %d journaled, %d spilled (%d pending on disk, %d bytes),"
                        + " %d dropped, %d rejected", queued(), memoryBytes(), written(), journaled(), spilled(),
                spillPending(), spillBytes(), dropped(), rejected());
    }

    /**
     * Stops taking entries; journals what is queued; writes what is in memory to the database for up to the shutdown
     * budget (and replays pending segments while it lasts). Whatever is not written then stays in the journal for the
     * next start.
     */
    @Override
    public void close() {
        if (closing) return;
        closing = true;
        loop.close(System.nanoTime() + options.shutdownBudget().toNanos());
        journal.close();
        try {
            journalThread.join(Duration.ofSeconds(30));
            writer.join(options.shutdownBudget().plus(Duration.ofSeconds(35)));
            if (writer.isAlive()) LOG.error("the request log writer does not finish; what it holds stays in the journal");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        spill.close();
        spilled.addAndGet(spill.leftAtClose());
        long lost = unjournaledHeld.getAndSet(0) + queue.size();
        if (lost > 0) {
            dropped.addAndGet(lost);
            LOG.error("{} request log(s) in memory only (the journal was at its bound) were not written and are lost", lost);
        }
        if (spilled() > 0 || spillPending() > 0 || dropped() > 0 || rejected() > 0) {
            LOG.warn("request log writer closed: {}", stats());
        }
    }
}
