package dev.junction.web.http;

import dev.junction.engine.deployment.Variant;
import dev.junction.engine.invoke.ActiveDeployment;
import dev.junction.engine.invoke.ActiveDeployments;
import dev.junction.web.snippets.Snippets;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/deployments/{key}/variants/{variant}/snippets}: Python, Node and cURL code that calls this variant
 * of the live version, pointed at this gateway as the caller reached it (the request's Host).
 */
public final class SnippetsRoutes implements Routes {
    private final ActiveDeployments deployments;

    public SnippetsRoutes(ActiveDeployments deployments) {
        this.deployments = deployments;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/deployments/{key}/variants/{variant}/snippets", this::snippets);
    }

    public void snippets(Context ctx) {
        String key = ctx.pathParam("key");
        String variantKey = ctx.pathParam("variant");
        ActiveDeployment active = deployments.get(key).orElseThrow(() ->
                new ApiError(404, "deployment '" + key + "' not found", null, Map.of("key", key)));
        Variant variant = active.version().spec().variant(variantKey).orElseThrow(() ->
                new ApiError(404, "deployment '" + key + "' has no variant '" + variantKey + "' in its live version "
                        + active.version().label(), null, Map.of("variant", variantKey)));
        Snippets.Result result = Snippets.generate(active.version().spec(), active.version().label(), active.router(),
                variant, baseUrl(ctx));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("python", result.python());
        answer.put("node", result.node());
        answer.put("curl", result.curl());
        answer.put("context", result.context());
        answer.put("inputs", result.inputs());
        answer.put("routable", result.routable());
        answer.put("version", active.version().label());
        ctx.json(answer);
    }

    /** The base URL the caller used to reach this gateway. */
    static String baseUrl(Context ctx) {
        String host = ctx.host();
        if (host == null || host.isBlank()) host = "127.0.0.1:" + ctx.port();
        return ctx.scheme() + "://" + host;
    }
}
