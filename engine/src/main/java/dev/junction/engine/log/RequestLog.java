package dev.junction.engine.log;

import dev.junction.engine.invoke.Attempt;
import dev.junction.engine.invoke.Source;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the gateway records about one request. Made on the request thread, written elsewhere. */
public record RequestLog(
        UUID id,
        Instant createdAt,
        String deploymentKey,
        UUID deploymentId,
        UUID versionId,
        Integer versionNumber,
        String variantKey,
        String evaluation,
        String ruleId,
        String provider,
        String model,
        String status,
        int httpStatus,
        String error,
        long latencyMicros,
        Integer promptTokens,
        Integer completionTokens,
        Source source,
        Map<String, Object> context,
        List<Attempt> attempts) {

    public Integer totalTokens() {
        return promptTokens == null || completionTokens == null ? null : promptTokens + completionTokens;
    }
}
