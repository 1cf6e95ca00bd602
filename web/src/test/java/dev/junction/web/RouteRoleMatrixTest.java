package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.access.Grant;
import dev.junction.engine.access.Permission;
import dev.junction.engine.access.Principal;
import dev.junction.engine.access.Role;
import dev.junction.web.http.AccessRules;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every registered {@code /api} route, called by every role (on everything, and an analyst and a deployer scoped to
 * a project the demo deployment is not in), answers as the permission table says: 403 when the table refuses, and
 * anything but 401/403 when it allows (the handler may still find the request wrong: 400, 404, 422). A route the
 * table does not list fails the test, so a new route cannot be added without deciding who may call it.
 */
class RouteRoleMatrixTest {
    static final String ADMIN = "matrix-bootstrap-token";
    static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    record Caller(String label, Grant grant, String token) {}

    private static Caller caller(String label, Role role, String scope, boolean bodies) {
        String body = "{\"name\":\"" + label + "\",\"role\":\"" + role.wire() + "\",\"scope\":\"" + scope + "\",\"bodies\":" + bodies + "}";
        TestClient.Response r = live.client().post("/api/admin-tokens", ADMIN, body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new Caller(label, new Grant(role, scope, bodies), r.json().get("token").asText());
    }

    /** The path with its parameters filled: the demo deployment (project "default"), ids that name nothing. */
    private static String fill(String template) {
        return template.replace("{key}", "customer-support").replace("{number}", "1").replace("{variant}", "english")
                .replace("{id}", UUID.randomUUID().toString()).replace("{name}", "no-such-provider")
                .replace("{provider}", "openai").replace("{model}", "no-such-model").replace("{project}", "default").replace("{rule}", "no-such-rule");
    }

    private static boolean allowed(Principal p, AccessRules.Rule rule) {
        Permission perm = rule.permission();
        return switch (rule.where()) {
            case SIGNED_IN -> true;
            case SOMEWHERE -> p.canSomewhere(perm);
            case EVERYWHERE -> p.canEverywhere(perm);
            case DEPLOYMENT, BODY_PLACE, PROJECT -> p.can(perm, "default", "");
        };
    }

    @Test
    void every_api_route_answers_every_role_as_the_permission_table_says() {
        List<Caller> callers = List.of(
                caller("viewer", Role.VIEWER, "*", false),
                caller("analyst", Role.ANALYST, "*", false),
                caller("deployer", Role.DEPLOYER, "*", false),
                caller("admin", Role.ADMIN, "*", true),
                caller("analyst-elsewhere", Role.ANALYST, "billing", false),
                caller("deployer-elsewhere", Role.DEPLOYER, "billing/eu", true));
        List<Endpoint> routes = new ArrayList<>();
        for (ParsedEndpoint parsed : live.gateway().http().unsafe.internalRouter.allHttpHandlers()) {
            Endpoint e = parsed.endpoint;
            if (e.path.startsWith("/api/") && METHODS.contains(e.method.name())) routes.add(e);
        }
        assertThat(routes).hasSizeGreaterThan(50);
        List<String> unlisted = routes.stream().filter(e -> !AccessRules.listed(e.method.name(), e.path))
                .map(e -> e.method.name() + " " + e.path).toList();
        assertThat(unlisted).as("routes without a line in AccessRules").isEmpty();

        Map<String, String> wrong = new LinkedHashMap<>();
        int calls = 0;
        // deletes last, admins last: what a permitted call changes must not change what the next caller meets
        routes.sort((a, b) -> Boolean.compare(a.method.name().equals("DELETE"), b.method.name().equals("DELETE")));
        for (Endpoint e : routes) {
            AccessRules.Rule rule = AccessRules.of(e.method.name(), e.path);
            for (Caller c : callers) {
                if (e.path.equals("/api/admin-tokens/{id}") && e.method.name().equals("DELETE")) continue; // would revoke callers
                Principal p = new Principal(Principal.Kind.SERVICE, c.label(), c.label(), List.of(c.grant()));
                boolean expected = allowed(p, rule);
                if (e.path.equals("/api/deployments/{key}/deploy") || e.path.equals("/api/deployments/{key}/rollback")) {
                    expected = p.can(Permission.DEPLOY, "default", ""); // the demo's project does not require reviews
                }
                String body = e.method.name().equals("GET") || e.method.name().equals("DELETE") ? null : "{}";
                TestClient.Response r = live.client().request(e.method.name(), fill(e.path),
                        Map.of("Authorization", "Bearer " + c.token()), body);
                calls++;
                boolean refused = r.status() == 403 || r.status() == 401;
                if (expected == refused || (!expected && r.status() != 403)) {
                    wrong.put(e.method.name() + " " + e.path + " as " + c.label(),
                            "expected " + (expected ? "allowed" : "403") + ", got " + r.status() + " " + r.body());
                }
            }
        }
        assertThat(wrong).as("answers against the permission table (" + calls + " calls)").isEmpty();
    }
}
