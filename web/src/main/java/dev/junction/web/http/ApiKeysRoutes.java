package dev.junction.web.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.access.ApiKeyRecord;
import dev.junction.engine.access.ApiKeyScope;
import dev.junction.engine.access.ApiKeys;
import dev.junction.engine.deployment.FieldError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * API keys for the invoke APIs: {@code POST /api/keys} makes one (the key is in that answer only), optionally limited
 * to a {@code scope} ({@code {projects: [...], deployments: [...]}}) until {@code expiresAt}; {@code GET /api/keys}
 * and {@code GET /api/keys/{id}} show them (never a key or a hash; with {@code expired}); {@code PATCH /api/keys/{id}}
 * replaces the scope and/or the expiry of an unrevoked key (a member given as {@code null} removes the limit: every
 * deployment, no expiry); {@code DELETE /api/keys/{id}} revokes one. Unknown members are a 400, what the values mean a
 * 422 naming the field ({@code scope.projects[1]}, {@code expiresAt}).
 */
public final class ApiKeysRoutes implements Routes {
    static final List<String> CREATE_FIELDS = List.of("name", "scope", "expiresAt");
    static final List<String> PATCH_FIELDS = List.of("scope", "expiresAt");
    static final List<String> SCOPE_FIELDS = List.of("projects", "deployments");

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
        routes.get("/api/keys/{id}", this::get);
        routes.patch("/api/keys/{id}", this::patch);
        routes.delete("/api/keys/{id}", this::revoke);
    }

    public void create(Context ctx) {
        JsonBody body = JsonBody.of(mapper, ctx.body());
        QuotaJson.known(body, CREATE_FIELDS);
        String name = body.name("key");
        Limits limits = limits(body, ApiKeyScope.EVERYTHING, null);
        ApiKeys.Created created = apiKeys.create(name, limits.scope(), limits.expiresAt());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", created.id().toString());
        answer.put("name", created.name());
        answer.put("key", created.key());
        answer.put("prefix", created.prefix());
        answer.put("scope", scope(created.scope()));
        answer.put("expiresAt", created.expiresAt() == null ? null : created.expiresAt().toString());
        ctx.status(201).json(answer);
    }

    public void list(Context ctx) {
        ctx.json(Map.of("data", apiKeys.list().stream().map(this::view).toList()));
    }

    public void get(Context ctx) {
        ctx.json(view(existing(ctx)));
    }

    public void patch(Context ctx) {
        ApiKeyRecord key = existing(ctx);
        JsonBody body = JsonBody.of(mapper, ctx.body());
        QuotaJson.known(body, PATCH_FIELDS);
        if (key.revokedAt() != null) throw new ApiError(409, "API key '" + key.name() + "' is revoked: make a new one", null, null);
        Limits limits = limits(body, key.scope(), key.expiresAt());
        ApiKeyRecord changed = apiKeys.limit(key.id(), limits.scope(), limits.expiresAt()).orElseThrow(() ->
                new ApiError(409, "API key '" + key.name() + "' is revoked: make a new one", null, null));
        ctx.json(view(changed));
    }

    public void revoke(Context ctx) {
        UUID id = PathIds.uuid(ctx.pathParam("id"), "API key");
        ApiKeyRecord revoked = apiKeys.revoke(id).orElseThrow(() -> ApiError.notFound("API key", ctx.pathParam("id")));
        ctx.json(view(revoked));
    }

    private ApiKeyRecord existing(Context ctx) {
        UUID id = PathIds.uuid(ctx.pathParam("id"), "API key");
        return apiKeys.byId(id).orElseThrow(() -> ApiError.notFound("API key", ctx.pathParam("id")));
    }

    private record Limits(ApiKeyScope scope, Instant expiresAt) {}

    /**
     * The scope and expiry a body asks for; a member that is absent keeps {@code scope}/{@code expiresAt} as given,
     * one that is {@code null} lifts the limit.
     *
     * @throws ApiError 400 for a member of the wrong type, 422 naming every value at fault
     */
    private Limits limits(JsonBody body, ApiKeyScope scope, Instant expiresAt) {
        List<FieldError> errors = new ArrayList<>();
        if (body.node().has("scope")) {
            JsonBody s = body.object("scope");
            QuotaJson.known(s, SCOPE_FIELDS);
            List<String> projects = s.strings("projects");
            List<String> deployments = s.strings("deployments");
            errors.addAll(ApiKeyScope.check("scope", projects, deployments));
            if (!body.node().get("scope").isNull() && projects.isEmpty() && deployments.isEmpty()) {
                // an empty object is more likely a list that came out empty than a wish for every deployment
                errors.add(new FieldError("scope", "names no project and no deployment; send \"scope\": null for a key that "
                        + "reaches every deployment"));
            }
            scope = new ApiKeyScope(projects, deployments);
        }
        if (body.node().has("expiresAt")) {
            expiresAt = QuotaJson.instant(body, "expiresAt");
            errors.addAll(apiKeys.checkExpiry("expiresAt", expiresAt));
        }
        if (!errors.isEmpty()) throw ApiError.unprocessable(errors);
        return new Limits(scope, expiresAt);
    }

    /** What the panel may see of a key: never the key, never its hash. */
    Map<String, Object> view(ApiKeyRecord key) {
        return view(apiKeys, key);
    }

    static Map<String, Object> view(ApiKeys apiKeys, ApiKeyRecord key) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", key.id().toString());
        out.put("name", key.name());
        out.put("prefix", key.prefix());
        out.put("createdAt", key.createdAt().toString());
        out.put("revokedAt", key.revokedAt() == null ? null : key.revokedAt().toString());
        out.put("scope", scope(key.scope()));
        out.put("expiresAt", key.expiresAt() == null ? null : key.expiresAt().toString());
        out.put("expired", apiKeys.expired(key));
        return out;
    }

    private static Map<String, Object> scope(ApiKeyScope scope) {
        return Map.of("projects", scope.projects(), "deployments", scope.deployments());
    }
}
