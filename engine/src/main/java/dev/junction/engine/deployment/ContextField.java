package dev.junction.engine.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.junction.engine.routing.FieldType;

/** A routing field a deployment accepts in the request's {@code context}: its name, type and description. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContextField(String name, FieldType type, String description) {
    public static ContextField of(String name, FieldType type) {
        return new ContextField(name, type, null);
    }
}
