package dev.junction.engine.cache;

import java.time.Instant;

/**
 * The shared tier of the response cache: entries every gateway instance on the same database sees (the store's
 * {@code JooqResponseCache}). The engine keeps a bounded memory tier in front of it ({@link AnswerCache}).
 * Implementations may fail (the database away): the cache then answers as a miss and logs it.
 */
public interface ResponseCache {
    /**
     * One entry: its key ({@link CacheKey}), the deployment it belongs to (for invalidation), the variant that made
     * it (for people reading the table), the encoded answer ({@link CachedAnswer#encode}), when it was made and
     * until when it may be served.
     */
    record Entry(String key, String deploymentKey, String variantKey, byte[] payload, Instant createdAt, Instant expiresAt) {}

    /** The entry of {@code key} that has not expired at {@code now}, or null. */
    Entry get(String key, Instant now);

    /** Keeps {@code entry}, replacing any entry of its key. */
    void put(Entry entry);

    /**
     * Drops every entry of the deployment and tells the other instances to drop theirs from memory.
     *
     * @return how many entries of this tier were removed
     */
    int invalidate(String deploymentKey);
}
