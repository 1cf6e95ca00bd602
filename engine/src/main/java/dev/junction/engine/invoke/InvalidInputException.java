package dev.junction.engine.invoke;

import dev.junction.engine.deployment.FieldError;
import java.util.List;
import java.util.stream.Collectors;

/** The request cannot be served as sent (a prompt variable with no input, say); names each field. */
public final class InvalidInputException extends RuntimeException {
    private final List<FieldError> errors;

    public InvalidInputException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
