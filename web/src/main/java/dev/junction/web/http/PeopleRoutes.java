package dev.junction.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.access.Grant;
import dev.junction.engine.access.GrantInput;
import dev.junction.engine.access.People;
import dev.junction.engine.access.Permission;
import dev.junction.engine.access.Principal;
import dev.junction.engine.access.User;
import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.audit.AuditActor;
import dev.junction.engine.audit.AuditEvent;
import dev.junction.web.audit.AuditTrail;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * People and who is calling. {@code GET /api/me} (anyone signed in: grants and what they allow, for the panel to
 * hide what a person cannot do); {@code /api/users} (admins: invite with grants, which answers the one-time link to
 * hand over; change name, grants, disabled; delete; make a password reset link); {@code /auth/link} (public: what a
 * one-time link is for, and setting the password it was made for).
 */
public final class PeopleRoutes implements Routes {
    private final People people;
    private final ObjectMapper mapper;

    private final AuditTrail audit;

    public PeopleRoutes(People people, ObjectMapper mapper) {
        this(people, mapper, null);
    }

    /** @param audit where a password set through a one-time link is recorded (the /api changes are recorded centrally) */
    public PeopleRoutes(People people, ObjectMapper mapper, AuditTrail audit) {
        this.people = people;
        this.mapper = mapper;
        this.audit = audit;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/me", this::me);
        routes.get("/api/users", ctx -> ctx.json(Map.of("data", people.list().stream().map(PeopleRoutes::view).toList())));
        routes.post("/api/users", this::invite);
        routes.get("/api/users/{id}", ctx -> ctx.json(view(people.get(id(ctx)))));
        routes.put("/api/users/{id}", this::update);
        routes.delete("/api/users/{id}", this::delete);
        routes.post("/api/users/{id}/reset-link", this::resetLink);
        routes.get("/auth/link", this::linkInfo);
        routes.post("/auth/link", this::acceptLink);
    }

    private void me(Context ctx) {
        Principal p = Auth.principal(ctx);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", p.kind().wire());
        out.put("id", p.id());
        out.put("name", p.kind() == Principal.Kind.USER ? people.find(UUID.fromString(p.id())).map(User::name).orElse(p.name()) : p.name());
        out.put("email", p.kind() == Principal.Kind.USER ? p.name() : null);
        out.put("grants", p.grants().stream().map(PeopleRoutes::grant).toList());
        Map<String, Object> can = new LinkedHashMap<>();
        can.put("view", p.canSomewhere(Permission.VIEW));
        can.put("edit", p.canSomewhere(Permission.EDIT));
        can.put("deploy", p.canSomewhere(Permission.DEPLOY));
        can.put("admin", p.canEverywhere(Permission.ADMIN));
        can.put("readBodies", p.canSomewhere(Permission.READ_BODIES));
        out.put("can", can);
        Map<String, Object> scopes = new LinkedHashMap<>();
        for (Permission perm : List.of(Permission.VIEW, Permission.EDIT, Permission.DEPLOY, Permission.READ_BODIES)) {
            scopes.put(perm == Permission.READ_BODIES ? "readBodies" : perm.wire(),
                    p.grants().stream().filter(g -> g.has(perm)).map(Grant::scope).distinct().toList());
        }
        out.put("scopes", scopes);
        ctx.header("Cache-Control", "no-store").json(out);
    }

    private void invite(Context ctx) {
        JsonBody body = JsonBody.of(mapper, ctx.body());
        People.Invited invited = people.invite(body.text("email"), body.text("name"), grants(body), Auth.adminTokenName(ctx));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", view(invited.user()));
        out.put("link", link(ctx, invited.token(), invited.expiresAt()));
        ctx.status(201).header("Cache-Control", "no-store").json(out);
    }

    private void update(Context ctx) {
        JsonBody body = JsonBody.of(mapper, ctx.body());
        Boolean disabled = body.has("disabled") ? body.bool("disabled") : null;
        List<GrantInput> grants = body.has("grants") ? grants(body) : null;
        ctx.json(view(people.update(id(ctx), body.has("name") ? body.text("name") : null, grants, disabled)));
    }

    private void delete(Context ctx) {
        people.delete(id(ctx));
        ctx.status(204);
    }

    private void resetLink(Context ctx) {
        People.Link link = people.resetLink(id(ctx), Auth.adminTokenName(ctx));
        ctx.header("Cache-Control", "no-store").json(link(ctx, link.token(), link.expiresAt()));
    }

    private void linkInfo(Context ctx) {
        People.LinkView view = people.linkInfo(ctx.queryParam("token"))
                .orElseThrow(() -> new ApiError(404, "this link is unknown, used or expired: ask an admin for a new one", null, null));
        ctx.header("Cache-Control", "no-store").json(Map.of("kind", view.kind().wire(), "email", view.email(),
                "expiresAt", view.expiresAt().toString()));
    }

    private void acceptLink(Context ctx) {
        JsonBody body = JsonBody.of(mapper, ctx.body());
        String token = body.text("token");
        String password = body.text("password");
        try {
            User user = people.acceptLink(token, password);
            if (audit != null) {
                audit.record(AuditTrail.from(ctx, AuditEvent.of(AuditActor.of(user.principal()), "user.password.set")
                        .target("user", user.id().toString())));
            }
            ctx.header("Cache-Control", "no-store").json(Map.of("email", user.email()));
        } catch (dev.junction.engine.deployment.NotFoundException e) {
            ctx.attribute(SignInThrottle.FAILED, true); // guessing links counts as failed sign-ins
            throw e;
        }
    }

    private static List<GrantInput> grants(JsonBody body) {
        JsonNode node = body.get("grants");
        if (node == null || node.isNull()) return List.of();
        if (!node.isArray()) throw body.invalid("grants", "must be an array of {role, scope, bodies}");
        List<GrantInput> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode g = node.get(i);
            if (!g.isObject()) {
                throw ApiError.unprocessable(List.of(new FieldError("grants[" + i + "]", "must be an object with role and scope")));
            }
            out.add(new GrantInput(g.path("role").isTextual() ? g.path("role").asText() : null,
                    g.path("scope").isTextual() ? g.path("scope").asText() : null, g.path("bodies").asBoolean(false)));
        }
        return out;
    }

    private static UUID id(Context ctx) {
        return PathIds.uuid(ctx.pathParam("id"), "person");
    }

    /** The link to hand over: the panel's welcome page with the token (the only copy). */
    private static Map<String, Object> link(Context ctx, String token, java.time.Instant expiresAt) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("url", ctx.scheme() + "://" + ctx.host() + "/panel/#/welcome?token=" + token);
        out.put("token", token);
        out.put("expiresAt", expiresAt.toString());
        return out;
    }

    static Map<String, Object> grant(Grant g) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("role", g.role().wire());
        out.put("scope", g.scope());
        out.put("bodies", g.bodies());
        return out;
    }

    public static Map<String, Object> view(User u) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", u.id().toString());
        out.put("email", u.email());
        out.put("name", u.name());
        out.put("status", u.status().wire());
        out.put("sso", u.sso());
        out.put("grants", u.grants().stream().map(PeopleRoutes::grant).toList());
        out.put("ssoGrants", u.ssoGrants().stream().map(PeopleRoutes::grant).toList());
        out.put("createdAt", u.createdAt().toString());
        out.put("lastSignInAt", u.lastSignInAt() == null ? null : u.lastSignInAt().toString());
        return out;
    }
}
