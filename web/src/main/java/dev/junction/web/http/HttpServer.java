package dev.junction.web.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.util.Map;
import java.util.function.Predicate;

/** The routes of the gateway, on Javalin with virtual threads. Handlers stay thin; errors go through {@link Errors}. */
public final class HttpServer {
    private HttpServer() {}

    public static Javalin create(String bind, int port, ObjectMapper mapper, Predicate<String> adminToken,
                                 InvokeHandler invoke, ApiKeysHandler keys) {
        return Javalin.create(config -> {
            config.jetty.host = bind;
            config.jetty.port = port;
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(mapper, true));
            Errors.register(config.routes);

            config.routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
            config.routes.post("/v2/deployments/invoke", invoke::invoke);

            config.routes.before("/api/*", ctx -> Auth.require(ctx, adminToken, "admin token"));
            config.routes.post("/api/keys", keys::create);
        });
    }
}
