package dev.junction.engine.routing;

/**
 * Turns a routing table into a ready {@link Router} (port; the rules module compiles it to Drools).
 * Called when a version is activated, never on the request path.
 */
public interface RouterCompiler {
    /**
     * @param name a label for the compiled artefact, e.g. {@code customer-support@v3}
     * @param schema the types of the context fields the table reads
     * @throws RoutingCompileException if the table cannot be compiled
     */
    Router compile(String name, RoutingTable table, RoutingSchema schema);

    /** A table over string fields only. */
    default Router compile(String name, RoutingTable table) {
        return compile(name, table, RoutingSchema.STRINGS);
    }
}
