package dev.junction.web.http;

import dev.junction.engine.access.ApiKeys;
import dev.junction.engine.invoke.InvokeResult;
import dev.junction.engine.invoke.InvokeService;
import dev.junction.engine.invoke.Source;
import dev.junction.web.orq.OrqInvokeResponse;
import dev.junction.web.orq.OrqRequests;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;

/** {@code POST /v2/deployments/invoke}, in the Orquesta wire format. Parse, invoke, answer. */
public final class InvokeHandler implements Routes {
    private final ApiKeys apiKeys;
    private final OrqRequests requests;
    private final InvokeService invokeService;
    private final Clock clock;

    public InvokeHandler(ApiKeys apiKeys, OrqRequests requests, InvokeService invokeService, Clock clock) {
        this.apiKeys = apiKeys;
        this.requests = requests;
        this.invokeService = invokeService;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/v2/deployments/invoke", this::invoke);
    }

    public void invoke(Context ctx) {
        Auth.require(ctx, apiKeys::verify, "API key");
        InvokeResult result = invokeService.invoke(requests.parse(ctx.body(), sourceOf(ctx)));
        ctx.header("X-Junction-Request-Id", result.id().toString());
        ctx.header("X-Junction-Variant", result.decision().variant());
        ctx.header("X-Junction-Deployment-Version", result.version().label());
        ctx.json(OrqInvokeResponse.from(result, clock.instant().toString()));
    }

    /** The official SDKs are Speakeasy-generated and say so in their user agent. */
    static Source sourceOf(Context ctx) {
        String agent = ctx.userAgent();
        if (agent != null && (agent.contains("speakeasy-sdk") || agent.contains("@orq-ai/"))) return Source.SDK;
        return Source.API;
    }
}
