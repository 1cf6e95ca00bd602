package dev.junction.engine.access;

import java.time.Instant;
import java.util.UUID;

/** A stored admin token: its name, the SHA-256 of the token and a short prefix to recognise it by. */
public record AdminTokenRecord(UUID id, String name, String prefix, String hash, Instant createdAt, Instant revokedAt) {
    public boolean active() {
        return revokedAt == null;
    }
}
