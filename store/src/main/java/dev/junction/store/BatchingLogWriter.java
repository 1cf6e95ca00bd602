package dev.junction.store;

import dev.junction.engine.log.LogSink;
import dev.junction.engine.log.RequestLog;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes request logs off the request thread, and loses none of them within a documented bound.
 *
 * <p>{@link #record} never blocks and never touches the disk: it offers the entry to the in-memory queue
 * ({@code queueCapacity}); when that is full (the database is down or slower than the traffic) to a small hand-off
 * queue ({@code handoffCapacity}) that a second thread appends to the spill file ({@link LogSpill}, fsynced per
 * append); only when that too is full, or the spill has reached {@code spillMaxBytes}, is an entry dropped, and
 * counted in {@link #dropped()}.
 *
 * <p>One writer thread takes up to {@code batchSize} entries at a time (waiting {@code linger} after the first for
 * more to join it) and writes them on a connection of its own ({@link LogTable}): with COPY, or on a retry with
 * {@code INSERT ... ON CONFLICT DO NOTHING}. A batch the database does not take is kept and retried every
 * {@link #RETRY_DELAY}. Once the in-memory queue is nearly empty, the writer replays the spill,
 * oldest segment first, and deletes a segment once all its rows are committed; since inserts skip rows already
 * there, a crash between the commit and the delete, or a batch retried after a lost answer, duplicates nothing.
 * A row PostgreSQL refuses for its data (never seen: NUL characters are replaced) is counted in
 * {@link #rejected()} and logged by id, so it cannot hold up the others.
 *
 * <p>{@link #close()} stops taking entries, writes what is in memory to the database for up to
 * {@code shutdownBudget} and spills whatever is left after that; the next start replays it.
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
     * @param queueCapacity   entries held in memory while the database is slow or away
     * @param batchSize       rows per INSERT (at most {@link LogRows#MAX_ROWS_PER_STATEMENT})
     * @param spillDir        where the spill segments live
     * @param spillMaxBytes   the most the spill may hold on disk; entries beyond it are dropped
     * @param segmentBytes    the size at which a spill segment is sealed
     * @param handoffCapacity entries waiting for the spill thread
     * @param shutdownBudget  how long {@link #close()} keeps trying the database before it spills the rest
     * @param linger          how long the writer waits, after the first entry of a batch, for more to join it: one
     *                        COPY (and one commit) per linger instead of one per request at moderate rates
     */
    public record Options(int queueCapacity, int batchSize, Path spillDir, long spillMaxBytes, long segmentBytes,
                          int handoffCapacity, Duration shutdownBudget, Duration linger) {
        public Options {
            if (batchSize < 1 || batchSize > LogRows.MAX_ROWS_PER_STATEMENT) {
                throw new IllegalArgumentException("batchSize must be 1 to " + LogRows.MAX_ROWS_PER_STATEMENT);
            }
        }

        public static Options defaults(Path spillDir) {
            return new Options(100_000, 1_000, spillDir, 1024L << 20, 8L << 20, 20_000, Duration.ofSeconds(5),
                    Duration.ofMillis(10));
        }

        public Options withQueueCapacity(int n) {
            return new Options(n, batchSize, spillDir, spillMaxBytes, segmentBytes, handoffCapacity, shutdownBudget, linger);
        }

        public Options withBatchSize(int n) {
            return new Options(queueCapacity, n, spillDir, spillMaxBytes, segmentBytes, handoffCapacity, shutdownBudget, linger);
        }

        public Options withSpillMaxBytes(long n) {
            return new Options(queueCapacity, batchSize, spillDir, n, Math.min(segmentBytes, Math.max(n, 1)),
                    handoffCapacity, shutdownBudget, linger);
        }

        public Options withShutdownBudget(Duration d) {
            return new Options(queueCapacity, batchSize, spillDir, spillMaxBytes, segmentBytes, handoffCapacity, d, linger);
        }

        public Options withLinger(Duration d) {
            return new Options(queueCapacity, batchSize, spillDir, spillMaxBytes, segmentBytes, handoffCapacity,
                    shutdownBudget, d);
        }
    }

    private final Options options;
    private final BlockingQueue<RequestLog> queue;
    private final BlockingQueue<RequestLog> handoff;
    private final LogSpill spill;
    private final SpillReplay replay;
    private final Thread writer;
    private final Thread spiller;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong spilled = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    /** The writer thread's way into the database. */
    private final LogTable table;
    private volatile boolean closing;
    private volatile boolean writerDone;
    private volatile long closeDeadline = Long.MAX_VALUE;
    /** The live batch the writer holds (for close() when the writer hangs in a database call). */
    private volatile List<Object[]> inFlight = List.of();

    // writer thread only
    private long failingSince;
    private boolean liveTried;
    private long lastStats = System.nanoTime();
    private String lastStatsLine = "";

    public BatchingLogWriter(ConnectionSource database, Options options) {
        this.table = new LogTable(database, rejected);
        this.options = options;
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        this.handoff = new ArrayBlockingQueue<>(options.handoffCapacity());
        this.spill = new LogSpill(options.spillDir(), options.spillMaxBytes(), options.segmentBytes());
        this.replay = new SpillReplay(spill, options.batchSize(), RETRY_DELAY);
        this.writer = Thread.ofPlatform().name("junction-log-writer").daemon(true).unstarted(this::runWriter);
        this.spiller = Thread.ofPlatform().name("junction-log-spill").daemon(true).unstarted(this::runSpiller);
        this.writer.start();
        this.spiller.start();
    }

    @Override
    public void record(RequestLog entry) {
        if (!closing && (queue.offer(entry) || handoff.offer(entry))) return;
        long n = dropped.incrementAndGet();
        if (n == 1 || n % 1000 == 0) {
            LOG.error("request log dropped ({}): {} dropped so far", closing ? "the writer is closed"
                    : "memory queue and spill hand-off full", n);
        }
    }

    /** Entries in memory, waiting for the database or the spill file. */
    public int queued() { return queue.size() + handoff.size(); }
    /** Rows committed to the database (replayed spill rows included, rows that were already there not). */
    public long written() { return written.get(); }
    /** Entries written to the spill file since start. */
    public long spilled() { return spilled.get(); }
    /** Entries in the spill file waiting to be written to the database (earlier runs' included). */
    public long spillPending() { return spill.pending(); }
    /** Bytes the spill file takes on disk. */
    public long spillBytes() { return spill.bytes(); }
    /** Entries lost: beyond the bounds (memory queue + hand-off full, spill at its maximum), or after close. */
    public long dropped() { return dropped.get() + spill.corrupt(); }
    /** Rows PostgreSQL refused for their data (each logged with its id). */
    public long rejected() { return rejected.get(); }

    /** Gives the entries that arrive just after a batch's first a moment to join it, unless a batch is waiting. */
    private void linger() {
        if (closing || queue.size() >= options.batchSize() - 1 || options.linger().isZero()) return;
        try {
            Thread.sleep(options.linger());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the batch in hand is written (or spilled) first
        }
    }

    private void runWriter() {
        List<RequestLog> taken = new ArrayList<>(options.batchSize());
        List<Object[]> live = new ArrayList<>(options.batchSize());
        try {
            while (!(closing && System.nanoTime() > closeDeadline)) {
                maybeLogStats();
                if (live.isEmpty()) {
                    RequestLog first = replay.waiting() ? queue.poll() : queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first != null) {
                        taken.add(first);
                        linger();
                        queue.drainTo(taken, options.batchSize() - 1);
                        live = rows(taken);
                        taken.clear();
                    }
                }
                boolean fromSpill = live.isEmpty();
                List<Object[]> batch = fromSpill ? (queue.size() < options.batchSize() ? replay.next() : List.of()) : live;
                if (batch.isEmpty()) {
                    if (closing && queue.isEmpty()) break;
                    continue;
                }
                if (!fromSpill) inFlight = batch;
                try {
                    written.addAndGet(table.write(batch, !fromSpill && !liveTried));
                    recovered();
                    if (fromSpill) {
                        replay.committed(batch);
                    } else {
                        live = new ArrayList<>(options.batchSize());
                        inFlight = List.of();
                        liveTried = false;
                    }
                } catch (SQLException e) {
                    if (!fromSpill) liveTried = true;
                    failed(e, batch.size());
                    Thread.sleep(closing ? Duration.ofMillis(100) : RETRY_DELAY);
                } catch (RuntimeException e) {
                    // A fault of ours, not of the database: keep the batch, say so, try again (the queue, then the
                    // spill, take the traffic meanwhile).
                    if (!fromSpill) liveTried = true;
                    LOG.error("could not write a batch of {} request log(s), retrying", batch.size(), e);
                    Thread.sleep(closing ? Duration.ofMillis(100) : RETRY_DELAY);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("the request log writer failed; what it holds goes to the spill file", e);
        } finally {
            // Whatever is still in memory goes to disk; the next start writes it.
            List<RequestLog> rest = new ArrayList<>();
            queue.drainTo(rest);
            List<Object[]> leftovers = new ArrayList<>(live);
            leftovers.addAll(rows(rest));
            spillRows(leftovers);
            inFlight = List.of();
            table.close();
            writerDone = true;
        }
    }

    /**
     * Tells the listener (the analytics rollup job) the oldest time among replayed rows, so hours it had already
     * settled are counted again.
     */
    public void onReplayed(java.util.function.Consumer<java.time.Instant> listener) {
        replay.onReplayed(listener);
    }

    private void failed(SQLException e, int rows) {
        if (failingSince == 0) {
            failingSince = System.nanoTime();
            LOG.warn("the database does not take request logs ({}); keeping them in memory, then in {}, retrying every {} ms",
                    e.getMessage(), options.spillDir(), RETRY_DELAY.toMillis());
        } else {
            LOG.debug("request log batch of {} still not written: {}", rows, e.getMessage());
        }
    }

    private void recovered() {
        if (failingSince == 0) return;
        LOG.info("the database takes request logs again after {} s; {} spilled entries to write",
                (System.nanoTime() - failingSince) / 1_000_000_000, spill.pending());
        failingSince = 0;
    }

    private void runSpiller() {
        List<RequestLog> taken = new ArrayList<>();
        try {
            while (true) {
                RequestLog first = handoff.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (writerDone && handoff.isEmpty()) return;
                    continue;
                }
                taken.add(first);
                handoff.drainTo(taken, 4_999);
                spillRows(rows(taken));
                taken.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void spillRows(List<Object[]> rows) {
        if (rows.isEmpty()) return;
        try {
            int n = spill.append(rows);
            spilled.addAndGet(n);
            if (n < rows.size()) {
                dropped.addAndGet(rows.size() - n);
                LOG.error("request log spill is full ({} bytes, the most JUNCTION_LOG_SPILL_MAX_MB allows): {} entries dropped",
                        spill.bytes(), rows.size() - n);
            }
        } catch (IOException e) {
            dropped.addAndGet(rows.size());
            LOG.error("could not write {} request log(s) to the spill file, they are lost: {}", rows.size(), e.getMessage());
        }
    }

    /** Rows of entries; an entry that cannot be turned into a row (never seen) is counted as rejected. */
    private List<Object[]> rows(List<RequestLog> entries) {
        List<Object[]> rows = new ArrayList<>(entries.size());
        for (RequestLog e : entries) {
            try {
                rows.add(LogRows.of(e));
            } catch (RuntimeException ex) {
                rejected.incrementAndGet();
                LOG.error("request log {} cannot be stored and is not kept: {}", e.id(), ex.getMessage());
            }
        }
        return rows;
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
        return String.format("%d queued, %d written, %d spilled (%d pending on disk, %d bytes), %d dropped, %d rejected",
                queued(), written(), spilled(), spillPending(), spillBytes(), dropped(), rejected());
    }

    /**
     * Stops taking entries; writes what is in memory to the database for up to the shutdown budget, then spills the
     * rest (and replays pending spill while the budget lasts). Returns when every entry is in one place or the other.
     */
    @Override
    public void close() {
        if (closing) return;
        closeDeadline = System.nanoTime() + options.shutdownBudget().toNanos();
        closing = true;
        try {
            writer.join(options.shutdownBudget().plus(Duration.ofSeconds(35)));
            if (writer.isAlive()) {
                // Stuck in a database call past its socket timeout: spill its batch and the queue ourselves
                // (a row written twice is skipped on replay).
                LOG.error("the request log writer does not finish; spilling what it holds");
                List<Object[]> held = new ArrayList<>(inFlight);
                List<RequestLog> rest = new ArrayList<>();
                queue.drainTo(rest);
                held.addAll(rows(rest));
                spillRows(held);
                writerDone = true;
            }
            spiller.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        spill.close();
        if (spilled() > 0 || spillPending() > 0 || dropped() > 0 || rejected() > 0) {
            LOG.warn("request log writer closed: {}", stats());
        }
    }
}
