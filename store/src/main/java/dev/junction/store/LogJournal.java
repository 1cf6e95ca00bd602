package dev.junction.store;

import dev.junction.engine.log.RequestLog;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal thread of {@link BatchingLogWriter}: group commit. It takes the entries {@code record()} queued (after
 * the first of a group, waiting {@code window} for more), makes their rows once, appends them to the journal with
 * one write and one {@code fsync} ({@link LogSpill#journal}), and then hands the rows to the database writer in
 * memory, as long as the memory budget's hand-off half has room; otherwise the rows are released (they are on disk
 * and replayed from there). A row the journal could not take (its disk bound reached, or the disk failing) is handed
 * in memory too if there is room, and dropped and counted if not.
 */
final class LogJournal implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LogJournal.class);
    /** The most a group takes, so that the bytes of one write stay small against the memory budget. */
    static final int GROUP_MAX_ENTRIES = 4_096;
    static final long GROUP_MAX_BYTES = 4L << 20;
    /** Memory a row in the hand-off takes beyond its serialized line (the row's array and string headers). */
    static final int ROW_OVERHEAD = 512;

    /**
     * An entry waiting for the journal, with the bytes it holds against the memory budget. A large entry (over
     * {@link BatchingLogWriter#LARGE_ENTRY_FRACTION} of the budget) comes as its row, made on the request thread so
     * that its texts are cut before it waits (the entry itself is not kept): otherwise one request near the body
     * limit, counted as its inputs and the messages they went into, would not fit the budget and leave no row.
     */
    record Queued(RequestLog entry, Object[] row, int bytes) {
        java.util.UUID id() {
            return entry != null ? entry.id() : LogRows.id(row);
        }
    }

    /** The writer's counters this thread moves. */
    record Counters(AtomicLong journaled, AtomicLong spilled, AtomicLong dropped, AtomicLong rejected,
                    AtomicLong unjournaledHeld) {}

    private final BlockingQueue<Queued> entries;
    private final BlockingQueue<JournaledRow> handoff;
    private final LogSpill spill;
    private final LogMemory memory;
    private final Duration window;
    private final Counters counters;
    private volatile boolean closing;
    private volatile boolean done;

    LogJournal(BlockingQueue<Queued> entries, BlockingQueue<JournaledRow> handoff, LogSpill spill, LogMemory memory,
               Duration window, Counters counters) {
        this.entries = entries;
        this.handoff = handoff;
        this.spill = spill;
        this.memory = memory;
        this.window = window;
        this.counters = counters;
    }

    /** Journals what is queued, then stops. */
    void close() {
        closing = true;
    }

    /** Whether the thread has stopped (everything queued before {@link #close} journaled). */
    boolean done() {
        return done;
    }

    @Override
    public void run() {
        List<Queued> group = new ArrayList<>();
        try {
            while (true) {
                Queued first = entries.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closing && entries.isEmpty()) return;
                    continue;
                }
                group.add(first);
                linger();
                long bytes = first.bytes();
                Queued next;
                while (group.size() < GROUP_MAX_ENTRIES && bytes < GROUP_MAX_BYTES && (next = entries.poll()) != null) {
                    group.add(next);
                    bytes += next.bytes();
                }
                for (Queued e : group) memory.giveEntry(e.bytes());
                try {
                    commit(group);
                } catch (RuntimeException | OutOfMemoryError e) {
                    // One group's fault (never seen) must not end journaling for every later entry.
                    counters.dropped().addAndGet(group.size());
                    LOG.error("could not journal a group of {} request log(s); they are dropped", group.size(), e);
                }
                group.clear();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            LOG.error("the request log journal failed; entries recorded from now on are dropped", e);
        } finally {
            done = true;
        }
    }

    private void linger() {
        if (closing || window.isZero() || entries.size() >= GROUP_MAX_ENTRIES - 1) return;
        try {
            Thread.sleep(window);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the group in hand is journaled first
        }
    }

    /** One group commit: rows, one journal write and fsync, then the rows to the writer or released to disk. */
    private void commit(List<Queued> group) {
        List<Object[]> rows = new ArrayList<>(group.size());
        List<byte[]> lines = new ArrayList<>(group.size());
        for (Queued e : group) {
            try {
                Object[] row = e.row() != null ? e.row() : LogRows.of(e.entry());
                lines.add(SpillLines.line(row));
                rows.add(row);
            } catch (RuntimeException ex) {
                counters.rejected().incrementAndGet();
                LOG.error("request log {} cannot be stored and is not kept: {}", e.id(), ex.getMessage());
            }
        }
        List<SpillSegment> where;
        try {
            where = spill.journal(lines);
        } catch (IOException e) {
            LOG.error("could not journal {} request log(s) (kept in memory while there is room): {}", lines.size(),
                    e.getMessage());
            where = List.of();
        }
        counters.journaled().addAndGet(where.size());
        long released = 0;
        long lost = 0;
        for (int i = 0; i < rows.size(); i++) {
            SpillSegment segment = i < where.size() ? where.get(i) : null;
            int bytes = lines.get(i).length + ROW_OVERHEAD;
            if (memory.takeHandoff(bytes)) {
                if (segment == null) counters.unjournaledHeld().incrementAndGet();
                handoff.add(new JournaledRow(rows.get(i), segment, bytes));
            } else if (segment != null) {
                spill.release(segment, 1);
                released++;
            } else {
                lost++;
            }
        }
        counters.spilled().addAndGet(released);
        if (lost > 0) {
            long n = counters.dropped().addAndGet(lost);
            if (n != lost && (n - lost) / 1000 == n / 1000) return; // logged once a thousand
            LOG.error("request log dropped: the journal is at its bound ({} bytes, JUNCTION_LOG_SPILL_MAX_MB) or failing"
                    + " and the memory budget ({} bytes, JUNCTION_LOG_MEMORY_MB) is full; {} dropped so far",
                    spill.bytes(), memory.budget(), n);
        }
    }
}
