package dev.junction.engine.invoke;

import dev.junction.engine.deployment.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The request cannot be served as sent (a prompt variable with no input, say); names each field. {@link #routed()}
 * says where the request was routed when it got that far, else null.
 */
public final class InvalidInputException extends RuntimeException {
    private final List<FieldError> errors;
    private final Routed routed;

    public InvalidInputException(List<FieldError> errors) {
        this(errors, null);
    }

    public InvalidInputException(List<FieldError> errors, Routed routed) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")), null, false, false);
        this.errors = List.copyOf(errors);
        this.routed = routed;
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** Where the request was routed, or null when it failed before routing. */
    public Routed routed() {
        return routed;
    }

    /** The same errors, for a request routed as {@code routed}. */
    public InvalidInputException routedAs(Routed routed) {
        return new InvalidInputException(errors, routed);
    }
}
