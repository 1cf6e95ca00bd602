package dev.junction.engine.provider;

import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import java.util.List;

/**
 * A provider-neutral chat call: the rendered messages, the model and its parameters.
 * {@code attempt} counts from 1 across the retries of one model.
 */
public record ChatRequest(String model, List<PromptMessage> messages, ModelParameters parameters, int attempt) {
    public ChatRequest {
        messages = List.copyOf(messages);
        parameters = parameters == null ? ModelParameters.DEFAULTS : parameters;
    }
}
