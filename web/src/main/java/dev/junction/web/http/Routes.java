package dev.junction.web.http;

import io.javalin.config.RoutesConfig;

/** One feature's endpoints. {@link HttpServer} registers every feature's routes; handlers stay thin. */
public interface Routes {
    void register(RoutesConfig routes);
}
