package dev.junction.engine.spend;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Counters every gateway instance that shares the database sees (PostgreSQL: {@code JooqSharedCounters}; in memory
 * for one process: {@code InMemorySharedCounters}). A counter is a {@link Key}: a name and the start of its window
 * (the UTC minute, day, month, or a fixed period's start); values are whole units (requests, tokens, nano-dollars).
 * Every method is one round trip, atomic across instances, and called off the request path (by the background
 * sync) except when a local allowance has run dry.
 */
public interface SharedCounters {
    /** A counter: {@code name} (say {@code rpm:api_key:<id>}) in the window starting at {@code window}. */
    record Key(String name, Instant window) {}

    /** What {@link #claim} granted (0..want) and the counter's total after the claim. */
    record Grant(long granted, long total) {}

    /**
     * Adds up to {@code want} to the counter without taking it past {@code cap} (creating it at 0): grants
     * {@code min(want, cap - total)} (never negative). The row may be forgotten after {@code expires}.
     */
    Grant claim(Key key, long want, long cap, Instant expires);

    /** Adds each delta (any sign, no cap) in one round trip; returns every counter's total after. */
    Map<Key, Long> add(Map<Key, Long> deltas, Instant expires);

    /** The totals of these counters (0 for one that does not exist). */
    Map<Key, Long> read(Collection<Key> keys);

    /**
     * Concurrency: this {@code instance} asks to hold {@code want} slots of {@code name} until {@code expires}
     * (each call renews its lease and replaces the number it holds). Granted: {@code min(want, cap - slots held by
     * other instances' unexpired leases)}, at least what it held if that still fits. Returns the slots now held.
     */
    long lease(String name, String instance, long want, long cap, Instant expires);

    /** Drops counters and leases that expired before {@code now}. */
    void purge(Instant now);
}
