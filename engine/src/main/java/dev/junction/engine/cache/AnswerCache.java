package dev.junction.engine.cache;

import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.ResponseCacheSettings;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.provider.ChatResponse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The response cache as the invoke path uses it: {@link #lookup} after the prompt is rendered and before any model
 * is called, {@link #store} after a successful answer. Two tiers: a bounded in-memory LRU ({@link MemoryTier}) in
 * front of an optional shared tier ({@link ResponseCache}: PostgreSQL, shared by the instances on one database).
 * A local miss reads the shared tier (one indexed read); a hit there is kept in memory too. An answer is written to
 * memory at once and to the shared tier on {@code writes} (off the request thread).
 *
 * <p>An entry is served while it is younger than both its own expiry and the variant's TTL now (a shortened TTL takes
 * effect at once). An entry that cannot be read (corrupt, another format) is a miss and is replaced by the next
 * answer; each such key is reported once (to {@code warnings}), not on every request. A failing shared tier is a
 * miss too, reported at most once a minute. Two identical requests that miss at the same time both call the model
 * (no request coalescing); the second answer replaces the first.
 */
public final class AnswerCache {
    private static final Logger LOG = LoggerFactory.getLogger(AnswerCache.class);
    /** The default bound of the memory tier. */
    public static final long DEFAULT_MEMORY_BYTES = 64L << 20;
    /** Keys reported as unreadable are remembered up to this many (then forgotten all at once). */
    private static final int REPORTED_MAX = 10_000;
    private static final Duration FAILURE_REPORT_EVERY = Duration.ofMinutes(1);

    private final MemoryTier memory;
    private final ResponseCache shared;
    private final Clock clock;
    private final Executor writes;
    private final Consumer<String> warnings;
    private final Set<String> reported = ConcurrentHashMap.newKeySet();
    /** When each deployment's answers were last invalidated (here or, as heard, on another instance). */
    private final java.util.Map<String, Instant> invalidated = new ConcurrentHashMap<>();
    /** After the shared tier fails, it is not asked again for this long (lookups are misses meanwhile). */
    private static final long SHARED_BACK_OFF_MS = 5_000;
    private volatile long sharedDownUntil = Long.MIN_VALUE;
    /** When a shared-tier failure was last reported, in epoch milliseconds (long ago at first). */
    private volatile long failureReportedMillis = Long.MIN_VALUE / 2;

    /**
     * @param shared   the shared tier, or null for memory only
     * @param writes   where answers are written to the shared tier ({@code Runnable::run}: on the request thread)
     * @param warnings where unreadable entries and shared-tier failures are reported (the log, in production)
     */
    public AnswerCache(long memoryBytes, ResponseCache shared, Clock clock, Executor writes, Consumer<String> warnings) {
        this.memory = new MemoryTier(memoryBytes);
        this.shared = shared;
        this.clock = clock;
        this.writes = writes;
        this.warnings = warnings;
    }

    /** Memory only, writing on the caller's thread, warnings to the log. */
    public static AnswerCache inMemory(long memoryBytes, Clock clock) {
        return new AnswerCache(memoryBytes, null, clock, Runnable::run, LOG::warn);
    }

    /**
     * What the cache holds for this request: {@link CacheLookup#OFF} when the variant does not cache; no read at all
     * when {@code mode} is bypass or refresh.
     *
     * @param options  the variant's models in order, as configured (the request's {@code overrides} go over each)
     * @param messages the rendered messages
     */
    public CacheLookup lookup(String deploymentKey, Variant variant, List<ModelConfig> options, ModelParameters overrides,
                              List<PromptMessage> messages, CacheMode mode) {
        if (!variant.caches()) return CacheLookup.OFF;
        ResponseCacheSettings settings = variant.cache();
        mode = mode == null ? CacheMode.DEFAULT : mode;
        if (mode == CacheMode.BYPASS) return new CacheLookup(null, mode, settings, deploymentKey, variant.key(), null, 0);
        String key = CacheKey.of(deploymentKey, options, overrides, messages);
        CacheLookup miss = new CacheLookup(key, mode, settings, deploymentKey, variant.key(), null, 0);
        if (mode == CacheMode.REFRESH) return miss;
        Instant now = clock.instant();
        MemoryTier.Held held = memory.get(key);
        if (held != null && !fresh(held.createdAt(), held.expiresAt(), settings, now)) {
            memory.remove(key, held);
            held = null;
        }
        if (held == null) held = fromShared(key, deploymentKey, settings, now);
        if (held == null) return miss;
        return new CacheLookup(key, mode, settings, deploymentKey, variant.key(), held.answer(),
                Duration.between(held.createdAt(), now).toMillis());
    }

    /**
     * Keeps a successful answer of a request whose lookup {@link CacheLookup#stores()}, unless its encoded form is
     * larger than the variant's {@code maxEntryBytes}.
     *
     * @param answered the model that answered
     * @param costUsd  what the answer cost (the attempt that answered), null when not priced
     */
    public void store(CacheLookup lookup, ChatResponse response, ModelConfig answered, BigDecimal costUsd) {
        if (!lookup.stores()) return;
        CachedAnswer kept = new CachedAnswer(answered.provider(), answered.model(), response, costUsd);
        byte[] payload = kept.encode();
        if (payload.length > lookup.settings().entryLimitBytes()) return;
        Instant now = clock.instant();
        Instant expires = now.plus(lookup.settings().ttl());
        memory.put(lookup.key(), new MemoryTier.Held(kept, lookup.deploymentKey(), now, expires, payload.length));
        if (shared == null) return;
        ResponseCache.Entry entry = new ResponseCache.Entry(lookup.key(), lookup.deploymentKey(), lookup.variantKey(),
                payload, now, expires);
        try {
            writes.execute(() -> {
                try {
                    if (invalidatedSince(lookup.deploymentKey(), now)) return; // invalidated while queued
                    shared.put(entry);
                } catch (RuntimeException e) {
                    failed("writing", e);
                }
            });
        } catch (RuntimeException e) {
            failed("queueing a write to", e); // the writer's queue is full: this answer stays in memory only
        }
    }

    /**
     * Drops every answer of the deployment, from both tiers (the other instances drop theirs from memory when told,
     * {@link #dropLocal}).
     *
     * @return how many entries were removed: the shared tier's count when there is one, else the memory tier's
     */
    public int invalidate(String deploymentKey) {
        invalidated.put(deploymentKey, clock.instant());
        int local = memory.drop(deploymentKey);
        return shared == null ? local : shared.invalidate(deploymentKey);
    }

    /** Drops the deployment's answers from this instance's memory (another instance invalidated them). */
    public void dropLocal(String deploymentKey) {
        invalidated.put(deploymentKey, clock.instant());
        memory.drop(deploymentKey);
    }

    /** Drops every answer from this instance's memory (after a lost notification connection: any may be stale). */
    public void dropAllLocal() {
        memory.drop(null);
    }

    /**
     * Whether the deployment's answers were invalidated after {@code created}: a write still queued when they were
     * (here or on another instance) must not bring an answer back. One instant per deployment ever invalidated.
     */
    private boolean invalidatedSince(String deploymentKey, Instant created) {
        Instant at = invalidated.get(deploymentKey);
        return at != null && created.isBefore(at);
    }

    /** Entries and bytes held in memory now. */
    public int memoryEntries() {
        return memory.size();
    }

    public long memoryBytes() {
        return memory.bytes();
    }

    private MemoryTier.Held fromShared(String key, String deploymentKey, ResponseCacheSettings settings, Instant now) {
        if (shared == null || now.toEpochMilli() < sharedDownUntil) return null;
        ResponseCache.Entry entry;
        try {
            entry = shared.get(key, now);
        } catch (RuntimeException e) {
            sharedDownUntil = now.toEpochMilli() + SHARED_BACK_OFF_MS; // an outage must not add a timeout to every request
            failed("reading", e);
            return null;
        }
        if (entry == null || !fresh(entry.createdAt(), entry.expiresAt(), settings, now)) return null;
        if (invalidatedSince(deploymentKey, entry.createdAt())) return null; // written by a write queued before it
        CachedAnswer answer;
        try {
            answer = CachedAnswer.decode(entry.payload());
        } catch (CachedAnswer.Unreadable e) {
            unreadable(key, deploymentKey, e.getMessage());
            return null;
        }
        MemoryTier.Held held = new MemoryTier.Held(answer, deploymentKey, entry.createdAt(), entry.expiresAt(), entry.payload().length);
        memory.put(key, held);
        return held;
    }

    private static boolean fresh(Instant created, Instant expires, ResponseCacheSettings settings, Instant now) {
        Instant until = created.plus(settings.ttl());
        if (expires.isBefore(until)) until = expires;
        return now.isBefore(until);
    }

    private void unreadable(String key, String deploymentKey, String why) {
        if (reported.size() >= REPORTED_MAX) reported.clear();
        if (reported.add(key)) {
            warnings.accept("response cache entry " + key + " of deployment '" + deploymentKey
                    + "' cannot be read (" + why + "): answered as a miss, and replaced by the next answer");
        }
    }

    private void failed(String what, RuntimeException e) {
        long now = clock.millis();
        if (now - failureReportedMillis < FAILURE_REPORT_EVERY.toMillis()) return;
        failureReportedMillis = now;
        warnings.accept("response cache: " + what + " the shared tier failed (" + e.getMessage()
                + "): answered as a miss; reported at most once a minute");
    }
}
