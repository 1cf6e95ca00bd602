package dev.junction.engine.spend;

import java.time.Instant;

/**
 * One concurrency limit of one member ({@code conc:<limit id>:<member>}) as this instance holds it: a lease on some
 * of the limit's slots in the shared counters ({@link SharedCounters#lease}), of which {@code inUse} are taken by
 * requests in flight here. A request takes a held slot without a round trip, else asks for a bigger lease. The sync
 * renews the lease (every third of its time) and shrinks it to what is in use, plus a little headroom while requests
 * keep coming; an instance that dies stops renewing, and its slots come back when its lease expires.
 */
final class Slots {
    private final String name;
    private volatile long cap;
    private long held;
    private long inUse;
    private long leasedAt = Long.MIN_VALUE;
    private boolean used;
    private boolean queued;
    private final Dirty<Slots> dirty;
    volatile long lastUsed;

    Slots(String name, long cap, Dirty<Slots> dirty) {
        this.dirty = dirty;
        this.name = name;
        this.cap = cap;
    }

    void cap(long value) {
        cap = value;
    }

    long cap() {
        return cap;
    }

    /** Slots leased beyond those in use while requests keep coming: none for a limit under 16 (each is precious). */
    private long headroom() {
        return cap / 16;
    }

    /** Takes a slot: false when every slot is in use across the instances. */
    synchronized boolean acquire(long now, Shared shared) {
        used = true;
        lastUsed = now;
        mark();
        if (inUse >= held) {
            try {
                shared.checkReachable();
                held = shared.counters().lease(name, shared.instance(), Math.min(cap, inUse + 1 + headroom()), cap,
                        Instant.ofEpochMilli(now + shared.leaseMs()));
                leasedAt = now;
            } catch (RuntimeException e) {
                shared.failed("lease " + name, e);
                inUse++;
                return true;
            }
        }
        if (inUse >= held) return false;
        inUse++;
        return true;
    }

    synchronized void release() {
        inUse--;
        mark();
    }

    private void mark() {
        if (queued) return;
        queued = true;
        dirty.add(this);
    }

    /** After the sync's visit: queued for the next one while it holds a lease or slots in use. */
    synchronized void visited() {
        queued = false;
        if (held > 0 || inUse > 0 || used) mark();
    }

    synchronized long inUse() {
        return inUse;
    }

    /** For the sync: renews the lease or shrinks it to what is in use (plus headroom while in use). */
    synchronized void sync(long now, Shared shared) {
        long want = Math.min(cap, inUse + (used ? headroom() : 0));
        want = Math.max(want, inUse);
        used = false;
        if (held == 0 && want == 0) return;
        if (want == held && now - leasedAt < shared.leaseMs() / 3) return;
        held = shared.counters().lease(name, shared.instance(), want, cap, Instant.ofEpochMilli(now + shared.leaseMs()));
        leasedAt = now;
    }

    synchronized boolean idle() {
        return inUse == 0 && held == 0;
    }
}
