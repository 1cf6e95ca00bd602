package dev.junction.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the logs API filters by; null or empty means any. {@code statuses}, {@code sources} and {@code variants} match
 * any of their values; {@code metadata} must all match ({@code metadata ->> key = value}, numbers and booleans as
 * text). {@code before} is the cursor: only rows older than it, in (created_at, id) order. {@code apiKeyId}: the
 * requests made with that API key.
 */
public record LogFilter(String deployment, List<String> variants, String evaluation, List<String> sources,
                        List<String> statuses, Instant from, Instant to, Map<String, String> metadata,
                        String identityId, String threadId, int limit, Cursor before, UUID apiKeyId,
                        java.util.Set<String> within) {

    /** A position in the newest-first order. */
    public record Cursor(Instant createdAt, UUID id) {}
}
