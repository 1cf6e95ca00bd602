package dev.junction.web.http;

import dev.junction.engine.access.ApiKeyScope;
import dev.junction.engine.access.ApiKeys;
import dev.junction.engine.deployment.Deployment;
import dev.junction.engine.deployment.DeploymentQuery;
import dev.junction.engine.deployment.DeploymentService;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.invoke.ActiveDeployment;
import dev.junction.engine.invoke.ActiveDeployments;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.Providers;
import dev.junction.web.orq.OrqPromptConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /v2/deployments}, the Orquesta SDK's {@code deployments.list}: the deployments that have a live
 * version, oldest first (ids are time-ordered), with cursor pagination by id ({@code starting_after},
 * {@code ending_before}) and {@code limit} 1 to 50 (default 10). The prompt configuration is the default variant's.
 * A scoped API key sees only the deployments in its scope.
 */
public final class OrqDeploymentsRoutes implements Routes {
    private final ApiKeys apiKeys;
    private final DeploymentService deployments;
    private final ActiveDeployments active;
    private final Providers providers;

    public OrqDeploymentsRoutes(ApiKeys apiKeys, DeploymentService deployments, ActiveDeployments active, Providers providers) {
        this.apiKeys = apiKeys;
        this.deployments = deployments;
        this.active = active;
        this.providers = providers;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/v2/deployments", this::list);
    }

    private void list(Context ctx) {
        ApiKeyScope scope = ApiKeyAuth.require(ctx, apiKeys).scope();
        int limit = limit(ctx.queryParam("limit"));
        String after = ctx.queryParam("starting_after");
        String before = ctx.queryParam("ending_before");
        List<Map.Entry<Deployment, ActiveDeployment>> live = new ArrayList<>();
        for (Deployment d : deployments.list(DeploymentQuery.ALL)) {
            active.get(d.key())
                    .filter(a -> scope.covers(d.key(), a.version().spec().project(), a.version().spec().folder()))
                    .ifPresent(a -> live.add(Map.entry(d, a)));
        }
        live.sort(Comparator.comparing(e -> e.getKey().id()));
        List<Map.Entry<Deployment, ActiveDeployment>> window = live;
        boolean hasMore;
        if (before != null) {
            List<Map.Entry<Deployment, ActiveDeployment>> older = live.stream().filter(e -> e.getKey().id().toString().compareTo(before) < 0).toList();
            hasMore = older.size() > limit;
            window = older.subList(Math.max(0, older.size() - limit), older.size());
        } else {
            List<Map.Entry<Deployment, ActiveDeployment>> newer = after == null ? live
                    : live.stream().filter(e -> e.getKey().id().toString().compareTo(after) > 0).toList();
            hasMore = newer.size() > limit;
            window = newer.subList(0, Math.min(limit, newer.size()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "list");
        body.put("data", window.stream().map(e -> item(e.getKey(), e.getValue().version())).toList());
        body.put("has_more", hasMore);
        ctx.json(body);
    }

    private Map<String, Object> item(Deployment d, DeploymentVersion version) {
        Variant variant = version.spec().variant(version.spec().routing().defaultVariant()).orElseThrow();
        String provider = providers.find(variant.primary().provider()).map(ProviderAdapter::orqProvider).orElse("openailike");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.id().toString());
        m.put("created", d.createdAt().toString());
        m.put("updated", version.createdAt().toString());
        m.put("key", d.key());
        m.put("description", version.spec().description());
        m.put("version", version.label());
        m.put("prompt_config", OrqPromptConfig.of(variant, provider));
        return m;
    }

    private static int limit(String value) {
        if (value == null) return 10;
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 50) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw ApiError.badRequest("limit", "must be a whole number from 1 to 50");
    }
}
