package dev.junction.engine.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A variant of a deployment: its prompt, its primary model and an optional fallback model with its own,
 * independent configuration. Notes are for people and never reach a model.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Variant(String key, List<PromptMessage> messages, ModelConfig primary, ModelConfig fallback, String notes) {
    public Variant {
        messages = messages == null ? List.of() : List.copyOf(messages);
    }

    /** The models to try, in order: the primary, then the fallback when there is one. */
    public List<ModelConfig> options() {
        return fallback == null ? List.of(primary) : List.of(primary, fallback);
    }
}
