package dev.junction.engine.access;

import java.time.Instant;
import java.util.UUID;

/** An invitation or a password reset: a random token handed over once by an admin, stored as its SHA-256. */
public record OneTimeLink(String tokenHash, UUID userId, Kind kind, String createdBy, Instant createdAt, Instant expiresAt,
                          Instant usedAt) {
    public enum Kind {
        INVITE, RESET;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
