package dev.junction.web.http;

import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.invoke.ExtraParams;
import dev.junction.engine.invoke.InvalidInputException;
import dev.junction.engine.invoke.Source;
import dev.junction.web.openai.ChatCompletionRequests;
import dev.junction.web.openai.ChatCompletionStreamEncoder;
import dev.junction.web.openai.ChatCompletions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code POST /v1/chat/completions}, OpenAI's wire format on top of the same invoke path as the Orquesta endpoints:
 * {@code model} is the deployment key, the routing context comes from {@code junction.context} and/or the
 * {@code X-Junction-Context} header ({@link ChatCompletionRequests}), the answer is a {@code chat.completion}
 * ({@link ChatCompletions}) or, with {@code stream: true}, a stream of {@code chat.completion.chunk}s
 * ({@link ChatCompletionStreamEncoder}), both through the core the two front doors share ({@link InvokeResponder}).
 * The official {@code openai} SDKs work unmodified with {@code baseURL = <gateway>/v1} and a Junction API key.
 * <p>Every answer, errors included, carries {@code X-Junction-Overhead-Ms}; every answer of a request that was routed
 * (errors too) also the request id, variant and deployment version, and {@code X-Junction-Ignored-Params} when the
 * caller sent parameters the deployment owns. Errors are in OpenAI's shape ({@code http.Errors} under {@code /v1/}).
 */
public final class ChatCompletionsRoutes implements Routes {
    static final String IGNORED_PARAMS = "X-Junction-Ignored-Params";

    private final ChatCompletionRequests requests;
    private final InvokeResponder responder;

    public ChatCompletionsRoutes(ChatCompletionRequests requests, InvokeResponder responder) {
        this.requests = requests;
        this.responder = responder;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/v1/chat/completions", this::create);
    }

    private void create(Context ctx) {
        responder.serve(ctx, (apiKey, start) -> {
            ChatCompletionRequests.Parsed parsed = requests.parse(ctx.body(), ctx.header(ChatCompletionRequests.CONTEXT_HEADER),
                    CacheHeader.of(ctx), sourceOf(ctx)).withCaller(apiKey);
            if (!parsed.ignored().isEmpty()) ctx.header(IGNORED_PARAMS, String.join(",", parsed.ignored()));
            try {
                if (parsed.stream()) {
                    responder.stream(ctx, start, parsed.request(), new ChatCompletionStreamEncoder(parsed.includeUsage()));
                } else {
                    responder.answer(ctx, start, parsed.request(), ChatCompletions::completion);
                }
            } catch (InvalidInputException e) {
                throw inJunctionTerms(e);
            }
        });
    }

    /**
     * A missing input is {@code inputs.question} to the engine; here the caller sent it as {@code junction.inputs}.
     * A request parameter at odds with the variant ({@code extra_params.tool_choice...} to the engine) was sent at the
     * top level ({@code tool_choice...}).
     */
    private static InvalidInputException inJunctionTerms(InvalidInputException e) {
        String extra = ExtraParams.FIELD + ".";
        return new InvalidInputException(e.errors().stream()
                .map(f -> f.path().startsWith("inputs") ? new FieldError("junction." + f.path(), f.message())
                        : f.path().startsWith(extra) ? new FieldError(f.path().substring(extra.length()), f.message()) : f)
                .toList(), e.routed());
    }

    /** The official OpenAI SDKs say who they are in their user agent ({@code OpenAI/JS 6.x}, {@code OpenAI/Java 4.x}). */
    static Source sourceOf(Context ctx) {
        String agent = ctx.userAgent();
        if (agent != null && agent.startsWith("OpenAI/")) return Source.SDK;
        return Source.API;
    }
}
