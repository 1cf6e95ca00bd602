package dev.junction.engine.log;

import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.invoke.Attempt;
import dev.junction.engine.invoke.Source;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the gateway records about one request. Made on the request thread, written elsewhere.
 * {@code request} holds what the caller sent beyond its prompt and context ({@code identity}, {@code thread},
 * {@code extra_params}, {@code invoke_options}); {@code costUsd} is the sum of the priced attempts' costs (null when
 * none was priced) and {@code priceSource} the price table version of the model that answered; {@code ttftMicros}, for a stream, the time
 * from the request's arrival to its first piece of text. {@code apiKeyId} is the id of the API key the request came
 * with (null without one: the panel's simulator). {@code textMaxBytes} bounds each free-form text of the entry when it
 * is written (its bodies, context, metadata, request options, errors): a longer one keeps its first that many bytes of
 * UTF-8, and the row records its full size and SHA-256; 0 keeps every text whole. The cutting is done by the log
 * writer, off the request thread.
 */
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
        List<Attempt> attempts,
        Map<String, Object> metadata,
        String identityId,
        String threadId,
        Map<String, Object> request,
        Integer cachedTokens,
        BigDecimal costUsd,
        String priceSource,
        Long ttftMicros,
        Bodies bodies,
        UUID apiKeyId,
        int textMaxBytes) {

    /** Texts longer than 32 KB of UTF-8 are cut in the log unless configured otherwise. */
    public static final int DEFAULT_TEXT_MAX_BYTES = 32 * 1024;

    public RequestLog {
        if (textMaxBytes < 0) throw new IllegalArgumentException("textMaxBytes must be 0 (keep whole) or more");
    }

    /**
     * What was said: the request's inputs, the messages sent to the model (the rendered prompt with the request's
     * messages), the answer (for a stream cut short, the text the client got) and why it stopped. Null when the
     * deployment does not keep bodies ({@code logBodies: false}).
     */
    public record Bodies(Map<String, Object> inputs, List<PromptMessage> messages, String answer, String finishReason) {}

    /** An entry made without an API key, its texts kept whole (the invoke path always states its bound). */
    public RequestLog(UUID id, Instant createdAt, String deploymentKey, UUID deploymentId, UUID versionId,
                      Integer versionNumber, String variantKey, String evaluation, String ruleId, String provider,
                      String model, String status, int httpStatus, String error, long latencyMicros,
                      Integer promptTokens, Integer completionTokens, Source source, Map<String, Object> context,
                      List<Attempt> attempts, Map<String, Object> metadata, String identityId, String threadId,
                      Map<String, Object> request, Integer cachedTokens, BigDecimal costUsd, String priceSource,
                      Long ttftMicros, Bodies bodies) {
        this(id, createdAt, deploymentKey, deploymentId, versionId, versionNumber, variantKey, evaluation, ruleId,
                provider, model, status, httpStatus, error, latencyMicros, promptTokens, completionTokens, source,
                context, attempts, metadata, identityId, threadId, request, cachedTokens, costUsd, priceSource,
                ttftMicros, bodies, null, 0);
    }

    /**
     * The entry of a request with none of the optional parts: no metadata, identity, thread or request options, no cost; texts kept whole.
     */
    public RequestLog(UUID id, Instant createdAt, String deploymentKey, UUID deploymentId, UUID versionId,
                      Integer versionNumber, String variantKey, String evaluation, String ruleId, String provider,
                      String model, String status, int httpStatus, String error, long latencyMicros,
                      Integer promptTokens, Integer completionTokens, Source source, Map<String, Object> context,
                      List<Attempt> attempts) {
        this(id, createdAt, deploymentKey, deploymentId, versionId, versionNumber, variantKey, evaluation, ruleId,
                provider, model, status, httpStatus, error, latencyMicros, promptTokens, completionTokens, source,
                context, attempts, Map.of(), null, null, Map.of(), null, null, null, null, null, null, 0);
    }

    public Integer totalTokens() {
        return promptTokens == null || completionTokens == null ? null : promptTokens + completionTokens;
    }
}
