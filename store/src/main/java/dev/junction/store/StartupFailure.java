package dev.junction.store;

/** A known reason the gateway cannot start, with a message that tells the operator what to do. */
public final class StartupFailure extends RuntimeException {
    public StartupFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
