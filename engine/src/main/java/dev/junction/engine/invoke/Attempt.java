package dev.junction.engine.invoke;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.junction.engine.catalog.Cost;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.provider.ProviderFailure;

/**
 * One call to one model: which option of the variant it was, its number on that model (1 = first try), the outcome,
 * and, when it failed, why ({@link Failure}) and what happened next. A call that reported its usage carries its
 * tokens and its cost in US dollars from the model garden's prices with where those prices came from
 * ({@link RequestLog.Usage}); a failed call costs nothing as far as the gateway knows (providers do not bill refused
 * calls; a stream cut short reports no usage).
 *
 * <p>Its JSON (the {@code attempts} column, the simulator's answer) is flat, as it always was: {@code success},
 * the failure's and the usage's fields at the top level, {@code sent: false} only for an attempt that never reached
 * the provider (a prompt too large for the context window by the gateway's count, no connection, an open circuit).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"option", "number", "provider", "model", "success", "upstreamStatus", "reason", "error",
        "latencyMicros", "promptTokens", "completionTokens", "next", "cachedTokens", "costUsd", "priceSource", "sent"})
public record Attempt(
        Option option,
        int number,
        String provider,
        String model,
        @JsonIgnore Outcome outcome,
        @JsonIgnore Failure failure,
        long latencyMicros,
        @JsonIgnore RequestLog.Usage usage,
        Next next) {

    /** Which model of the variant. */
    public enum Option {
        PRIMARY, FALLBACK;

        @JsonValue
        public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    public enum Outcome { SUCCEEDED, FAILED }

    /** What followed a failed attempt: a retry on the same model, the fallback, or nothing. */
    public enum Next {
        RETRY, FALLBACK, NONE;

        @JsonValue
        public String wire() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /**
     * Why an attempt failed: the provider's HTTP status (null when there was none), the reason and the message;
     * {@code sent} false when the call never reached the provider.
     */
    public record Failure(Integer upstreamStatus, String reason, String error, boolean sent) {
        static Failure of(ProviderFailure f) {
            return new Failure(f.upstreamStatus() == 0 ? null : f.upstreamStatus(), f.reason(), f.message(), f.sent());
        }
    }

    public Attempt {
        if ((outcome == Outcome.FAILED) != (failure != null)) {
            throw new IllegalArgumentException("a failed attempt, and only one, says why: " + outcome + " " + failure);
        }
    }

    /** A call that answered, with its usage (and cost, when priced). */
    public static Attempt succeeded(Option option, int number, String provider, String model, long latencyMicros,
                                    RequestLog.Usage usage) {
        return new Attempt(option, number, provider, model, Outcome.SUCCEEDED, null, latencyMicros, usage, null);
    }

    /** A call of {@code config} that answered with {@code usage}, priced at {@code cost} (null: not priced). */
    static Attempt succeeded(Option option, int number, ModelConfig config, long latencyMicros,
                             dev.junction.engine.provider.Usage usage, Cost cost) {
        return succeeded(option, number, config.provider(), config.model(), latencyMicros, new RequestLog.Usage(
                usage.promptTokens(), usage.completionTokens(), usage.cachedPromptTokens(),
                cost == null ? null : cost.totalUsd(), cost == null ? null : cost.priceSource()));
    }

    /** A call that failed; what came next is set once known ({@link #withNext}). */
    public static Attempt failed(Option option, int number, String provider, String model, long latencyMicros,
                                 Failure failure) {
        return new Attempt(option, number, provider, model, Outcome.FAILED, failure, latencyMicros, null, null);
    }

    static Attempt failed(Option option, int number, ModelConfig config, long latencyMicros, ProviderFailure failure) {
        return failed(option, number, config.provider(), config.model(), latencyMicros, Failure.of(failure));
    }

    public Attempt withReason(String newReason) {
        return new Attempt(option, number, provider, model, outcome,
                new Failure(upstreamStatus(), newReason, error(), failure.sent()), latencyMicros, usage, next);
    }

    /** The same attempt marked as one that never reached the provider. */
    public Attempt notSent() {
        return new Attempt(option, number, provider, model, outcome,
                new Failure(upstreamStatus(), reason(), error(), false), latencyMicros, usage, next);
    }

    public Attempt withNext(Next next) {
        return new Attempt(option, number, provider, model, outcome, failure, latencyMicros, usage, next);
    }

    @JsonProperty("success")
    public boolean success() { return outcome == Outcome.SUCCEEDED; }

    @JsonProperty("upstreamStatus")
    public Integer upstreamStatus() { return failure == null ? null : failure.upstreamStatus(); }

    @JsonProperty("reason")
    public String reason() { return failure == null ? null : failure.reason(); }

    @JsonProperty("error")
    public String error() { return failure == null ? null : failure.error(); }

    /** False for an attempt that never reached the provider; null (left out of the JSON) otherwise. */
    @JsonProperty("sent")
    public Boolean sent() { return failure == null || failure.sent() ? null : Boolean.FALSE; }

    @JsonProperty("promptTokens")
    public Integer promptTokens() { return usage == null ? null : usage.promptTokens(); }

    @JsonProperty("completionTokens")
    public Integer completionTokens() { return usage == null ? null : usage.completionTokens(); }

    @JsonProperty("cachedTokens")
    public Integer cachedTokens() { return usage == null ? null : usage.cachedTokens(); }

    @JsonProperty("costUsd")
    public java.math.BigDecimal costUsd() { return usage == null ? null : usage.costUsd(); }

    @JsonProperty("priceSource")
    public String priceSource() { return usage == null ? null : usage.priceSource(); }
}
