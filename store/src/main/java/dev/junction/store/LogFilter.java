package dev.junction.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the logs API filters by; null or empty means any. {@code statuses}, {@code sources} and {@code variants} match
 * any of their values; {@code metadata} must all match ({@code metadata ->> key = value}, numbers and booleans as
 * text). {@code before} is the cursor: only rows older than it, in (created_at, id) order. {@code apiKeyId}: the
 * requests made with that API key. {@code scores}: the requests having each of these scores.
 */
public record LogFilter(String deployment, List<String> variants, String evaluation, List<String> sources,
                        List<String> statuses, Instant from, Instant to, Map<String, String> metadata,
                        String identityId, String threadId, int limit, Cursor before, UUID apiKeyId,
                        java.util.Set<String> within, List<ScoreFilter> scores) {

    /** Without score filters. */
    public LogFilter(String deployment, List<String> variants, String evaluation, List<String> sources,
                     List<String> statuses, Instant from, Instant to, Map<String, String> metadata,
                     String identityId, String threadId, int limit, Cursor before, UUID apiKeyId,
                     java.util.Set<String> within) {
        this(deployment, variants, evaluation, sources, statuses, from, to, metadata, identityId, threadId, limit,
                before, apiKeyId, within, null);
    }

    /** The same filter with these score filters. */
    public LogFilter withScores(List<ScoreFilter> scores) {
        return new LogFilter(deployment, variants, evaluation, sources, statuses, from, to, metadata, identityId,
                threadId, limit, before, apiKeyId, within, scores);
    }

    /** A position in the newest-first order. */
    public record Cursor(Instant createdAt, UUID id) {}

    /**
     * The request has a score of the evaluator {@code name} with a value in [{@code min}, {@code max}] (either
     * bound null: open) and, when {@code passed} is set, that passed (true) or failed (false).
     */
    public record ScoreFilter(String name, Double min, Double max, Boolean passed) {
        public ScoreFilter {
            java.util.Objects.requireNonNull(name, "name");
        }
    }
}
