package dev.junction.engine.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A model to call: its provider, the model, its parameters, how many times a failure is retried on it before
 * the variant moves on to its fallback, and which failures count ({@code retryOn}: reasons from
 * {@link #RETRYABLE}; null means all of them).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelConfig(String provider, String model, ModelParameters parameters, int retries, List<String> retryOn) {

    /** The failure reasons a retry can be asked for; others (bad request, context window...) never retry. */
    public static final List<String> RETRYABLE =
            List.of("rate_limited", "server_error", "timeout", "connection_error", "malformed_response", "invalid_output");

    public ModelConfig {
        parameters = parameters == null ? ModelParameters.DEFAULTS : parameters;
        retryOn = retryOn == null ? null : List.copyOf(retryOn);
    }

    public static ModelConfig of(String provider, String model) {
        return new ModelConfig(provider, model, ModelParameters.DEFAULTS, 0, null);
    }

    public ModelConfig withRetries(int value) {
        return new ModelConfig(provider, model, parameters, value, retryOn);
    }

    public ModelConfig withParameters(ModelParameters value) {
        return new ModelConfig(provider, model, value, retries, retryOn);
    }

    /** Whether a failure with this reason is retried on this model. */
    public boolean retriesOn(String reason) {
        return retryOn == null ? RETRYABLE.contains(reason) : retryOn.contains(reason);
    }

    /** "provider/model", as logs and errors name it. */
    public String label() {
        return provider + "/" + model;
    }
}
