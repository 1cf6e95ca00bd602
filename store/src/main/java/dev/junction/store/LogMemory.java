package dev.junction.store;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The request log's memory budget in bytes: entries waiting for the journal (their {@link LogEntrySize estimate}) and
 * journaled rows waiting in memory for the database (their serialized size). The rows handed to the database
 * writer may take at most half of it, so that while the database is down the entries still have room and the
 * journal releases rows to the disk instead. Thread-safe; {@link #held()} never exceeds {@link #budget()}.
 */
final class LogMemory {
    private final long budget;
    private final long handoffBudget;
    private final AtomicLong held = new AtomicLong();
    private final AtomicLong handoff = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    LogMemory(long budget) {
        this.budget = budget;
        this.handoffBudget = budget / 2;
    }

    /** Takes room for an entry; false when it would pass the budget. */
    boolean takeEntry(long bytes) {
        return take(bytes, budget);
    }

    void giveEntry(long bytes) {
        held.addAndGet(-bytes);
    }

    /** Takes room for a row handed to the database writer; false when it would pass the budget or its half. */
    boolean takeHandoff(long bytes) {
        if (handoff.get() + bytes > handoffBudget || !take(bytes, budget)) return false;
        handoff.addAndGet(bytes);
        return true;
    }

    void giveHandoff(long bytes) {
        handoff.addAndGet(-bytes);
        held.addAndGet(-bytes);
    }

    private boolean take(long bytes, long limit) {
        long now;
        long next;
        do {
            now = held.get();
            next = now + bytes;
            if (next > limit) return false;
        } while (!held.compareAndSet(now, next));
        long p;
        while (next > (p = peak.get()) && !peak.compareAndSet(p, next)) {
            // another thread raised the peak meanwhile: compare again
        }
        return true;
    }

    long held() { return held.get(); }
    long peak() { return peak.get(); }
    long budget() { return budget; }
}
