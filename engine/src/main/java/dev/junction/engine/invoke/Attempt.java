package dev.junction.engine.invoke;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.junction.engine.catalog.Cost;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.provider.ProviderFailure;
import java.util.ArrayList;
import java.util.List;

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
 * Members added later are left out when empty, so an attempt without them writes the same JSON as before:
 * {@code reasoningTokens} (the part of its completion tokens spent thinking), {@code cacheWriteTokens} and
 * {@code cacheSavedUsd} (provider prompt caching: tokens written to the cache, and what the cached tokens saved;
 * only when not zero), and, on the attempt that answered,
 * in the log only, what the answer held beyond its text ({@link Output}: {@code toolCalls}, {@code reasoning}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"option", "number", "provider", "model", "success", "upstreamStatus", "reason", "error",
        "latencyMicros", "promptTokens", "completionTokens", "next", "cachedTokens", "costUsd", "priceSource", "sent",
        "reasoningTokens", "cacheWriteTokens", "cacheSavedUsd", "toolCalls", "reasoning"})
public record Attempt(
        Option option,
        int number,
        String provider,
        String model,
        @JsonIgnore Outcome outcome,
        @JsonIgnore Failure failure,
        long latencyMicros,
        @JsonIgnore RequestLog.Usage usage,
        Next next,
        @JsonIgnore Output output) {

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

    /**
     * What the answer of a successful attempt held beyond its text, as the log keeps it: the tool calls it asked for
     * (id and name always; {@code arguments} only when the deployment logs bodies, else null) and its reasoning text
     * (only when bodies are logged; null otherwise or when the provider returned none).
     */
    public record Output(List<CalledTool> toolCalls, String reasoning) {
        public Output {
            toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        }

        /** The output of {@code response}, with its arguments and reasoning text when {@code withBodies}; null when empty. */
        public static Output of(ChatResponse response, boolean withBodies) {
            if (response == null) return null;
            List<CalledTool> calls = new ArrayList<>(response.toolCalls().size());
            for (ToolCall c : response.toolCalls()) calls.add(new CalledTool(c.id(), c.name(), withBodies ? c.arguments() : null));
            String reasoning = withBodies ? response.reasoningText() : null;
            return calls.isEmpty() && reasoning == null ? null : new Output(calls, reasoning);
        }
    }

    /** One tool call of an answer, as logged: {@code arguments} (JSON text) is null when bodies are not logged. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CalledTool(String id, String name, String arguments) {}

    public Attempt {
        if ((outcome == Outcome.FAILED) != (failure != null)) {
            throw new IllegalArgumentException("a failed attempt, and only one, says why: " + outcome + " " + failure);
        }
        if (output != null && outcome != Outcome.SUCCEEDED) {
            throw new IllegalArgumentException("only an attempt that answered has an output");
        }
    }

    public Attempt(Option option, int number, String provider, String model, Outcome outcome, Failure failure,
                   long latencyMicros, RequestLog.Usage usage, Next next) {
        this(option, number, provider, model, outcome, failure, latencyMicros, usage, next, null);
    }

    /** A call that answered, with its usage (and cost, when priced). */
    public static Attempt succeeded(Option option, int number, String provider, String model, long latencyMicros,
                                    RequestLog.Usage usage) {
        return new Attempt(option, number, provider, model, Outcome.SUCCEEDED, null, latencyMicros, usage, null, null);
    }

    /** A call of {@code config} that answered with {@code usage}, priced at {@code cost} (null: not priced). */
    static Attempt succeeded(Option option, int number, ModelConfig config, long latencyMicros,
                             dev.junction.engine.provider.Usage usage, Cost cost) {
        return succeeded(option, number, config.provider(), config.model(), latencyMicros, new RequestLog.Usage(
                usage.promptTokens(), usage.completionTokens(), usage.cachedPromptTokens(),
                cost == null ? null : cost.totalUsd(), cost == null ? null : cost.priceSource(),
                usage.reasoningTokens() == 0 ? null : usage.reasoningTokens(),
                usage.cacheWriteTokens() == 0 ? null : usage.cacheWriteTokens(),
                cost == null || cost.cacheSavedUsd().signum() == 0 ? null : cost.cacheSavedUsd()));
    }

    /** A call that failed; what came next is set once known ({@link #withNext}). */
    public static Attempt failed(Option option, int number, String provider, String model, long latencyMicros,
                                 Failure failure) {
        return new Attempt(option, number, provider, model, Outcome.FAILED, failure, latencyMicros, null, null, null);
    }

    static Attempt failed(Option option, int number, ModelConfig config, long latencyMicros, ProviderFailure failure) {
        return failed(option, number, config.provider(), config.model(), latencyMicros, Failure.of(failure));
    }

    public Attempt withReason(String newReason) {
        return new Attempt(option, number, provider, model, outcome,
                new Failure(upstreamStatus(), newReason, error(), failure.sent()), latencyMicros, usage, next, output);
    }

    /** The same attempt marked as one that never reached the provider. */
    public Attempt notSent() {
        return new Attempt(option, number, provider, model, outcome,
                new Failure(upstreamStatus(), reason(), error(), false), latencyMicros, usage, next, output);
    }

    public Attempt withNext(Next next) {
        return new Attempt(option, number, provider, model, outcome, failure, latencyMicros, usage, next, output);
    }

    /** The same attempt with what its answer held beyond text (for the log; see {@link Output}). */
    public Attempt withOutput(Output value) {
        return new Attempt(option, number, provider, model, outcome, failure, latencyMicros, usage, next, value);
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

    @JsonProperty("reasoningTokens")
    public Integer reasoningTokens() { return usage == null ? null : usage.reasoningTokens(); }

    @JsonProperty("cacheWriteTokens")
    public Integer cacheWriteTokens() { return usage == null ? null : usage.cacheWriteTokens(); }

    @JsonProperty("cacheSavedUsd")
    public java.math.BigDecimal cacheSavedUsd() { return usage == null ? null : usage.cacheSavedUsd(); }

    /** The answer's tool calls, null when it asked for none (left out of the JSON). */
    @JsonProperty("toolCalls")
    public List<CalledTool> toolCalls() { return output == null || output.toolCalls().isEmpty() ? null : output.toolCalls(); }

    /** The answer's reasoning text as the log keeps it, or null. */
    @JsonProperty("reasoning")
    public String reasoning() { return output == null ? null : output.reasoning(); }
}
