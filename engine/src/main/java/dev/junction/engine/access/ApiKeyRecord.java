package dev.junction.engine.access;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A stored API key: never the key itself, only its SHA-256 and a short prefix to recognise it by; what it may invoke
 * ({@link ApiKeyScope#EVERYTHING} for keys made before scopes) and when it expires (null: never).
 */
public record ApiKeyRecord(UUID id, String name, String prefix, String hash, Instant createdAt, Instant revokedAt,
                           ApiKeyScope scope, Instant expiresAt) {
    public ApiKeyRecord {
        scope = scope == null ? ApiKeyScope.EVERYTHING : scope;
        // what PostgreSQL keeps: the expiry in memory here is the one every other instance reads
        expiresAt = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS);
    }

    /** A key for every deployment that never expires. */
    public ApiKeyRecord(UUID id, String name, String prefix, String hash, Instant createdAt, Instant revokedAt) {
        this(id, name, prefix, hash, createdAt, revokedAt, ApiKeyScope.EVERYTHING, null);
    }

    /** What the request path keeps of the key. */
    public ApiKeyAccess access() {
        return new ApiKeyAccess(id, name, scope, expiresAt);
    }

    public ApiKeyRecord revoked(Instant at) {
        return new ApiKeyRecord(id, name, prefix, hash, createdAt, at, scope, expiresAt);
    }

    public ApiKeyRecord limitedTo(ApiKeyScope newScope, Instant newExpiry) {
        return new ApiKeyRecord(id, name, prefix, hash, createdAt, revokedAt, newScope, newExpiry);
    }
}
