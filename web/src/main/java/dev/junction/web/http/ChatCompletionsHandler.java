package dev.junction.web.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.access.ApiKeys;
import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.invoke.InvalidInputException;
import dev.junction.engine.invoke.InvokeResult;
import dev.junction.engine.invoke.InvokeService;
import dev.junction.engine.invoke.InvokeStreamListener;
import dev.junction.engine.invoke.Source;
import dev.junction.engine.invoke.StreamTruncatedException;
import dev.junction.engine.provider.StreamCancelledException;
import dev.junction.web.openai.ChatCompletionRequests;
import dev.junction.web.openai.ChatCompletions;
import dev.junction.web.openai.OpenAiErrorBody;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Map;

/**
 * {@code POST /v1/chat/completions}, OpenAI's wire format on top of the same invoke path as the Orquesta endpoints:
 * {@code model} is the deployment key, the routing context comes from {@code junction.context} and/or the
 * {@code X-Junction-Context} header ({@link ChatCompletionRequests}), the answer is a {@code chat.completion}
 * ({@link ChatCompletions}). The official {@code openai} SDKs work unmodified with {@code baseURL = <gateway>/v1} and
 * a Junction API key.
 * <p>With {@code stream: true} nothing is sent before the first piece of text, so a request whose every option fails
 * before it gets an ordinary JSON error and status. Then a chunk with the role, one chunk per piece, a chunk with the
 * finish reason, with {@code stream_options.include_usage} a chunk with the usage, and {@code data: [DONE]}. If the
 * provider fails after the first piece, the last event is {@code data: {"error": {...}}} with no {@code [DONE]}: both
 * SDKs throw on an {@code error} member in a chunk. A client that goes away cancels the upstream call.
 * <p>Every answer, errors included, carries {@code X-Junction-Overhead-Ms}; every answer of a request that was routed
 * (errors too) also the request id, variant and deployment version, and {@code X-Junction-Ignored-Params} when the caller sent parameters the deployment owns.
 */
public final class ChatCompletionsHandler implements Routes {
    static final String IGNORED_PARAMS = "X-Junction-Ignored-Params";

    private final ApiKeys apiKeys;
    private final ChatCompletionRequests requests;
    private final InvokeService invokeService;
    private final ObjectMapper mapper;

    public ChatCompletionsHandler(ApiKeys apiKeys, ChatCompletionRequests requests, InvokeService invokeService, ObjectMapper mapper) {
        this.apiKeys = apiKeys;
        this.requests = requests;
        this.invokeService = invokeService;
        this.mapper = mapper;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/v1/chat/completions", this::create);
    }

    public void create(Context ctx) {
        long start = System.nanoTime();
        try {
            java.util.UUID apiKey = Auth.requireApiKey(ctx, apiKeys::idOf);
            ChatCompletionRequests.Parsed parsed = requests.parse(ctx.body(), ctx.header(ChatCompletionRequests.CONTEXT_HEADER), sourceOf(ctx))
                    .withApiKey(apiKey);
            if (!parsed.ignored().isEmpty()) ctx.header(IGNORED_PARAMS, String.join(",", parsed.ignored()));
            if (parsed.stream()) {
                stream(ctx, parsed, start);
                return;
            }
            InvokeResult result = invoke(parsed);
            byte[] body = json(ChatCompletions.completion(result));
            JunctionHeaders.of(result.id().toString(), result.decision().variant(), result.version().label()).forEach(ctx::header);
            ctx.header(JunctionHeaders.OVERHEAD, JunctionHeaders.millis((System.nanoTime() - start) / 1_000 - result.providerMicros()));
            JsonAnswer.write(ctx, body);
        } catch (RuntimeException e) {
            JunctionHeaders.onFailure(ctx, start, e);
            throw e; // http.Errors answers in OpenAI's error shape under /v1/
        }
    }

    private InvokeResult invoke(ChatCompletionRequests.Parsed parsed) {
        try {
            return invokeService.invoke(parsed.request());
        } catch (InvalidInputException e) {
            throw inJunctionTerms(e);
        }
    }

    /** A missing input is {@code inputs.question} to the engine; here the caller sent it as {@code junction.inputs}. */
    private static InvalidInputException inJunctionTerms(InvalidInputException e) {
        return new InvalidInputException(e.errors().stream()
                .map(f -> f.path().startsWith("inputs") ? new FieldError("junction." + f.path(), f.message()) : f)
                .toList(), e.routed());
    }

    private void stream(Context ctx, ChatCompletionRequests.Parsed parsed, long start) {
        SseWriter sse = new SseWriter(ctx, mapper);
        ChatCompletions.StreamHead[] head = new ChatCompletions.StreamHead[1];
        try {
            InvokeResult result = invokeService.stream(parsed.request(), new InvokeStreamListener() {
                @Override
                public void start(Start s) {
                    Map<String, String> headers = JunctionHeaders.of(s.id().toString(), s.decision().variant(), s.version().label());
                    headers.put(JunctionHeaders.OVERHEAD, JunctionHeaders.millis((s.callStartNanos() - start) / 1_000));
                    sse.open(headers);
                    head[0] = ChatCompletions.StreamHead.of(s);
                    sse.data(head[0].role());
                }

                @Override
                public void delta(String text) {
                    sse.data(head[0].content(text));
                }
            });
            if (!sse.isOpen()) { // an answer with no text at all: still a stream
                Map<String, String> headers = JunctionHeaders.of(result.id().toString(), result.decision().variant(), result.version().label());
                headers.put(JunctionHeaders.OVERHEAD, JunctionHeaders.millis(result.overheadMicros()));
                sse.open(headers);
                head[0] = ChatCompletions.StreamHead.of(result);
                sse.data(head[0].role());
            }
            sse.data(head[0].finish(result.response().finishReason()));
            if (parsed.includeUsage()) sse.data(head[0].usage(result.response().usage()));
            sse.done();
        } catch (InvalidInputException e) {
            throw inJunctionTerms(e);
        } catch (StreamTruncatedException e) {
            try {
                sse.data(OpenAiErrorBody.truncated(e.getMessage(), e.requestId().toString(), e.failure().reason()));
            } catch (StreamCancelledException gone) {
                // the client left as well: nobody to tell, and the request is logged as truncated
            }
        } catch (StreamCancelledException e) {
            // the client is gone: the upstream call was abandoned and the request logged as cancelled
        }
    }

    private byte[] json(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The official OpenAI SDKs say who they are in their user agent ({@code OpenAI/JS 6.x}, {@code OpenAI/Java 4.x}). */
    static Source sourceOf(Context ctx) {
        String agent = ctx.userAgent();
        if (agent != null && agent.startsWith("OpenAI/")) return Source.SDK;
        return Source.API;
    }
}
