package dev.junction.engine.deployment;

/** An id or key that names nothing (a 404). The message says what was looked for. */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message, null, false, false);
    }
}
