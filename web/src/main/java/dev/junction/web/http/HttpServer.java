package dev.junction.web.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.access.Principal;
import dev.junction.web.panel.PanelSessions;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The gateway's HTTP server, on Javalin with virtual threads. Everything under {@code /api} needs an admin token or
 * a panel session ({@link Auth#principal}) and the permission {@link AccessRules} gives the route; each feature brings its own
 * {@link Routes}; errors go through {@link Errors}.
 */
public final class HttpServer {
    private HttpServer() {}

    /**
     * With the panel's sessions ({@code /api} then also takes the session cookie and its CSRF token), a request body
     * limit and in-flight budget ({@link BodyLimit}) and a throttle on failed admin sign-ins ({@link SignInThrottle}).
     */
    public static Javalin create(String bind, int port, ObjectMapper mapper, Function<String, Optional<Principal>> adminTokens,
                                 PanelSessions sessions, BodyLimit bodyLimit, SignInThrottle signIns, AccessRules access,
                                 List<Routes> features) {
        return Javalin.create(config -> {
            config.jetty.host = bind;
            config.jetty.port = port;
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(mapper, true));
            Errors.register(config.routes);
            signIns.install(config.routes);
            bodyLimit.install(config);

            config.routes.before(QueryParams::refuseNul);
            config.routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
            config.routes.before("/api/*", ctx -> Auth.authenticate(ctx, adminTokens, sessions));
            access.install(config.routes);
            for (Routes feature : features) {
                feature.configure(config);
                feature.register(config.routes);
            }
        });
    }
}
