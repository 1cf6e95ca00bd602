package dev.junction.engine.access;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored panel session: of a person ({@code userId}) or of an admin token ({@code credentialHash}, the token's
 * SHA-256, so that revoking the token ends the session). Only the SHA-256 of the session id is stored.
 */
public record SessionRecord(String idHash, UUID userId, String credentialHash, String csrfToken, Instant createdAt,
                            Instant lastSeenAt, String ip, String userAgent) {}
