package dev.junction.engine.cache;

import dev.junction.engine.deployment.ResponseCacheSettings;
import java.math.BigDecimal;

/**
 * What the cache said about one request, before any model was called: the key, the request's mode, the variant's
 * settings, and the answer when it was a hit (with its age). {@link #OFF} for a variant that does not cache.
 */
public record CacheLookup(String key, CacheMode mode, ResponseCacheSettings settings, String deploymentKey,
                          String variantKey, CachedAnswer hit, long ageMillis) {
    public static final CacheLookup OFF = new CacheLookup(null, CacheMode.DEFAULT, null, null, null, null, 0);

    public boolean isHit() {
        return hit != null;
    }

    /**
     * The word for the {@code X-Junction-Cache} header and the log: {@code hit}, {@code miss}, {@code bypass},
     * {@code refresh}; null when the variant does not cache.
     */
    public String status() {
        if (settings == null) return null;
        if (hit != null) return "hit";
        return switch (mode) {
            case BYPASS -> "bypass";
            case REFRESH -> "refresh";
            case DEFAULT, READ_ONLY -> "miss";
        };
    }

    /** Whether the answer the model gives now is to be kept. */
    public boolean stores() {
        return settings != null && hit == null && (mode == CacheMode.DEFAULT || mode == CacheMode.REFRESH);
    }

    /** The money a hit saved: what the cached answer cost (null when it was not priced, or no hit). */
    public BigDecimal savedUsd() {
        return hit == null ? null : hit.costUsd();
    }
}
