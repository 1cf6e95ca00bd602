package dev.junction.engine.eval;

import java.time.Instant;
import java.util.UUID;

/**
 * One evaluator's score of one logged request: {@code value} (a judge's or callout's number; 1 for a pass and 0 for a
 * fail of the built-in checks), {@code passed} (null when the judge gave only a number), the reason, and where the
 * request went (denormalised from its log entry, so scores are aggregated per variant and version without reading
 * the logs). {@code requestCreatedAt} is the request's time, {@code createdAt} the score's.
 */
public record Score(UUID id, UUID requestId, Instant requestCreatedAt, String deploymentKey, Integer versionNumber,
                    String variantKey, String ruleId, String name, String kind, double value, Boolean passed,
                    String reason, Instant createdAt) {
}
