package dev.junction.web.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.access.ApiKeyAccess;
import dev.junction.engine.access.ApiKeys;
import dev.junction.engine.invoke.InvokeRequest;
import dev.junction.engine.invoke.InvokeResult;
import dev.junction.engine.invoke.InvokeService;
import dev.junction.engine.invoke.InvokeStreamListener;
import dev.junction.engine.invoke.StreamTruncatedException;
import dev.junction.engine.provider.StreamCancelledException;
import dev.junction.engine.provider.StreamPiece;
import dev.junction.engine.spend.QuotaExceededException;
import io.javalin.http.Context;
import java.util.Map;
import java.util.function.Function;

/**
 * The core both invoke front doors (Orquesta's {@code /v2/deployments/invoke|stream}, OpenAI's
 * {@code /v1/chat/completions}) answer through; a wire format only parses its body and encodes its answer.
 * <ul>
 *   <li>{@link #serve}: the API key (its scope goes with the request to the engine), and on any failure (a 429 of a rate limit or budget counted in {@link QuotaRefusals}) the headers of {@link JunctionHeaders#onFailure} (the error
 *       body itself is {@code http.Errors}' job);</li>
 *   <li>{@link #answer}: a whole answer as JSON, with the request id, variant, version,
 *       {@code X-Junction-Overhead-Ms} (the time in the gateway minus the provider calls'), when the variant
 *       caches, {@code X-Junction-Cache} ({@link CacheHeader}; a stream has it too), and under a rate limit
 *       OpenAI's {@code x-ratelimit-*} headers ({@link InvokeResult#rateLimits()}; a stream's too);</li>
 *   <li>{@link #stream}: server-sent events. Nothing is sent before the first piece (of text, a tool call or
 *       reasoning: any piece counts), so a request whose every option fails before it gets the same JSON error and
 *       status as a whole answer. Then the headers (the {@code x-ratelimit-*} ones from the stream's start, the overhead
 *       counted up to the first provider call), the encoder's opening chunks, one chunk per piece, its closing chunks
 *       and {@code data: [DONE]}; an answer with no piece at all is still such a stream, its overhead the request's
 *       time minus the provider calls'. If the provider fails after the first piece, the encoder's error event ends
 *       the stream with no {@code [DONE]}, so that the SDKs throw rather than take a partial answer for a whole one.
 *       A client that goes away cancels the upstream call (the request is logged as cancelled).</li>
 * </ul>
 */
public final class InvokeResponder {
    /** One request of a front door, given the caller's API key and {@link System#nanoTime()} at its start. */
    @FunctionalInterface
    public interface Exchange {
        void run(ApiKeyAccess apiKey, long startNanos);
    }

    private final ApiKeys apiKeys;
    private final InvokeService invokeService;
    private final ObjectMapper mapper;
    private final QuotaRefusals refusals;

    public InvokeResponder(ApiKeys apiKeys, InvokeService invokeService, ObjectMapper mapper, QuotaRefusals refusals) {
        this.apiKeys = apiKeys;
        this.invokeService = invokeService;
        this.mapper = mapper;
        this.refusals = refusals;
    }

    /** Checks the API key, then runs {@code exchange}; a failure gets its headers before it is rethrown. */
    public void serve(Context ctx, Exchange exchange) {
        long start = System.nanoTime();
        try {
            exchange.run(ApiKeyAuth.require(ctx, apiKeys), start);
        } catch (RuntimeException e) {
            if (e instanceof QuotaExceededException refused) refusals.count(refused);
            JunctionHeaders.onFailure(ctx, start, e);
            throw e; // http.Errors answers, in the shape of the door the path belongs to
        }
    }

    /** Invokes, then answers {@code encoder}'s body of the result as JSON. */
    public void answer(Context ctx, long startNanos, InvokeRequest request, Function<InvokeResult, Object> encoder) {
        InvokeResult result = invokeService.invoke(request);
        byte[] body = json(encoder.apply(result));
        JunctionHeaders.of(result.id().toString(), result.decision().variant(), result.version().label(), result.cache()).forEach(ctx::header);
        if (result.rateLimits() != null) result.rateLimits().headers().forEach(ctx::header);
        ctx.header(JunctionHeaders.OVERHEAD, JunctionHeaders.millis((System.nanoTime() - startNanos) / 1_000 - result.providerMicros()));
        JsonAnswer.write(ctx, body);
    }

    /** Invokes as a stream, each chunk spelled by {@code encoder}. */
    public void stream(Context ctx, long startNanos, InvokeRequest request, StreamEncoder encoder) {
        SseWriter sse = new SseWriter(ctx, mapper);
        try {
            InvokeResult result = invokeService.stream(request, new InvokeStreamListener() {
                @Override
                public void start(Start start) {
                    open(sse, encoder, start, (start.callStartNanos() - startNanos) / 1_000);
                }

                @Override
                public void piece(StreamPiece piece) {
                    Object chunk = encoder.piece(piece);
                    if (chunk != null) sse.data(chunk);
                }
            });
            if (!sse.isOpen()) open(sse, encoder, startOf(result), result.overheadMicros()); // no text at all: still a stream
            for (Object chunk : encoder.closing(result)) sse.data(chunk);
            sse.done();
        } catch (StreamTruncatedException e) {
            try {
                sse.send(encoder.truncated(e));
            } catch (StreamCancelledException gone) {
                // the client left as well: nobody to tell, and the request is logged as truncated
            }
        } catch (StreamCancelledException e) {
            // the client is gone: the upstream call was abandoned and the request logged as cancelled
        }
    }

    private static void open(SseWriter sse, StreamEncoder encoder, InvokeStreamListener.Start start, long overheadMicros) {
        Map<String, String> headers = JunctionHeaders.of(start.id().toString(), start.decision().variant(), start.version().label(), start.cache());
        headers.put(JunctionHeaders.OVERHEAD, JunctionHeaders.millis(overheadMicros));
        if (start.rateLimits() != null) headers.putAll(start.rateLimits().headers());
        sse.open(headers);
        for (Object chunk : encoder.opening(start)) sse.data(chunk);
    }

    /** What a stream's start would have said, for an answer that never sent a piece of text. */
    private static InvokeStreamListener.Start startOf(InvokeResult r) {
        return new InvokeStreamListener.Start(r.id(), r.created(), r.version(), r.decision(), r.model(), r.orqProvider(), 0,
                r.cache(), r.rateLimits());
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
