package dev.junction.web.http;

import dev.junction.engine.invoke.Source;
import dev.junction.web.orq.OrqInvokeResponse;
import dev.junction.web.orq.OrqRequests;
import dev.junction.web.orq.OrqStreamEncoder;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;

/**
 * {@code POST /v2/deployments/invoke} and {@code POST /v2/deployments/stream}, in the Orquesta wire format: parse
 * ({@link OrqRequests}), then answer through the core both front doors share ({@link InvokeResponder}), as an
 * {@link OrqInvokeResponse} or a stream of them ({@link OrqStreamEncoder}). {@code "stream": true} on invoke streams
 * too. Every answer says the gateway's own added time in {@code X-Junction-Overhead-Ms}. The response cache's mode comes
 * in the header {@code X-Junction-Cache} ({@link CacheHeader}): the official SDK strips unknown members of
 * {@code invoke_options}, so there is no body field for it.
 */
public final class InvokeRoutes implements Routes {
    private final OrqRequests requests;
    private final InvokeResponder responder;
    private final Clock clock;

    public InvokeRoutes(OrqRequests requests, InvokeResponder responder, Clock clock) {
        this.requests = requests;
        this.responder = responder;
        this.clock = clock;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/v2/deployments/invoke", ctx -> serve(ctx, false));
        routes.post("/v2/deployments/stream", ctx -> serve(ctx, true));
    }

    private void serve(Context ctx, boolean streamEndpoint) {
        responder.serve(ctx, (apiKey, start) -> {
            OrqRequests.Parsed parsed = requests.parse(ctx.body(), sourceOf(ctx)).withCaller(apiKey);
            var request = CacheHeader.apply(ctx, parsed.request());
            boolean withUsage = request.options().usageInAnswer();
            if (streamEndpoint || parsed.stream()) {
                responder.stream(ctx, start, request, new OrqStreamEncoder(clock, withUsage));
            } else {
                responder.answer(ctx, start, request, result -> OrqInvokeResponse.from(result, clock.instant().toString(), withUsage));
            }
        });
    }

    /** The official SDKs are Speakeasy-generated and say so in their user agent. */
    static Source sourceOf(Context ctx) {
        String agent = ctx.userAgent();
        if (agent != null && (agent.contains("speakeasy-sdk") || agent.contains("@orq-ai/"))) return Source.SDK;
        return Source.API;
    }
}
