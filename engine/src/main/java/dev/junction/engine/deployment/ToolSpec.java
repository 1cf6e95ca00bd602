package dev.junction.engine.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A function the model may call: its name, what it does, its JSON-schema parameters, and whether the provider
 * should hold the arguments strictly to that schema ({@code strict}, OpenAI's structured outputs; null: not asked).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolSpec(String name, String description, Map<String, Object> parameters, Boolean strict) {
    public ToolSpec(String name, String description, Map<String, Object> parameters) {
        this(name, description, parameters, null);
    }
}
