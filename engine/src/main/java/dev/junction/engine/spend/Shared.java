package dev.junction.engine.spend;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every counter of one {@link Quotas} shares: the shared counters, this instance's id and its lease time, and
 * the place failures of the shared counters are reported (logged at most once a minute: a database outage must not
 * flood the log, nor fail requests).
 */
record Shared(SharedCounters counters, String instance, long leaseMs, AtomicLong lastWarned, AtomicLong downUntil) {
    private static final Logger LOG = LoggerFactory.getLogger(Quotas.class);
    /** How long after a failure requests stop asking the shared counters (the background sync keeps probing). */
    static final long BACK_OFF_MS = 5_000;
    /** Thrown (without a stack) on the request's path while the counters are backed off. */
    private static final RuntimeException BACKED_OFF = new RuntimeException("shared counters backed off", null, false, false) {};

    Shared(SharedCounters counters, String instance, long leaseMs) {
        this(counters, instance, leaseMs, new AtomicLong(Long.MIN_VALUE / 2), new AtomicLong(Long.MIN_VALUE / 2));
    }

    /**
     * On the request's path, before a call to the counters: throws at once while they are backed off (a failure in
     * the last {@link #BACK_OFF_MS}), so that during an outage a request never waits for the database's timeout;
     * the caller's failure branch admits on what this instance knows.
     */
    void checkReachable() {
        if (System.currentTimeMillis() < downUntil.get()) throw BACKED_OFF;
    }

    void failed(String what, RuntimeException e) {
        if (e == BACKED_OFF) return;
        long now = System.currentTimeMillis();
        downUntil.set(now + BACK_OFF_MS);
        long last = lastWarned.get();
        if (now - last >= 60_000 && lastWarned.compareAndSet(last, now)) {
            LOG.warn("shared quota counters failed ({}); requests are admitted on what this instance knows", what, e);
        }
    }
}
