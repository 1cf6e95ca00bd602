package dev.junction.web.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}, no auth: the hand-written OpenAPI 3.1 description of every endpoint
 * ({@code src/main/resources/openapi.json}), read once from the classpath. OpenApiTest keeps it complete.
 */
public final class OpenApiRoutes implements Routes {
    static final String RESOURCE = "/openapi.json";

    private final byte[] document;

    public OpenApiRoutes() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + RESOURCE, e);
        }
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/openapi.json", this::serve);
    }

    private void serve(Context ctx) {
        ctx.contentType("application/json").result(document);
    }
}
