package dev.junction.web.http;

import dev.junction.engine.access.ApiKeyAccess;
import dev.junction.engine.access.ApiKeys;
import dev.junction.engine.invoke.ConfigService;
import dev.junction.engine.invoke.ResolvedConfig;
import dev.junction.web.orq.OrqConfigResponse;
import dev.junction.web.orq.OrqRequests;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code POST /v2/deployments/get_config}, in the Orquesta wire format: the configuration a context would be served
 * with (variant, model, filled prompt, parameters, tools), without calling a model. Parse, resolve, answer. The API
 * key's scope holds here as on invoke (403 outside it).
 */
public final class ConfigRoutes implements Routes {
    private final ApiKeys apiKeys;
    private final OrqRequests requests;
    private final ConfigService configs;

    public ConfigRoutes(ApiKeys apiKeys, OrqRequests requests, ConfigService configs) {
        this.apiKeys = apiKeys;
        this.requests = requests;
        this.configs = configs;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/v2/deployments/get_config", this::getConfig);
    }

    public void getConfig(Context ctx) {
        ApiKeyAccess key = ApiKeyAuth.require(ctx, apiKeys);
        ResolvedConfig config = configs.resolve(requests.parse(ctx.body(), InvokeRoutes.sourceOf(ctx)).request().withCaller(key));
        ctx.header("X-Junction-Variant", config.variant().key());
        ctx.header("X-Junction-Deployment-Version", config.version().label());
        ctx.json(OrqConfigResponse.from(config));
    }
}
