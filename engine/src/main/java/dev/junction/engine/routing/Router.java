package dev.junction.engine.routing;

import java.util.Map;

/** Decides the variant for a request context. Implementations are built per version and thread-safe. */
public interface Router {
    RoutingDecision route(Map<String, Object> context);

    /** Frees what the router holds (Drools sessions) once its version is retired; evaluating afterwards still works. */
    default void release() {}
}
