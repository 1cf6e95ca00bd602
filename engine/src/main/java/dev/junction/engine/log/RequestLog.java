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
 * What the gateway records about one request. Made on the request thread ({@link #builder}), written elsewhere;
 * the one mapping to the table is the store's {@code LogRows}.
 *
 * <p>{@code textMaxBytes} bounds each free-form text of the entry when it is written (its bodies, context, metadata,
 * request options, errors): a longer one keeps its first that many bytes of UTF-8, and the row records its full
 * size and SHA-256; 0 keeps every text whole. The cutting is done by the log writer, off the request thread.
 * {@code guardrails}: what each guardrail of the request did ({@link dev.junction.engine.guard.GuardrailRecord}), in
 * the order they ran; empty when it had none.
 */
public record RequestLog(
        UUID id,
        Instant createdAt,
        Route route,
        Outcome outcome,
        Usage usage,
        Caller caller,
        List<Attempt> attempts,
        Bodies bodies,
        int textMaxBytes,
        Cache cache,
        List<dev.junction.engine.guard.GuardrailRecord> guardrails) {

    /** Texts longer than 32 KB of UTF-8 are cut in the log unless configured otherwise. */
    public static final int DEFAULT_TEXT_MAX_BYTES = 32 * 1024;

    public RequestLog {
        if (textMaxBytes < 0) throw new IllegalArgumentException("textMaxBytes must be 0 (keep whole) or more");
        attempts = attempts == null ? List.of() : attempts;
        guardrails = guardrails == null ? List.of() : guardrails;
    }

    public RequestLog(UUID id, Instant createdAt, Route route, Outcome outcome, Usage usage, Caller caller,
                      List<Attempt> attempts, Bodies bodies, int textMaxBytes, Cache cache) {
        this(id, createdAt, route, outcome, usage, caller, attempts, bodies, textMaxBytes, cache, null);
    }

    public RequestLog(UUID id, Instant createdAt, Route route, Outcome outcome, Usage usage, Caller caller,
                      List<Attempt> attempts, Bodies bodies, int textMaxBytes) {
        this(id, createdAt, route, outcome, usage, caller, attempts, bodies, textMaxBytes, null);
    }

    /**
     * The response cache's part, for a request whose variant caches (null otherwise): {@code status} {@code hit},
     * {@code miss}, {@code bypass} or {@code refresh}; for a hit, the money it saved (what the cached answer cost,
     * null when that was not priced; the hit itself costs 0) and the entry's age in milliseconds.
     */
    public record Cache(String status, BigDecimal savedUsd, Long ageMillis) {}

    /**
     * Where the request went: the deployment version, the variant its rules chose (how, and by which rule), and the
     * model that answered (or the last one tried); null parts where the request did not get that far.
     */
    public record Route(String deploymentKey, UUID deploymentId, UUID versionId, Integer versionNumber,
                        String variantKey, String evaluation, String ruleId, String provider, String model) {}

    /**
     * How it ended: the status, the HTTP status the caller got, the error it was told, the request's time in the
     * gateway and, for a stream, the time from its arrival to its first piece of text.
     */
    public record Outcome(LogStatus status, int httpStatus, String error, long latencyMicros, Long ttftMicros) {}

    /**
     * Tokens and cost. For a request: the answer's tokens, the sum of its priced attempts' costs (null when none was
     * priced) and the price table version of the model that answered. For an attempt: its own.
     * {@code reasoningTokens} is the part of {@code completionTokens} the model spent thinking (null when none was
     * reported): every provider bills it as output, and the adapters fold a count reported apart (Gemini's) into the
     * completion tokens, so the cost, priced on completion tokens, already counts it.
     * Provider prompt caching: {@code cachedTokens} of the prompt were read from the provider's cache,
     * {@code cacheWriteTokens} written to it (Anthropic; billed above the input price, counted in the cost), and
     * {@code cacheSavedUsd} is what the cached tokens would have cost at the input price less what they cost
     * ({@link dev.junction.engine.catalog.Cost#cacheSavedUsd()}; null when not priced).
     */
    public record Usage(Integer promptTokens, Integer completionTokens, Integer cachedTokens, BigDecimal costUsd,
                        String priceSource, Integer reasoningTokens, Integer cacheWriteTokens, BigDecimal cacheSavedUsd) {
        public static final Usage NONE = new Usage(null, null, null, null, null, null);

        public Usage(Integer promptTokens, Integer completionTokens, Integer cachedTokens, BigDecimal costUsd,
                     String priceSource) {
            this(promptTokens, completionTokens, cachedTokens, costUsd, priceSource, null);
        }

        public Usage(Integer promptTokens, Integer completionTokens, Integer cachedTokens, BigDecimal costUsd,
                     String priceSource, Integer reasoningTokens) {
            this(promptTokens, completionTokens, cachedTokens, costUsd, priceSource, reasoningTokens, null, null);
        }

        public Integer totalTokens() {
            return promptTokens == null || completionTokens == null ? null : promptTokens + completionTokens;
        }
    }

    /**
     * Who asked and with what: the front door, the routing context, the metadata, the identity and thread, the
     * options sent beyond prompt and context ({@code identity}, {@code thread}, {@code extra_params},
     * {@code invoke_options}), and the id of the API key (null without one: the panel's simulator).
     */
    public record Caller(Source source, Map<String, Object> context, Map<String, Object> metadata, String identityId,
                         String threadId, Map<String, Object> request, UUID apiKeyId) {
        public Caller {
            metadata = metadata == null ? Map.of() : metadata;
            request = request == null ? Map.of() : request;
        }
    }

    /**
     * What was said: the request's inputs, the messages sent to the model (the rendered prompt with the request's
     * messages, their parts, tool calls and tool results included), the answer's text (for a stream cut short, the
     * text the client got) and why it stopped. Null when the deployment does not keep bodies ({@code logBodies:
     * false}). The answer's tool calls and reasoning are on the attempt that answered ({@link Attempt#output()}).
     * Images, files and audio are written by reference only ({@link LoggedMessages}): never their bytes.
     */
    public record Bodies(Map<String, Object> inputs, List<PromptMessage> messages, String answer, String finishReason) {}

    public static RequestLogBuilder builder(UUID id, Instant createdAt) {
        return new RequestLogBuilder(id, createdAt);
    }

    /** A builder holding this entry's values, to change some of them. */
    public RequestLogBuilder toBuilder() {
        return new RequestLogBuilder(this);
    }

    public LogStatus status() {
        return outcome.status();
    }
}
