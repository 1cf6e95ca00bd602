package dev.junction.engine.deployment;

/** The request clashes with the current state (a 409): a key that exists, a draft saved meanwhile... */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message, null, false, false);
    }
}
