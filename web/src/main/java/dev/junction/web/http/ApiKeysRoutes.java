package dev.junction.web.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.access.ApiKeyRecord;
import dev.junction.engine.access.ApiKeys;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * API keys for the invoke APIs: {@code POST /api/keys} makes one (the key is in that answer only),
 * {@code GET /api/keys} lists them (never a key or a hash), {@code DELETE /api/keys/{id}} revokes one.
 */
public final class ApiKeysRoutes implements Routes {
    private final ApiKeys apiKeys;
    private final ObjectMapper mapper;

    public ApiKeysRoutes(ApiKeys apiKeys, ObjectMapper mapper) {
        this.apiKeys = apiKeys;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/keys", this::create);
        routes.get("/api/keys", this::list);
        routes.delete("/api/keys/{id}", this::revoke);
    }

    public void create(Context ctx) {
        String name = JsonBody.of(mapper, ctx.body()).name("key");
        ApiKeys.Created created = apiKeys.create(name);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", created.id().toString());
        answer.put("name", created.name());
        answer.put("key", created.key());
        answer.put("prefix", created.prefix());
        ctx.status(201).json(answer);
    }

    public void list(Context ctx) {
        ctx.json(Map.of("data", apiKeys.list().stream().map(ApiKeysRoutes::view).toList()));
    }

    public void revoke(Context ctx) {
        UUID id = PathIds.uuid(ctx.pathParam("id"), "API key");
        ApiKeyRecord revoked = apiKeys.revoke(id).orElseThrow(() -> ApiError.notFound("API key", ctx.pathParam("id")));
        ctx.json(view(revoked));
    }

    /** What the panel may see of a key: never the key, never its hash. */
    static Map<String, Object> view(ApiKeyRecord key) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", key.id().toString());
        out.put("name", key.name());
        out.put("prefix", key.prefix());
        out.put("createdAt", key.createdAt().toString());
        out.put("revokedAt", key.revokedAt() == null ? null : key.revokedAt().toString());
        return out;
    }
}
