package dev.junction.engine.access;

import java.time.Instant;
import java.util.UUID;

/** A stored API key: never the key itself, only its SHA-256 and a short prefix to recognise it by. */
public record ApiKeyRecord(UUID id, String name, String prefix, String hash, Instant createdAt, Instant revokedAt) {
}
