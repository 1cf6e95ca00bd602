package dev.junction.engine.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A model to call: which provider connection, which model, its parameters and how many times a
 * retryable failure is retried on it before the variant moves on to its fallback.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelConfig(String provider, String model, ModelParameters parameters, int retries) {
    public ModelConfig {
        parameters = parameters == null ? ModelParameters.DEFAULTS : parameters;
    }

    public static ModelConfig of(String provider, String model) {
        return new ModelConfig(provider, model, ModelParameters.DEFAULTS, 0);
    }

    public ModelConfig withRetries(int retries) {
        return new ModelConfig(provider, model, parameters, retries);
    }

    /** "provider/model", as logs and errors name it. */
    public String label() {
        return provider + "/" + model;
    }
}
