package dev.junction.engine.log;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A logged request as replay needs it: its context and where it was routed. */
public record RoutedRequest(UUID id, Instant at, Map<String, Object> context, String variant, String ruleId) {
}
