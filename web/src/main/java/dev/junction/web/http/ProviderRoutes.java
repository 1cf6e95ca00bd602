package dev.junction.web.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.provider.ConnectionInput;
import dev.junction.engine.provider.ProviderConnection;
import dev.junction.engine.provider.ProviderConnections;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stored provider connections: {@code GET /api/providers}, {@code GET|PUT|DELETE /api/providers/{name}}.
 * No answer ever carries an API key: only {@code hasApiKey}. A PUT without {@code apiKey} keeps the stored key, unless
 * it changes {@code kind} or {@code baseUrl} (then a 422 naming {@code apiKey}: a stored key is only sent where it was
 * given). A {@code user:password@} in a stored base URL is shown masked.
 */
public final class ProviderRoutes implements Routes {
    private final ProviderConnections connections;
    private final ObjectMapper mapper;

    public ProviderRoutes(ProviderConnections connections, ObjectMapper mapper) {
        this.connections = connections;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/providers", ctx -> ctx.json(Map.of("data", connections.list().stream().map(ProviderRoutes::json).toList())));
        routes.get("/api/providers/{name}", ctx -> ctx.json(json(find(ctx.pathParam("name")))));
        routes.put("/api/providers/{name}", this::put);
        routes.delete("/api/providers/{name}", this::delete);
    }

    void put(Context ctx) {
        JsonBody body = JsonBody.of(mapper, ctx.body());
        ConnectionInput input = new ConnectionInput(body.text("kind"), body.text("baseUrl"),
                body.text("apiKey"), body.text("azureDeployment"), body.text("azureApiVersion"));
        ProviderConnections.Result result = connections.put(ctx.pathParam("name"), input);
        if (!result.errors().isEmpty()) throw ApiError.unprocessable(result.errors());
        ctx.status(result.created() ? 201 : 200).json(json(result.connection()));
    }

    void delete(Context ctx) {
        String name = ctx.pathParam("name");
        if (!connections.delete(name)) throw notFound(name);
        ctx.status(204);
    }

    private ProviderConnection find(String name) {
        return connections.find(name).orElseThrow(() -> notFound(name));
    }

    private static ApiError notFound(String name) {
        return new ApiError(404, "no provider connection named '" + name + "'", null, Map.of("name", name));
    }

    /** A connection as the API shows it: everything but the key. */
    static Map<String, Object> json(ProviderConnection c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", c.name());
        out.put("kind", c.kind().id());
        out.put("baseUrl", c.displayBaseUrl());
        out.put("hasApiKey", c.hasApiKey());
        if (c.azureDeployment() != null) out.put("azureDeployment", c.azureDeployment());
        if (c.azureApiVersion() != null) out.put("azureApiVersion", c.azureApiVersion());
        out.put("createdAt", c.createdAt().toString());
        out.put("updatedAt", c.updatedAt().toString());
        return out;
    }
}
