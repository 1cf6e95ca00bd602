package dev.junction.engine.spend;

import java.time.Instant;

/**
 * One rate-limit counter of one member ({@code rpm:<limit id>:<member>} or {@code tpm:...}) as this instance holds
 * it: a local allowance claimed in chunks from the shared counter of the current UTC minute, which the claims never
 * take past the limit (so what every instance admits in a window stays within it). Requests take from the allowance
 * without a round trip; only a dry allowance claims on the request's path. The background sync gives back allowance
 * an idle instance holds, flushes overdraws (a token count that came out above its estimate) and refills allowances
 * in use. Thread-safe (one lock, held across a claim).
 */
final class Allowance {
    private final String name;
    private final Windows.Period period;
    private final long graceMs;
    private volatile long cap;
    private long start = Long.MIN_VALUE;
    private long end = Long.MIN_VALUE;
    private SharedCounters.Key key;
    private long allowance;
    private long deficit;
    /** The shared total as last seen (every instance's admissions and allowances). */
    private long total;
    private boolean exhausted;
    private boolean used;
    private boolean usedBeforeSync;
    private boolean queued;
    private final Dirty<Allowance> dirty;
    volatile long lastUsed;

    Allowance(String name, Windows.Period period, long cap, long graceMs, Dirty<Allowance> dirty) {
        this.dirty = dirty;
        this.name = name;
        this.period = period;
        this.cap = cap;
        this.graceMs = graceMs;
    }

    void cap(long value) {
        cap = value;
    }

    long cap() {
        return cap;
    }

    long windowOf(long now) {
        return period.start(now);
    }

    private void roll(long now) {
        if (now >= start && now < end) return;
        start = period.start(now);
        end = period.end(start);
        key = new SharedCounters.Key(name, Instant.ofEpochMilli(start));
        allowance = 0;
        deficit = 0;
        total = 0;
        exhausted = false;
        used = false;
        usedBeforeSync = false;
    }

    /**
     * Takes between {@code min} and {@code want} units, claiming from the shared counter when the allowance is short:
     * what it took, or -1 (refused: the limit is used up in this window; nothing taken). When the shared counters fail
     * the request is admitted uncounted (0 taken).
     */
    synchronized long take(long want, long min, long now, Shared shared) {
        roll(now);
        used = true;
        lastUsed = now;
        mark();
        if (allowance < want && !exhausted) {
            long need = want - allowance;
            long chunk = Math.max(need, Math.max(1, (cap - total - deficit) / 8));
            try {
                shared.checkReachable();
                // the overdraw not flushed yet is use the shared counter does not know of: the cap leaves room for it
                SharedCounters.Grant g = shared.counters().claim(key, chunk, cap - deficit, Instant.ofEpochMilli(end + graceMs));
                allowance += g.granted();
                total = g.total();
                exhausted = total + deficit >= cap;
            } catch (RuntimeException e) {
                shared.failed("claim " + name, e);
                return allowance >= want ? take(want) : 0;
            }
        }
        long took = Math.min(want, allowance);
        if (took < min) return -1;
        return take(took);
    }

    private long take(long n) {
        allowance -= n;
        return n;
    }

    /**
     * A request that took {@code reserved} in the window starting {@code window} used {@code actual}: the difference
     * comes back to the allowance, or (above it) is owed to the shared counter at the next sync. A window that has
     * passed has nothing left to enforce: ignored.
     */
    synchronized void settle(long reserved, long actual, long window, long now) {
        roll(now);
        if (window != start) return;
        mark();
        allowance += reserved - actual;
        if (allowance < 0) {
            deficit -= allowance;
            allowance = 0;
        }
    }

    /** What is left of the limit in this window for a header: the limit minus every instance's use as last seen. */
    synchronized long remaining(long now) {
        roll(now);
        return Math.max(0, cap - (total + deficit - allowance));
    }

    synchronized long resetsAt(long now) {
        roll(now);
        return end;
    }

    /** What the members' counters hold as last seen, less this instance's unused allowance. */
    synchronized long used(long now) {
        roll(now);
        return Math.max(0, total + deficit - allowance);
    }

    synchronized long windowStart(long now) {
        roll(now);
        return start;
    }

    /** For the sync: the delta owed to the shared counter (overdraw, less idle allowance given back); 0 for none. */
    synchronized long flush(long now) {
        roll(now);
        long delta = deficit;
        deficit = 0;
        if (!used && allowance > 0) {
            delta -= allowance;
            allowance = 0;
        }
        usedBeforeSync = used;
        used = false;
        return delta;
    }

    synchronized SharedCounters.Key key(long now) {
        roll(now);
        return key;
    }

    /** The shared total after the sync's add or read. */
    synchronized void seen(SharedCounters.Key k, long value) {
        if (!k.equals(key)) return;
        total = value;
        exhausted = total + deficit >= cap;
    }

    synchronized boolean exhausted() {
        return exhausted;
    }

    /** For the sync: tops up an allowance that requests used since the last sync and that ran low. */
    synchronized void refill(long now, Shared shared) {
        roll(now);
        if (!usedBeforeSync || exhausted) return;
        long chunk = Math.max(1, (cap - total - deficit) / 8);
        if (allowance >= Math.max(1, chunk / 2)) return;
        SharedCounters.Grant g = shared.counters().claim(key, chunk, cap - deficit, Instant.ofEpochMilli(end + graceMs));
        allowance += g.granted();
        total = g.total();
        exhausted = total + deficit >= cap;
    }

    private void mark() {
        if (queued) return;
        queued = true;
        dirty.add(this);
    }

    /** After the sync's visit: queued for the next one while it holds an allowance, a debt or a used-up window. */
    synchronized void visited() {
        queued = false;
        if (allowance > 0 || deficit > 0 || exhausted || usedBeforeSync) mark();
    }

    /** Nothing held: no allowance or debt, so forgetting it loses nothing. */
    synchronized boolean idle() {
        return allowance == 0 && deficit == 0;
    }
}
