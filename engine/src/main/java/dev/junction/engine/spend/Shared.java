package dev.junction.engine.spend;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every counter of one {@link Quotas} shares: the shared counters, this instance's id and its lease time, and
 * the place failures of the shared counters are reported (logged at most once a minute: a database outage must not
 * flood the log, nor fail requests).
 */
record Shared(SharedCounters counters, String instance, long leaseMs, AtomicLong lastWarned) {
    private static final Logger LOG = LoggerFactory.getLogger(Quotas.class);

    void failed(String what, RuntimeException e) {
        long now = System.currentTimeMillis();
        long last = lastWarned.get();
        if (now - last >= 60_000 && lastWarned.compareAndSet(last, now)) {
            LOG.warn("shared quota counters failed ({}); requests are admitted on what this instance knows", what, e);
        }
    }
}
