package dev.junction.engine.cache;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The in-process tier of the response cache: decoded answers, least recently used first out, bounded by the sum of
 * their encoded sizes ({@code maxBytes}; each entry also counts {@link #OVERHEAD_BYTES} for its key and bookkeeping).
 * An entry larger than the whole bound is not kept. One lock; every operation is a few map steps.
 */
final class MemoryTier {
    /** What an entry costs beyond its encoded answer: key, node and record objects, roughly. */
    static final int OVERHEAD_BYTES = 256;

    record Held(CachedAnswer answer, String deploymentKey, Instant createdAt, Instant expiresAt, int bytes) {}

    private final long maxBytes;
    private final LinkedHashMap<String, Held> entries = new LinkedHashMap<>(256, 0.75f, true);
    private long bytes;

    MemoryTier(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    synchronized Held get(String key) {
        return entries.get(key);
    }

    synchronized void put(String key, Held held) {
        long size = (long) held.bytes() + OVERHEAD_BYTES;
        if (size > maxBytes) return;
        Held old = entries.put(key, held);
        if (old != null) bytes -= (long) old.bytes() + OVERHEAD_BYTES;
        bytes += size;
        Iterator<Map.Entry<String, Held>> eldest = entries.entrySet().iterator();
        while (bytes > maxBytes && eldest.hasNext()) {
            Held out = eldest.next().getValue();
            eldest.remove();
            bytes -= (long) out.bytes() + OVERHEAD_BYTES;
        }
    }

    synchronized void remove(String key, Held held) {
        if (entries.remove(key, held)) bytes -= (long) held.bytes() + OVERHEAD_BYTES;
    }

    /** Drops the deployment's entries (every entry when {@code deploymentKey} is null); returns how many. */
    synchronized int drop(String deploymentKey) {
        int n = 0;
        for (Iterator<Held> it = entries.values().iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (deploymentKey == null || h.deploymentKey().equals(deploymentKey)) {
                it.remove();
                bytes -= (long) h.bytes() + OVERHEAD_BYTES;
                n++;
            }
        }
        return n;
    }

    synchronized long bytes() {
        return bytes;
    }

    synchronized int size() {
        return entries.size();
    }
}
