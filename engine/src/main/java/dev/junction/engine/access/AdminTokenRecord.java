package dev.junction.engine.access;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored admin token (a service account): its name, the SHA-256 of the token, a short prefix to recognise it by,
 * and its role on a scope ({@code grant}; tokens made before roles existed are admin on everything).
 */
public record AdminTokenRecord(UUID id, String name, String prefix, String hash, Instant createdAt, Instant revokedAt,
                               Grant grant) {
    public AdminTokenRecord {
        if (grant == null) grant = Grant.everywhere(Role.ADMIN);
    }

    public AdminTokenRecord(UUID id, String name, String prefix, String hash, Instant createdAt, Instant revokedAt) {
        this(id, name, prefix, hash, createdAt, revokedAt, null);
    }

    public boolean active() {
        return revokedAt == null;
    }

    public Principal principal() {
        return new Principal(Principal.Kind.SERVICE, id.toString(), name, java.util.List.of(grant));
    }
}
