package dev.junction.engine.deployment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;

/**
 * A variant's response cache (off unless {@code enabled}): how long an answer is served again ({@code ttlSeconds},
 * default {@link #DEFAULT_TTL_SECONDS}, at most a year) and the largest answer kept ({@code maxEntryBytes}, default
 * {@link #DEFAULT_MAX_ENTRY_BYTES}; a larger answer is not cached).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseCacheSettings(boolean enabled, Integer ttlSeconds, Integer maxEntryBytes) {
    public static final int DEFAULT_TTL_SECONDS = 3_600;
    public static final int MAX_TTL_SECONDS = 366 * 24 * 3_600;
    public static final int DEFAULT_MAX_ENTRY_BYTES = 256 * 1024;
    public static final int MAX_ENTRY_BYTES = 8 * 1024 * 1024;

    @JsonIgnore
    public Duration ttl() {
        return Duration.ofSeconds(ttlSeconds == null ? DEFAULT_TTL_SECONDS : ttlSeconds);
    }

    @JsonIgnore
    public int entryLimitBytes() {
        return maxEntryBytes == null ? DEFAULT_MAX_ENTRY_BYTES : maxEntryBytes;
    }
}
