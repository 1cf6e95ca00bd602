package dev.junction.web.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.access.ApiKeys;
import dev.junction.engine.invoke.InvokeRequest;
import dev.junction.engine.invoke.InvokeResult;
import dev.junction.engine.invoke.InvokeService;
import dev.junction.engine.invoke.InvokeStreamListener;
import dev.junction.engine.invoke.Source;
import dev.junction.engine.invoke.StreamTruncatedException;
import dev.junction.engine.provider.StreamCancelledException;
import dev.junction.web.orq.OrqInvokeResponse;
import dev.junction.web.orq.OrqRequests;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /v2/deployments/invoke} and {@code POST /v2/deployments/stream}, in the Orquesta wire format. Parse,
 * invoke, answer. Every answer says the gateway's own added time in {@code X-Junction-Overhead-Ms}: the request's
 * time in the gateway minus the time from the first provider call to the end of the last (for a stream, up to the
 * first byte it sends).
 * <p>A stream sends nothing until the first piece of text, so a request whose every option fails before it gets the
 * same JSON error and status as an invoke. Then one {@code data:} chunk per piece (the Orquesta chunk, text as
 * deltas), a final chunk with the finish reason and usage, and {@code data: [DONE]}. If the provider fails after the
 * first piece, the stream ends with {@code event: error} and a {@code data:} of {@code {"error": {...}}} and no
 * {@code [DONE]}: the official SDK throws on it rather than taking a partial answer for a whole one.
 */
public final class InvokeHandler implements Routes {
    private final ApiKeys apiKeys;
    private final OrqRequests requests;
    private final InvokeService invokeService;
    private final Clock clock;
    private final ObjectMapper mapper;

    public InvokeHandler(ApiKeys apiKeys, OrqRequests requests, InvokeService invokeService, Clock clock, ObjectMapper mapper) {
        this.apiKeys = apiKeys;
        this.requests = requests;
        this.invokeService = invokeService;
        this.clock = clock;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/v2/deployments/invoke", this::invoke);
        routes.post("/v2/deployments/stream", this::stream);
    }

    public void invoke(Context ctx) {
        long start = System.nanoTime();
        try {
            UUID apiKey = Auth.requireApiKey(ctx, apiKeys::idOf);
            OrqRequests.Parsed parsed = requests.parse(ctx.body(), sourceOf(ctx)).withApiKey(apiKey);
            if (parsed.stream()) {
                stream(ctx, parsed.request(), start);
                return;
            }
            InvokeResult result = invokeService.invoke(parsed.request());
            byte[] body = json(OrqInvokeResponse.from(result, clock.instant().toString(),
                    parsed.request().options().usageInAnswer()));
            headers(result.id().toString(), result.decision().variant(), result.version().label()).forEach(ctx::header);
            ctx.header(JunctionHeaders.OVERHEAD, millis((System.nanoTime() - start) / 1_000 - result.providerMicros()));
            JsonAnswer.write(ctx, body);
        } catch (RuntimeException e) {
            JunctionHeaders.onFailure(ctx, start, e);
            throw e; // http.Errors answers
        }
    }

    public void stream(Context ctx) {
        long start = System.nanoTime();
        try {
            UUID apiKey = Auth.requireApiKey(ctx, apiKeys::idOf);
            stream(ctx, requests.parse(ctx.body(), sourceOf(ctx)).withApiKey(apiKey).request(), start);
        } catch (RuntimeException e) {
            JunctionHeaders.onFailure(ctx, start, e);
            throw e;
        }
    }

    private void stream(Context ctx, InvokeRequest request, long start) {
        SseWriter sse = new SseWriter(ctx, mapper);
        InvokeStreamListener.Start[] started = new InvokeStreamListener.Start[1];
        try {
            InvokeResult result = invokeService.stream(request, new InvokeStreamListener() {
                @Override
                public void start(Start s) {
                    started[0] = s;
                    Map<String, String> headers = headers(s.id().toString(), s.decision().variant(), s.version().label());
                    headers.put(JunctionHeaders.OVERHEAD, millis((s.callStartNanos() - start) / 1_000));
                    sse.open(headers);
                }

                @Override
                public void delta(String text) {
                    sse.data(OrqInvokeResponse.delta(started[0], text));
                }
            });
            if (!sse.isOpen()) { // an answer with no text at all: still a stream
                sse.open(headers(result.id().toString(), result.decision().variant(), result.version().label()));
            }
            sse.data(OrqInvokeResponse.finalChunk(result, clock.instant().toString(),
                    request.options().usageInAnswer()));
            sse.done();
        } catch (StreamTruncatedException e) {
            try {
                sse.event("error", Map.of("error", Map.of("code", "stream_truncated", "message", e.getMessage(),
                        "request_id", e.requestId().toString(), "reason", e.failure().reason())));
            } catch (StreamCancelledException gone) {
                // the client left as well: nobody to tell, and the request is logged as truncated
            }
        } catch (StreamCancelledException e) {
            // the client is gone: the upstream call was abandoned and the request logged as cancelled
        }
    }

    private static Map<String, String> headers(String id, String variant, String version) {
        return JunctionHeaders.of(id, variant, version);
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String millis(long micros) {
        return JunctionHeaders.millis(micros);
    }

    /** The official SDKs are Speakeasy-generated and say so in their user agent. */
    static Source sourceOf(Context ctx) {
        String agent = ctx.userAgent();
        if (agent != null && (agent.contains("speakeasy-sdk") || agent.contains("@orq-ai/"))) return Source.SDK;
        return Source.API;
    }
}
