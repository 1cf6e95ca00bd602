package dev.junction.engine.spend;

import java.time.Instant;
import java.util.Map;

/**
 * What one member of one scope spent in one window (a UTC day, a UTC month, or a fixed budget's period), in
 * nano-dollars, as every instance sees it; and, when a hard budget applies to it, this instance's allowance of it.
 * <p>Two shared counters: {@code committed} ({@code spend.<period>:<scope>:<member>}) holds what was spent plus the
 * allowances instances hold for hard budgets; {@code held} ({@code held.<period>:...}) holds those allowances alone,
 * so spent = committed − held. A hard budget claims on {@code committed} with the budget as its cap, which makes it
 * exact across instances (spend from before the budget existed counts too); a cost covered by an allowance moves
 * from {@code held} to spent, one beyond it (or with no budget) is added to {@code committed}. Local deltas are
 * flushed by the sync in one {@link SharedCounters#add}. Thread-safe (one lock).
 */
final class SpendMeter {
    /** The smallest claim worth a round trip: one cent, in nano-dollars. */
    static final long CENT_NANOS = 10_000_000L;
    private final String committedName;
    private final String heldName;
    private final Windows.Period period;
    private final long graceMs;
    private long start = Long.MIN_VALUE;
    private long end = Long.MIN_VALUE;
    private SharedCounters.Key committed;
    private SharedCounters.Key held;
    private long committedKnown;
    private long heldKnown;
    private long pendingCommitted;
    private long pendingHeld;
    private long allowance;
    private boolean exhausted;
    private long lastCap = Long.MAX_VALUE;
    private boolean used;
    private boolean touched;
    private boolean queued;
    private final Dirty<SpendMeter> dirty;
    volatile long lastUsed;

    SpendMeter(String name, Windows.Period period, long graceMs, Dirty<SpendMeter> dirty) {
        this.dirty = dirty;
        this.committedName = "spend." + name;
        this.heldName = "held." + name;
        this.period = period;
        this.graceMs = graceMs;
    }

    /** A new window: what the old one still owes goes to {@code orphans}, flushed by the next sync. */
    private void roll(long now, Map<SharedCounters.Key, Long> orphans) {
        if (now >= start && now < end) return;
        if (committed != null && orphans != null) {
            if (pendingCommitted != 0) orphans.merge(committed, pendingCommitted, Long::sum);
            if (pendingHeld != 0) orphans.merge(held, pendingHeld, Long::sum);
        }
        start = period.start(now);
        end = period.end(start);
        Instant at = Instant.ofEpochMilli(start);
        committed = new SharedCounters.Key(committedName, at);
        held = new SharedCounters.Key(heldName, at);
        committedKnown = heldKnown = pendingCommitted = pendingHeld = allowance = 0;
        exhausted = false;
        used = false;
        touched = true;
    }

    /**
     * This meter is dropped (its fixed budget was removed or its dates changed): what it owes the shared counters, less
     * the allowance nobody will spend now, goes to {@code orphans} for the next sync.
     */
    synchronized void abandon(Map<SharedCounters.Key, Long> orphans) {
        if (committed == null) return;
        pendingCommitted -= allowance;
        pendingHeld -= allowance;
        allowance = 0;
        if (pendingCommitted != 0) orphans.merge(committed, pendingCommitted, Long::sum);
        if (pendingHeld != 0) orphans.merge(held, pendingHeld, Long::sum);
        pendingCommitted = pendingHeld = 0;
    }

    long windowOf(long now) {
        return period.start(now);
    }

    /**
     * Reserves {@code want} nano-dollars (at least 1) of a hard budget of {@code cap}: what it reserved, or -1 (what is
     * left in this window does not cover it). Shared counters that fail admit it unreserved (0).
     */
    synchronized long reserve(long want, long cap, long now, Shared shared, Map<SharedCounters.Key, Long> orphans) {
        roll(now, orphans);
        used = true;
        touched = true;
        lastUsed = now;
        mark();
        want = Math.max(1, want);
        lastCap = cap;
        if (allowance < want && !exhausted) {
            long need = want - allowance;
            // an eighth of what is left, but at most what 16 such requests (or a cent) need: a claim an instance dies
            // holding (SIGKILL) is lost to the window, so claims stay small against the budget
            long eighth = Math.max(1, (cap - committedKnown - pendingCommitted) / 8);
            long chunk = Math.max(need, Math.min(eighth, Math.max(want > Long.MAX_VALUE / 16 ? want : 16 * want, CENT_NANOS)));
            try {
                shared.checkReachable();
                // spend not flushed yet is spend the shared counter does not know of: the cap leaves room for it
                SharedCounters.Grant g = shared.counters().claim(committed, chunk, cap - pendingCommitted,
                        Instant.ofEpochMilli(end + graceMs));
                allowance += g.granted();
                pendingHeld += g.granted();
                committedKnown = g.total();
                exhausted = g.total() + pendingCommitted >= cap;
            } catch (RuntimeException e) {
                shared.failed("claim " + committedName, e);
                if (allowance < want) return 0;
            }
        }
        if (allowance < want) return -1;
        allowance -= want;
        return want;
    }

    /**
     * A request that reserved {@code reserved} in the window starting {@code window} spent {@code actual}: the part its
     * reservation and this instance's allowance cover moves from held to spent, the rest is added to spent. A
     * reservation of a window that has passed stays in that window's committed and held alike (so it cancels out).
     */
    synchronized void settle(long reserved, long actual, long window, long now, Map<SharedCounters.Key, Long> orphans) {
        roll(now, orphans);
        touched = true;
        lastUsed = now;
        mark();
        if (window == start) allowance += reserved;
        long covered = Math.min(actual, allowance);
        allowance -= covered;
        pendingHeld -= covered;
        pendingCommitted += actual - covered;
    }

    /** Spent in the current window as last seen by every instance, plus this instance's unflushed spend. */
    synchronized long spent(long now, Map<SharedCounters.Key, Long> orphans) {
        roll(now, orphans);
        touched = true;
        lastUsed = now;
        mark();
        return Math.max(0, committedKnown + pendingCommitted - heldKnown - pendingHeld);
    }

    synchronized long windowStart(long now, Map<SharedCounters.Key, Long> orphans) {
        roll(now, orphans);
        return start;
    }

    synchronized long windowEnd(long now, Map<SharedCounters.Key, Long> orphans) {
        roll(now, orphans);
        return end;
    }

    /**
     * For the sync: puts what this instance owes the shared counters in {@code deltas} (giving back the allowance of
     * a budget no request used since the last sync) and, when it only needs fresh totals (a member requests or
     * routing read since the last sync, or a spent budget that may have room again), its keys in {@code reads}.
     */
    synchronized void flush(long now, Map<SharedCounters.Key, Long> deltas, java.util.Collection<SharedCounters.Key> reads,
                            Map<SharedCounters.Key, Long> orphans, boolean giveBack) {
        roll(now, orphans);
        if ((giveBack || !used) && allowance > 0) {
            pendingCommitted -= allowance;
            pendingHeld -= allowance;
            allowance = 0;
        }
        used = false;
        boolean wrote = false;
        if (pendingCommitted != 0) {
            deltas.put(committed, pendingCommitted);
            committedKnown += pendingCommitted;
            pendingCommitted = 0;
            wrote = true;
        }
        if (pendingHeld != 0) {
            deltas.put(held, pendingHeld);
            heldKnown += pendingHeld;
            pendingHeld = 0;
            wrote = true;
        }
        if (wrote) {
            if (!deltas.containsKey(committed)) reads.add(committed);
            if (!deltas.containsKey(held)) reads.add(held);
        } else if (touched || exhausted) {
            reads.add(committed);
            reads.add(held);
        }
        touched = false;
    }

    synchronized SharedCounters.Key committedKey() {
        return committed;
    }

    synchronized SharedCounters.Key heldKey() {
        return held;
    }

    /** A total the sync read or got back from its add. */
    synchronized void seen(SharedCounters.Key key, long total) {
        if (key.equals(committed)) {
            committedKnown = total;
            exhausted = total + pendingCommitted >= lastCap;
        } else if (key.equals(held)) {
            heldKnown = total;
        }
    }

    private void mark() {
        if (queued) return;
        queued = true;
        dirty.add(this);
    }

    /** After the sync's visit: queued for the next one while it holds an allowance, owes spend or is used up. */
    synchronized void visited() {
        queued = false;
        if (allowance > 0 || pendingCommitted != 0 || pendingHeld != 0 || exhausted || touched) mark();
    }

    /** Nothing owed and no allowance: forgetting it loses nothing. */
    synchronized boolean idle() {
        return pendingCommitted == 0 && pendingHeld == 0 && allowance == 0;
    }
}
