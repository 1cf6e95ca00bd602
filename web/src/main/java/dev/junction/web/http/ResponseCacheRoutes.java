package dev.junction.web.http;

import dev.junction.engine.cache.AnswerCache;
import dev.junction.engine.deployment.DeploymentService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code DELETE /api/deployments/{key}/cache}: drops every cached answer of the deployment, in the shared tier and in
 * the memory of every instance (the others are told through the database), and answers how many entries were
 * removed: {@code {"deployment": key, "removed": n}}. Admin token required (HttpServer); 404 for an unknown
 * deployment.
 */
public final class ResponseCacheRoutes implements Routes {
    private final AnswerCache cache;
    private final DeploymentService deployments;

    public ResponseCacheRoutes(AnswerCache cache, DeploymentService deployments) {
        this.cache = cache;
        this.deployments = deployments;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.delete("/api/deployments/{key}/cache", this::invalidate);
    }

    private void invalidate(Context ctx) {
        String key = ctx.pathParam("key");
        deployments.get(key); // 404 for an unknown deployment
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("deployment", key);
        answer.put("removed", cache.invalidate(key));
        ctx.json(answer);
    }
}
