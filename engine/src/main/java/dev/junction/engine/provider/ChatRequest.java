package dev.junction.engine.provider;

import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import java.time.Duration;
import java.util.List;

/**
 * A provider-neutral chat call: the rendered messages, the model and its parameters. {@code attempt} counts from 1
 * across the retries of one model.
 * <p>Time limits, set by the invoke loop (null: the connection's own request timeout):
 * {@code timeout} bounds a whole call; for a stream it bounds the wait between two chunks once the first arrived.
 * {@code firstTokenTimeout} bounds, for a stream, the wait from sending the request to the first piece of text.
 * An adapter that runs out of either throws {@link ProviderFailure.Timeout}.
 * <p>{@code promptCache}: where the variant's fixed prefix ends and whether to mark it for the provider's prompt cache
 * ({@link PromptCache}; {@link PromptCache#NONE} when not given).
 */
public record ChatRequest(String model, List<PromptMessage> messages, ModelParameters parameters, int attempt,
                          Duration timeout, Duration firstTokenTimeout, PromptCache promptCache) {
    public ChatRequest {
        messages = List.copyOf(messages);
        parameters = parameters == null ? ModelParameters.DEFAULTS : parameters;
        promptCache = promptCache == null ? PromptCache.NONE : promptCache;
    }

    public ChatRequest(String model, List<PromptMessage> messages, ModelParameters parameters, int attempt,
                       Duration timeout, Duration firstTokenTimeout) {
        this(model, messages, parameters, attempt, timeout, firstTokenTimeout, null);
    }

    public ChatRequest(String model, List<PromptMessage> messages, ModelParameters parameters, int attempt) {
        this(model, messages, parameters, attempt, null, null);
    }

    /** {@code timeout} if set, else {@code fallback} (the connection's). */
    public Duration timeoutOr(Duration fallback) {
        return timeout != null ? timeout : fallback;
    }

    /** {@code firstTokenTimeout} if set, else {@link #timeoutOr}. */
    public Duration firstTokenTimeoutOr(Duration fallback) {
        return firstTokenTimeout != null ? firstTokenTimeout : timeoutOr(fallback);
    }
}
