package dev.junction.engine.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * A call the model asked for: its id (the provider's, kept as it is so a tool result can name it on the next turn,
 * even on another provider), the tool's name and its arguments as JSON text. {@code signature} is Gemini's
 * {@code thoughtSignature} on a function call, which must come back with it; null elsewhere.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ToolCall(String id, String name, String arguments, String signature) {
    public ToolCall {
        Objects.requireNonNull(name, "name");
        arguments = arguments == null || arguments.isBlank() ? "{}" : arguments;
    }

    public ToolCall(String id, String name, String arguments) {
        this(id, name, arguments, null);
    }
}
