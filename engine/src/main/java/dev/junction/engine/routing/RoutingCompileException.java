package dev.junction.engine.routing;

/** The routing table of a version could not be compiled; the version is not activated. */
public final class RoutingCompileException extends RuntimeException {
    public RoutingCompileException(String message) {
        super(message);
    }

    public RoutingCompileException(String message, Throwable cause) {
        super(message, cause);
    }
}
