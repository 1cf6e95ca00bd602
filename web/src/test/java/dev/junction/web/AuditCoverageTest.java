package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.web.audit.AuditSnapshots;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every state-changing /api route of a real gateway has an explicit audit entry (its action, target and snapshots,
 * or a reason it changes nothing), so a route added without one fails the build here; and no entry names a route
 * that does not exist (a renamed route would silently fall back to the generic entry).
 */
class AuditCoverageTest {
    private static final Set<HandlerType> CHANGES = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

    @RegisterExtension
    static final LiveGateway live = new LiveGateway("audit-coverage-admin-0123456789");

    @Test
    void every_mutating_api_route_has_an_audit_entry_and_every_entry_a_route() {
        Set<String> routes = new TreeSet<>();
        for (ParsedEndpoint parsed : live.gateway().http().unsafe.internalRouter.allHttpHandlers()) {
            Endpoint e = parsed.endpoint;
            if (CHANGES.contains(e.method) && e.path.startsWith("/api/")) routes.add(e.method.name() + " " + e.path);
        }
        assertThat(routes).as("the walk sees the routes").contains("PUT /api/providers/{name}", "POST /api/deployments/{key}/deploy");

        Set<String> entries = new TreeSet<>();
        for (AuditSnapshots.Entry e : live.gateway().audit().snapshots().entries()) entries.add(e.method().name() + " " + e.path());
        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(entries);
        assertThat(missing).as("mutating /api routes without an audit entry (AuditSnapshots.register in their wiring)").isEmpty();
        Set<String> stale = new TreeSet<>(entries);
        stale.removeAll(routes);
        assertThat(stale).as("audit entries for routes that are not registered").isEmpty();
    }
}
