package dev.junction.engine.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/** A function the model may call: its name, what it does, and its JSON-schema parameters. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolSpec(String name, String description, Map<String, Object> parameters) {
}
