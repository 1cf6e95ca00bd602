package dev.junction.web.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.access.AdminTokenRecord;
import dev.junction.engine.access.AdminTokens;
import dev.junction.engine.access.Grant;
import dev.junction.engine.access.GrantInput;
import dev.junction.engine.deployment.FieldError;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Admin tokens of the panel API: {@code POST /api/admin-tokens} makes a named one (the token is in that answer
 * only), {@code GET /api/admin-tokens} lists them (no secrets; the bootstrap token first, as {@code "bootstrap"}),
 * {@code DELETE /api/admin-tokens/{id}} revokes one, {@code GET /api/admin-tokens/current} says which token the
 * caller used. The bootstrap token is configuration: it cannot be revoked here.
 */
public final class AdminTokensRoutes implements Routes {
    private final AdminTokens tokens;
    private final ObjectMapper mapper;

    public AdminTokensRoutes(AdminTokens tokens, ObjectMapper mapper) {
        this.tokens = tokens;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/admin-tokens", this::create);
        routes.get("/api/admin-tokens", this::list);
        routes.get("/api/admin-tokens/current", this::current);
        routes.delete("/api/admin-tokens/{id}", this::revoke);
    }

    public void create(Context ctx) {
        JsonBody body = JsonBody.of(mapper, ctx.body());
        String name = body.name("token");
        if (name.equalsIgnoreCase(AdminTokens.BOOTSTRAP)) {
            throw ApiError.unprocessable(List.of(new FieldError("name",
                    "'" + AdminTokens.BOOTSTRAP + "' is the name of the configured token; choose another")));
        }
        // a service account: a role on a scope (admin on everything when left out, as tokens were before roles)
        List<FieldError> errors = new ArrayList<>();
        String role = body.has("role") ? body.text("role") : "admin";
        List<Grant> grant = GrantInput.check("grant", List.of(new GrantInput(role, body.text("scope"),
                body.has("bodies") ? body.bool("bodies") : "admin".equals(role))), errors);
        if (!errors.isEmpty()) {
            throw ApiError.unprocessable(errors.stream().map(e -> new FieldError(e.path().replace("grant[0].", ""), e.message())).toList());
        }
        AdminTokens.Created created = tokens.create(name, grant.getFirst());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", created.id().toString());
        answer.put("name", created.name());
        answer.put("token", created.token());
        answer.put("prefix", created.prefix());
        answer.put("role", grant.getFirst().role().wire());
        answer.put("scope", grant.getFirst().scope());
        answer.put("bodies", grant.getFirst().bodies());
        ctx.status(201).json(answer);
    }

    public void list(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (tokens.hasBootstrap()) {
            Map<String, Object> bootstrap = new LinkedHashMap<>();
            bootstrap.put("id", AdminTokens.BOOTSTRAP);
            bootstrap.put("name", AdminTokens.BOOTSTRAP);
            bootstrap.put("prefix", null);
            bootstrap.put("createdAt", null);
            bootstrap.put("revokedAt", null);
            bootstrap.put("bootstrap", true);
            bootstrap.put("role", "admin");
            bootstrap.put("scope", "*");
            bootstrap.put("bodies", true);
            out.add(bootstrap);
        }
        for (AdminTokenRecord token : tokens.list()) out.add(view(token));
        ctx.json(Map.of("data", out));
    }

    public void current(Context ctx) {
        ctx.json(Map.of("name", Auth.adminTokenName(ctx)));
    }

    public void revoke(Context ctx) {
        String raw = ctx.pathParam("id");
        if (raw.equals(AdminTokens.BOOTSTRAP)) {
            throw new ApiError(409, "the bootstrap token cannot be revoked through the API: it is configuration "
                    + "(JUNCTION_ADMIN_TOKEN or DATA_DIR/admin-token); change it there and restart", null, null);
        }
        AdminTokens.Revocation result = tokens.revoke(PathIds.uuid(raw, "admin token"));
        switch (result) {
            case AdminTokens.Revocation.Revoked r -> ctx.json(view(r.token()));
            case AdminTokens.Revocation.NotFound n -> throw ApiError.notFound("admin token", raw);
            case AdminTokens.Revocation.LastActive l -> throw new ApiError(409, "'" + l.token().name()
                    + "' is the last active admin token: create another before revoking it, or nobody could use the panel API",
                    null, null);
        }
    }

    private static Map<String, Object> view(AdminTokenRecord token) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", token.id().toString());
        out.put("name", token.name());
        out.put("prefix", token.prefix());
        out.put("createdAt", token.createdAt().toString());
        out.put("revokedAt", token.revokedAt() == null ? null : token.revokedAt().toString());
        out.put("bootstrap", false);
        out.put("role", token.grant().role().wire());
        out.put("scope", token.grant().scope());
        out.put("bodies", token.grant().bodies());
        return out;
    }
}
