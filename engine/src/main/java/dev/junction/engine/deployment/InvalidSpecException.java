package dev.junction.engine.deployment;

import java.util.List;
import java.util.stream.Collectors;

/** A deployment spec that failed validation; it lists every problem, each with its path. */
public final class InvalidSpecException extends RuntimeException {
    private final List<FieldError> errors;

    public InvalidSpecException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
