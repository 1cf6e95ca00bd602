package dev.junction.web.http;

import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;

/** One feature's endpoints. {@link HttpServer} registers every feature's routes; handlers stay thin. */
public interface Routes {
    void register(RoutesConfig routes);

    /** Server configuration beyond routes (static files, say); most features need none. */
    default void configure(JavalinConfig config) {}
}
