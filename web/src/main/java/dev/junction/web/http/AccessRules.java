package dev.junction.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.access.Permission;
import dev.junction.engine.access.Principal;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The permission table of the panel API: for every {@code /api} route (method and path template), what the caller
 * needs and where. Checked once, centrally, before the handler runs ({@code beforeMatched}), so a handler cannot
 * forget it; a route missing from the table needs {@code admin} on everything (deny by default), and
 * {@code RouteRoleMatrixTest} walks every registered route with every role against this table.
 *
 * <p>Where a rule is about a deployment, the deployment's project and folder decide; an unknown deployment is
 * judged as if it were anywhere the caller holds the permission (the handler then answers 404), so a scoped person
 * learns nothing about deployments outside their scope beyond a 403 they would get anyway.
 */
public final class AccessRules {
    /** Where a rule's permission must be held. */
    public enum Where {
        /** Any signed-in principal (their own profile). */
        SIGNED_IN,
        /** Somewhere: the handler shows only what the principal's grants cover. */
        SOMEWHERE,
        /** On everything ({@code *}): what belongs to no project. */
        EVERYWHERE,
        /** On the deployment in the path's {@code {key}}. */
        DEPLOYMENT,
        /** On the project and folder in the JSON body ({@code project}, {@code folder}). */
        BODY_PLACE,
        /** On the project in the path's {@code {project}}. */
        PROJECT
    }

    public record Rule(Permission permission, Where where) {}

    /** A deployment's place, for rules about a deployment. */
    public record Place(String project, String folder) {}

    private static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        Permission V = Permission.VIEW, E = Permission.EDIT, D = Permission.DEPLOY, A = Permission.ADMIN;
        rule("GET /api/me", V, Where.SIGNED_IN);
        // deployments
        rule("GET /api/deployments", V, Where.SOMEWHERE);
        rule("POST /api/deployments", E, Where.BODY_PLACE);
        rule("POST /api/deployments/import", E, Where.BODY_PLACE);
        for (String read : new String[] {"", "/draft", "/versions", "/versions/{number}", "/diff", "/export", "/checks", "/drl",
                "/routing.csv", "/routing.xlsx", "/analytics", "/variants/{variant}/snippets", "/experiments",
                "/experiments/{rule}"}) {
            rule("GET /api/deployments/{key}" + read, V, Where.DEPLOYMENT);
        }
        rule("PUT /api/deployments/{key}/draft", E, Where.DEPLOYMENT);
        rule("PUT /api/deployments/{key}/draft/routing", E, Where.DEPLOYMENT);
        rule("POST /api/deployments/{key}/simulate", E, Where.DEPLOYMENT);
        // promoting an experiment's winner writes the draft; deploying it is a deploy like any other
        rule("POST /api/deployments/{key}/experiments/{rule}/promote", E, Where.DEPLOYMENT);
        rule("POST /api/deployments/{key}/replay", E, Where.DEPLOYMENT);
        rule("POST /api/deployments/{key}/tests/run", E, Where.DEPLOYMENT);
        // in a project that requires reviews an analyst may request a deploy (a deployer approves it); elsewhere
        // deploying needs deployer: checked below with the deployment's review setting
        rule("POST /api/deployments/{key}/deploy", E, Where.DEPLOYMENT);
        rule("POST /api/deployments/{key}/rollback", E, Where.DEPLOYMENT);
        // reviews: lists and requests filtered by scope; deciding is checked on the request's place by the service
        rule("GET /api/reviews", V, Where.SOMEWHERE);
        rule("GET /api/reviews/{id}", V, Where.SOMEWHERE);
        rule("POST /api/reviews/{id}/approve", D, Where.SOMEWHERE);
        rule("POST /api/reviews/{id}/reject", D, Where.SOMEWHERE);
        rule("POST /api/reviews/{id}/withdraw", E, Where.SOMEWHERE);
        rule("GET /api/projects/{project}/settings", V, Where.PROJECT);
        rule("PUT /api/projects/{project}/settings", A, Where.PROJECT);
        rule("DELETE /api/deployments/{key}/cache", D, Where.DEPLOYMENT);
        // logs: the handlers filter by the deployments a principal may see, and bodies by READ_BODIES
        rule("GET /api/logs", V, Where.SOMEWHERE);
        rule("GET /api/logs/{id}", V, Where.SOMEWHERE);
        rule("PATCH /api/logs/{id}/metadata", E, Where.SOMEWHERE);
        // the model garden is read by whoever edits variants; changed by admins
        rule("GET /api/models", V, Where.SOMEWHERE);
        rule("GET /api/models/{provider}/{model}", V, Where.SOMEWHERE);
        rule("GET /api/providers", V, Where.SOMEWHERE);
        // spend, limits and budgets are about the whole gateway
        rule("GET /api/spend", V, Where.EVERYWHERE);
        rule("GET /api/spend/series", V, Where.EVERYWHERE);
        rule("GET /api/rate-limits", V, Where.EVERYWHERE);
        rule("GET /api/rate-limits/{id}", V, Where.EVERYWHERE);
        rule("GET /api/budgets", V, Where.EVERYWHERE);
        rule("GET /api/budgets/{id}", V, Where.EVERYWHERE);
        // everything else (providers' configuration, model changes, API keys, service accounts, people, limits and
        // budgets changes, the audit trail) needs admin on everything: listed for the matrix test to read
        for (String admin : new String[] {"GET /api/providers/{name}", "PUT /api/providers/{name}", "DELETE /api/providers/{name}",
                "PUT /api/models/{provider}/{model}", "POST /api/models/{provider}/{model}/activate",
                "POST /api/models/{provider}/{model}/deactivate", "GET /api/keys", "POST /api/keys", "GET /api/keys/{id}",
                "PATCH /api/keys/{id}", "DELETE /api/keys/{id}", "GET /api/keys/{id}/quotas", "GET /api/admin-tokens",
                "POST /api/admin-tokens", "DELETE /api/admin-tokens/{id}",
                "POST /api/rate-limits", "PUT /api/rate-limits/{id}", "DELETE /api/rate-limits/{id}", "POST /api/budgets",
                "PUT /api/budgets/{id}", "DELETE /api/budgets/{id}", "GET /api/users", "POST /api/users", "GET /api/users/{id}",
                "PUT /api/users/{id}", "DELETE /api/users/{id}", "POST /api/users/{id}/reset-link",
                "GET /api/audit", "GET /api/audit/export", "GET /api/audit/verify"}) {
            rule(admin, A, Where.EVERYWHERE);
        }
        rule("GET /api/admin-tokens/current", V, Where.SIGNED_IN);
    }

    private static void rule(String route, Permission permission, Where where) {
        RULES.put(route, new Rule(permission, where));
    }

    /** Adds or replaces a rule (features outside this class register theirs at start). */
    public static synchronized void register(String methodAndPath, Permission permission, Where where) {
        rule(methodAndPath, permission, where);
    }

    /** The rule of a route, or the default (admin on everything) when the table has none. */
    public static Rule of(String method, String path) {
        Rule r = RULES.get(method + " " + path);
        return r != null ? r : new Rule(Permission.ADMIN, Where.EVERYWHERE);
    }

    public static boolean listed(String method, String path) {
        return RULES.containsKey(method + " " + path);
    }

    private final Function<String, Optional<Place>> deployments;
    private final ObjectMapper mapper;
    private final java.util.function.Predicate<String> reviewed;

    /** @param deployments the project and folder of a deployment key, when it exists */
    public AccessRules(Function<String, Optional<Place>> deployments, ObjectMapper mapper) {
        this(deployments, mapper, key -> false);
    }

    /** @param reviewed whether deploying a deployment (by key) needs a review, so that an analyst may request it */
    public AccessRules(Function<String, Optional<Place>> deployments, ObjectMapper mapper, java.util.function.Predicate<String> reviewed) {
        this.deployments = deployments;
        this.mapper = mapper;
        this.reviewed = reviewed;
    }

    /** Deploy and rollback: deployer, unless the deployment's deploys are reviewed (then the request is what happens). */
    private boolean deploysDirectly(String route, Context ctx) {
        if (!route.equals("POST /api/deployments/{key}/deploy") && !route.equals("POST /api/deployments/{key}/rollback")) return false;
        String key = ctx.pathParam("key");
        return deployments.apply(key).isPresent() && !reviewed.test(key);
    }

    public void install(RoutesConfig routes) {
        routes.beforeMatched("/api/*", this::check);
    }

    private void check(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        if (endpoint == null || endpoint.method == HandlerType.OPTIONS || endpoint.method == HandlerType.HEAD) return;
        Principal principal = Auth.principal(ctx);
        Rule rule = of(endpoint.method.name(), endpoint.path);
        Permission p = rule.permission();
        boolean allowed = switch (rule.where()) {
            case SIGNED_IN -> true;
            case SOMEWHERE -> principal.canSomewhere(p);
            case EVERYWHERE -> principal.canEverywhere(p);
            case DEPLOYMENT -> deployments.apply(ctx.pathParam("key"))
                    .map(place -> principal.can(p, place.project(), place.folder()))
                    .orElse(principal.canSomewhere(p));
            case PROJECT -> principal.can(p, ctx.pathParam("project"), "");
            case BODY_PLACE -> bodyPlace(ctx).map(place -> principal.can(p, place.project(), place.folder()))
                    .orElse(principal.canSomewhere(p));
        };
        if (!allowed) throw forbidden(principal, p, rule.where(), ctx);
        String route = endpoint.method.name() + " " + endpoint.path;
        if (deploysDirectly(route, ctx)) {
            Place place = deployments.apply(ctx.pathParam("key")).orElseThrow();
            if (!principal.can(Permission.DEPLOY, place.project(), place.folder())) {
                throw forbidden(principal, Permission.DEPLOY, Where.DEPLOYMENT, ctx);
            }
        }
        if (route.equals("PUT /api/deployments/{key}/draft") || route.equals("POST /api/deployments/import")) {
            // a draft or an import may move a deployment: both its place now and the one it moves to must be covered
            Optional<Place> target = bodyPlace(ctx);
            if (target.isPresent() && !principal.can(Permission.EDIT, target.get().project(), target.get().folder())) {
                throw forbidden(principal, Permission.EDIT, Where.BODY_PLACE, ctx);
            }
            Optional<Place> now = route.startsWith("PUT") ? Optional.empty() : bodyKey(ctx).flatMap(deployments);
            if (now.isPresent() && !principal.can(Permission.EDIT, now.get().project(), now.get().folder())) {
                throw forbidden(principal, Permission.EDIT, Where.BODY_PLACE, ctx);
            }
            boolean reviewedImport = bodyKey(ctx).map(k -> deployments.apply(k).isPresent() && reviewed.test(k)).orElse(false);
            if (route.startsWith("POST") && "true".equals(ctx.queryParam("deploy")) && !reviewedImport) {
                for (Optional<Place> place : java.util.List.of(target, now)) {
                    if (place.isPresent() && !principal.can(Permission.DEPLOY, place.get().project(), place.get().folder())) {
                        throw forbidden(principal, Permission.DEPLOY, Where.BODY_PLACE, ctx);
                    }
                }
            }
        }
    }

    private Optional<String> bodyKey(Context ctx) {
        try {
            JsonNode key = mapper.readTree(ctx.body()).path("spec").path("key");
            return key.isTextual() ? Optional.of(key.asText()) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private Optional<Place> bodyPlace(Context ctx) {
        try {
            JsonNode body = mapper.readTree(ctx.body());
            if (body == null || !body.isObject()) return Optional.empty();
            JsonNode spec = body.has("spec") && body.get("spec").isObject() ? body.get("spec") : body;
            String project = spec.path("project").isTextual() && !spec.path("project").asText().isBlank()
                    ? spec.path("project").asText() : "default";
            return Optional.of(new Place(project, spec.path("folder").asText("")));
        } catch (Exception e) {
            return Optional.empty(); // malformed: the handler answers 400
        }
    }

    static ApiError forbidden(Principal principal, Permission p, Where where, Context ctx) {
        String on = switch (where) {
            case DEPLOYMENT -> " on deployment '" + ctx.pathParam("key") + "'";
            case PROJECT -> " on project '" + ctx.pathParam("project") + "'";
            case EVERYWHERE -> " on everything";
            case BODY_PLACE -> " on that project and folder";
            default -> "";
        };
        return new ApiError(403, "'" + principal.name() + "' may not do this: it needs the " + p.wire() + " permission" + on
                + " (role " + p.least().wire() + (p == Permission.READ_BODIES ? " or the bodies permission" : "") + ")",
                null, Map.of("permission", p.wire()));
    }

    /** Whether the principal may see what lives in this project and folder, for handlers that filter lists. */
    public static boolean canSee(Context ctx, Permission p, Place place) {
        return place != null && Auth.principal(ctx).can(p, place.project(), place.folder());
    }
}
