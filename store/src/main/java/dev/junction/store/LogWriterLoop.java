package dev.junction.store;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The writer thread of {@link BatchingLogWriter}: takes up to {@code batchSize} journaled rows at a time from the
 * hand-off queue (waiting {@code linger} after the first for more to join it) and writes them ({@link LogTable});
 * with nothing in memory to write, replays the journal ({@link SpillReplay}). A batch the database does not take is
 * kept and retried every {@code retryDelay}. Rows written from memory release their bytes and tell their journal
 * segment. After {@link #close} it keeps writing until the hand-off is empty and the journal is done, or until the
 * close deadline.
 */
final class LogWriterLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchingLogWriter.class);

    private final BatchingLogWriter.Options options;
    private final Duration retryDelay;
    private final BlockingQueue<JournaledRow> handoff;
    private final LogJournal journal;
    private final SpillReplay replay;
    private final LogSpill spill;
    private final LogMemory memory;
    private final LogTable table;
    private final AtomicLong written;
    private final AtomicLong unjournaledHeld;
    /** Called on every pass (the writer's periodic stats). */
    private final Runnable everyPass;
    private volatile boolean closing;
    private volatile long closeDeadline = Long.MAX_VALUE;
    private long failingSince;
    private boolean liveTried;

    LogWriterLoop(BatchingLogWriter.Options options, Duration retryDelay, BlockingQueue<JournaledRow> handoff,
                  LogJournal journal, SpillReplay replay, LogSpill spill, LogMemory memory, LogTable table,
                  AtomicLong written, AtomicLong unjournaledHeld, Runnable everyPass) {
        this.options = options;
        this.retryDelay = retryDelay;
        this.handoff = handoff;
        this.journal = journal;
        this.replay = replay;
        this.spill = spill;
        this.memory = memory;
        this.table = table;
        this.written = written;
        this.unjournaledHeld = unjournaledHeld;
        this.everyPass = everyPass;
    }

    /** Finish what is in memory, for at most until {@code deadlineNanos} (a {@link System#nanoTime()}). */
    void close(long deadlineNanos) {
        closeDeadline = deadlineNanos;
        closing = true;
    }

    @Override
    public void run() {
        List<JournaledRow> live = new ArrayList<>(options.batchSize());
        List<Object[]> liveRows = new ArrayList<>(options.batchSize());
        try {
            while (!(closing && System.nanoTime() > closeDeadline)) {
                everyPass.run();
                if (live.isEmpty()) take(live, liveRows);
                boolean fromSpill = live.isEmpty();
                List<Object[]> batch = fromSpill ? (handoff.size() < options.batchSize() ? replay.next() : List.of()) : liveRows;
                if (batch.isEmpty()) {
                    if (closing && journal.done() && handoff.isEmpty()) break;
                    continue;
                }
                try {
                    written.addAndGet(table.write(batch, !fromSpill && !liveTried));
                    recovered();
                    if (fromSpill) {
                        replay.committed(batch);
                    } else {
                        committed(live);
                        live.clear();
                        liveRows.clear();
                        liveTried = false;
                    }
                } catch (SQLException e) {
                    if (!fromSpill) liveTried = true;
                    failed(e, batch.size());
                    Thread.sleep(closing ? Duration.ofMillis(100) : retryDelay);
                } catch (RuntimeException e) {
                    // A fault of ours, not of the database: keep the batch, say so, try again (the journal takes the
                    // traffic meanwhile).
                    if (!fromSpill) liveTried = true;
                    LOG.error("could not write a batch of {} request log(s), retrying", batch.size(), e);
                    Thread.sleep(closing ? Duration.ofMillis(100) : retryDelay);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("the request log writer failed; what it holds stays in the journal for the next start", e);
        } finally {
            table.close();
        }
    }

    /** The next batch from memory, if a row arrives soon (at once when the journal has rows waiting for replay). */
    private void take(List<JournaledRow> live, List<Object[]> liveRows) throws InterruptedException {
        JournaledRow first = replay.waiting() ? handoff.poll() : handoff.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) return;
        live.add(first);
        linger();
        handoff.drainTo(live, options.batchSize() - 1);
        for (JournaledRow r : live) liveRows.add(r.row());
    }

    /** Gives the rows that arrive just after a batch's first a moment to join it, unless a batch is waiting. */
    private void linger() {
        if (closing || handoff.size() >= options.batchSize() - 1 || options.linger().isZero()) return;
        try {
            Thread.sleep(options.linger());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the batch in hand is written first
        }
    }

    /** Rows written from memory: their segments learn it, and their bytes leave the budget. */
    private void committed(List<JournaledRow> rows) {
        long bytes = 0;
        SpillSegment segment = null;
        int run = 0;
        for (JournaledRow r : rows) {
            bytes += r.bytes();
            if (r.segment() == null) unjournaledHeld.decrementAndGet();
            if (r.segment() != segment) {
                if (segment != null) spill.committed(segment, run);
                segment = r.segment();
                run = 0;
            }
            run++;
        }
        if (segment != null) spill.committed(segment, run);
        memory.giveHandoff(bytes);
    }

    private void failed(SQLException e, int rows) {
        if (failingSince == 0) {
            failingSince = System.nanoTime();
            LOG.warn("the database does not take request logs ({}); keeping them in the journal in {}, retrying every {} ms",
                    e.getMessage(), options.spillDir(), retryDelay.toMillis());
        } else {
            LOG.debug("request log batch of {} still not written: {}", rows, e.getMessage());
        }
    }

    private void recovered() {
        if (failingSince == 0) return;
        LOG.info("the database takes request logs again after {} s; {} journaled entries to replay",
                (System.nanoTime() - failingSince) / 1_000_000_000, spill.pending());
        failingSince = 0;
    }
}
