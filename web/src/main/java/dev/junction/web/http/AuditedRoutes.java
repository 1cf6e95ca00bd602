package dev.junction.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.engine.access.AdminTokens;
import dev.junction.engine.access.ApiKeys;
import dev.junction.engine.access.People;
import dev.junction.engine.review.ReviewService;
import dev.junction.engine.catalog.ModelGarden;
import dev.junction.engine.deployment.Deployment;
import dev.junction.engine.deployment.DeploymentService;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.provider.ProviderConnection;
import dev.junction.engine.provider.ProviderConnections;
import dev.junction.engine.spend.QuotaStore;
import dev.junction.store.JooqLogQueries;
import dev.junction.web.audit.AuditCall;
import dev.junction.web.audit.AuditSnapshots;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static io.javalin.http.HandlerType.DELETE;
import static io.javalin.http.HandlerType.PATCH;
import static io.javalin.http.HandlerType.POST;
import static io.javalin.http.HandlerType.PUT;

/**
 * The audit entries of the {@code /api} routes of this package: for each state-changing route, its action, its
 * target and the snapshot of the target's state, taken with the same views the routes answer with (so a snapshot
 * shows what the panel shows), plus the secrets the views leave out where a change of them must show (a provider's
 * API key: the trail redacts it and lists it as changed). Lives beside the routes for their package-private views.
 */
public final class AuditedRoutes {
    private AuditedRoutes() {}

    /** The services whose state the snapshots read. */
    public record Services(DeploymentService deployments, ProviderConnections connections, ApiKeys apiKeys,
                           AdminTokens adminTokens, ModelGarden garden, QuotaStore quotas, JooqLogQueries logs,
                           People people, ReviewService reviews) {}

    public static AuditSnapshots register(AuditSnapshots s, Services x) {
        // deployments: drafts, versions, the active pointer
        s.registerCreate(POST, "/api/deployments", "deployment.create", "deployment",
                c -> c.response().at("/deployment/key").asText(null), null, c -> deploymentState(c, x, c.response().at("/deployment/key").asText()));
        s.registerCreate(POST, "/api/deployments/import", "deployment.import", "deployment",
                c -> c.response().at("/deployment/key").asText(null),
                c -> deploymentState(c, x, c.request().at("/spec/key").asText()),
                c -> deploymentState(c, x, c.response().at("/deployment/key").asText()));
        s.register(PUT, "/api/deployments/{key}/draft", "deployment.draft.save", "deployment", c -> c.param("key"),
                c -> c.tree(DeploymentRoutes.draft(x.deployments().draft(c.param("key")))));
        s.register(PUT, "/api/deployments/{key}/draft/routing", "deployment.draft.routing.replace", "deployment", c -> c.param("key"),
                c -> c.tree(DeploymentRoutes.draft(x.deployments().draft(c.param("key")))));
        s.register(POST, "/api/deployments/{key}/experiments/{rule}/promote", "deployment.experiment.promote", "deployment",
                c -> c.param("key"), c -> c.tree(DeploymentRoutes.draft(x.deployments().draft(c.param("key")))));
        s.register(POST, "/api/deployments/{key}/deploy", "deployment.deploy", "deployment", c -> c.param("key"),
                c -> active(c, x, c.param("key")));
        s.register(POST, "/api/deployments/{key}/rollback", "deployment.rollback", "deployment", c -> c.param("key"),
                c -> active(c, x, c.param("key")));
        s.register(DELETE, "/api/deployments/{key}/cache", "deployment.cache.clear", "deployment", c -> c.param("key"),
                c -> null, AuditCall::response);
        s.readOnly(POST, "/api/deployments/{key}/simulate", "a simulation stores nothing (with \"invoke\": true the request is in the request log, source Simulator)");
        s.readOnly(POST, "/api/deployments/{key}/tests/run", "runs the routing tests; stores nothing");
        s.readOnly(POST, "/api/deployments/{key}/replay", "replays logged traffic through a router; stores nothing");

        // providers: the key itself is in the snapshot only to be compared, and is redacted before it is stored
        s.register(PUT, "/api/providers/{name}", "provider.save", "provider", c -> c.param("name"), c -> provider(c, x));
        s.register(DELETE, "/api/providers/{name}", "provider.delete", "provider", c -> c.param("name"), c -> provider(c, x));

        // model garden
        AuditSnapshots.Snapshot model = c -> c.tree(ModelGardenRoutes.json(x.garden().find(c.param("provider"), c.param("model")).orElseThrow()));
        s.register(PUT, "/api/models/{provider}/{model}", "model.save", "model", AuditedRoutes::modelId, model);
        s.register(POST, "/api/models/{provider}/{model}/activate", "model.activate", "model", AuditedRoutes::modelId, model);
        s.register(POST, "/api/models/{provider}/{model}/deactivate", "model.deactivate", "model", AuditedRoutes::modelId, model);

        // API keys and admin tokens: never the key or token (the create answer's is dropped; redaction would catch it too)
        s.registerCreate(POST, "/api/keys", "api_key.create", "api_key", c -> c.response().path("id").asText(null), null,
                c -> without(c.response(), "key"));
        s.register(DELETE, "/api/keys/{id}", "api_key.revoke", "api_key", c -> c.param("id"),
                c -> c.tree(x.apiKeys().list().stream().filter(k -> k.id().toString().equals(c.param("id")))
                        .findFirst().map(k -> ApiKeysRoutes.view(x.apiKeys(), k)).orElseThrow()));
        s.register(PATCH, "/api/keys/{id}", "api_key.update", "api_key", c -> c.param("id"),
                c -> c.tree(x.apiKeys().list().stream().filter(k -> k.id().toString().equals(c.param("id")))
                        .findFirst().map(k -> ApiKeysRoutes.view(x.apiKeys(), k)).orElse(null)));
        s.registerCreate(POST, "/api/admin-tokens", "admin_token.create", "admin_token", c -> c.response().path("id").asText(null), null,
                c -> without(c.response(), "token"));
        s.register(DELETE, "/api/admin-tokens/{id}", "admin_token.revoke", "admin_token", c -> c.param("id"),
                c -> c.tree(x.adminTokens().list().stream().filter(t -> t.id().toString().equals(c.param("id")))
                        .findFirst().map(AdminTokensRoutes::view).orElseThrow()));

        // people and their grants (an invitation's or reset's link is never kept: the answer's link is dropped)
        s.registerCreate(POST, "/api/users", "user.invite", "user", c -> c.response().at("/user/id").asText(null), null,
                c -> c.response().get("user"));
        AuditSnapshots.Snapshot person = c -> x.people().find(UUID.fromString(c.param("id"))).map(u -> c.tree(PeopleRoutes.view(u))).orElse(null);
        s.register(PUT, "/api/users/{id}", "user.update", "user", c -> c.param("id"), person);
        s.register(DELETE, "/api/users/{id}", "user.delete", "user", c -> c.param("id"), person);
        s.register(POST, "/api/users/{id}/reset-link", "user.reset_link", "user", c -> c.param("id"), c -> null,
                c -> without(without(c.response(), "token"), "url"));

        // deploy reviews and the projects' review setting (a request made by deploy or rollback is in their entries)
        AuditSnapshots.Snapshot review = c -> c.tree(ReviewJson.review(x.reviews().get(UUID.fromString(c.param("id"))), false));
        s.register(POST, "/api/reviews/{id}/approve", "deploy_review.approve", "deploy_review", c -> c.param("id"), review);
        s.register(POST, "/api/reviews/{id}/reject", "deploy_review.reject", "deploy_review", c -> c.param("id"), review);
        s.register(POST, "/api/reviews/{id}/withdraw", "deploy_review.withdraw", "deploy_review", c -> c.param("id"), review);
        s.register(PUT, "/api/projects/{project}/settings", "project.settings.update", "project", c -> c.param("project"),
                c -> c.tree(ReviewJson.settings(x.reviews().settings(c.param("project")))));

        // rate limits and budgets
        s.registerCreate(POST, "/api/rate-limits", "rate_limit.create", "rate_limit", c -> c.response().path("id").asText(null), null,
                AuditCall::response);
        s.register(PUT, "/api/rate-limits/{id}", "rate_limit.update", "rate_limit", c -> c.param("id"),
                c -> c.tree(QuotaJson.view(x.quotas().limit(UUID.fromString(c.param("id"))).orElseThrow())));
        s.register(DELETE, "/api/rate-limits/{id}", "rate_limit.delete", "rate_limit", c -> c.param("id"),
                c -> c.tree(QuotaJson.view(x.quotas().limit(UUID.fromString(c.param("id"))).orElseThrow())));
        s.registerCreate(POST, "/api/budgets", "budget.create", "budget", c -> c.response().path("id").asText(null), null,
                AuditCall::response);
        s.register(PUT, "/api/budgets/{id}", "budget.update", "budget", c -> c.param("id"),
                c -> c.tree(QuotaJson.view(x.quotas().budget(UUID.fromString(c.param("id"))).orElseThrow())));
        s.register(DELETE, "/api/budgets/{id}", "budget.delete", "budget", c -> c.param("id"),
                c -> c.tree(QuotaJson.view(x.quotas().budget(UUID.fromString(c.param("id"))).orElseThrow())));

        // a logged request's metadata (the request's own content is not copied into the trail)
        s.register(PATCH, "/api/logs/{id}/metadata", "log.metadata.update", "request_log", c -> c.param("id"),
                c -> c.tree(Map.of("metadata", x.logs().find(LogsRoutes.id(c.param("id"), "id")).orElseThrow()
                        .getOrDefault("metadata", Map.of()))));
        return s;
    }

    private static String modelId(AuditCall c) {
        return c.param("provider") + "/" + c.param("model");
    }

    /** A deployment's summary and draft (null when there is none: before a create). */
    private static JsonNode deploymentState(AuditCall c, Services x, String key) {
        if (key == null || key.isEmpty() || !x.deployments().exists(key)) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deployment", DeploymentRoutes.summary(x.deployments().get(key)));
        m.put("draft", DeploymentRoutes.draft(x.deployments().draft(key)));
        return c.tree(m);
    }

    /** What is live: the active version's number, label and content hash. */
    private static JsonNode active(AuditCall c, Services x, String key) {
        Deployment d = x.deployments().get(key);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("activeVersion", d.activeVersion());
        if (d.activeVersion() != null) {
            DeploymentVersion v = x.deployments().version(key, d.activeVersion());
            m.put("label", v.label());
            m.put("contentHash", v.contentHash());
            if (v.sourceVersion() != null) m.put("rollbackOf", v.sourceVersion());
        }
        m.put("draftRevision", d.draftRevision());
        return c.tree(m);
    }

    private static JsonNode provider(AuditCall c, Services x) {
        ProviderConnection p = x.connections().find(c.param("name")).orElse(null);
        if (p == null) return null;
        ObjectNode node = (ObjectNode) c.tree(ProviderRoutes.json(p));
        node.remove("updatedAt"); // changes on every save, says nothing
        node.put("apiKey", p.apiKey()); // compared, then redacted by the trail
        return node;
    }

    private static JsonNode without(JsonNode response, String field) {
        if (!(response instanceof ObjectNode o)) return null;
        ObjectNode copy = o.deepCopy();
        copy.remove(field);
        return copy;
    }
}
