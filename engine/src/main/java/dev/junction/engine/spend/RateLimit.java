package dev.junction.engine.spend;

import java.time.Instant;
import java.util.UUID;

/**
 * Rate limits on one scope and target: requests per minute, tokens per minute (prompt and completion; a request is
 * counted at its estimate before the call and corrected after) and requests in flight. A null limit is no limit;
 * at least one is set. Minutes are UTC calendar minutes.
 */
public record RateLimit(UUID id, Scope scope, String target, Integer requestsPerMinute, Integer tokensPerMinute,
                        Integer concurrent, Instant createdAt, Instant updatedAt) {
}
