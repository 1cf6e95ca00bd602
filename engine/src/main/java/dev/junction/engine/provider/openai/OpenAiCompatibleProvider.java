package dev.junction.engine.provider.openai;

import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.StreamSink;
import dev.junction.engine.provider.http.HttpProvider;
import dev.junction.engine.provider.http.StreamLimits;
import dev.junction.engine.provider.http.StreamMapper;
import dev.junction.engine.provider.http.UpstreamHttp;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An adapter for any API that speaks OpenAI's {@code POST /chat/completions} (OpenAI, Groq, Mistral, DeepSeek,
 * Together, vLLM, LM Studio, Ollama). The vendor is data, an {@link OpenAiConnection}; the wire format lives in
 * {@link OpenAiWire}, the translation in {@link OpenAiMapper}, {@link OpenAiStreamMapper} and {@link OpenAiErrors};
 * the calls are the shared {@link HttpProvider} skeleton's.
 * <p>
 * The whole conversation goes both ways: content parts, tool calls and tool results, tools and {@code tool_choice},
 * {@code response_format} and {@code reasoning_effort} out ({@link OpenAiMessages}, {@link OpenAiMapper}); text, tool
 * calls, reasoning text and reasoning tokens back, streamed or not. A part OpenAI cannot take fails the call with
 * {@link ProviderFailure.Unsupported} naming it, before anything is sent.
 * <p>
 * Time limits ({@link ChatRequest}): a plain call has one deadline, the request's {@code timeout} (else the
 * connection's request timeout), which covers the response body too. A stream ({@code "stream": true}) is read
 * line by line on the calling thread: the first piece (text, a tool call, reasoning) must come within
 * {@code firstTokenTimeout} of sending the request (role-only chunks, comments and keep-alives do not count), and
 * after it every line within {@code timeout} of the one before. Running out of either abandons the exchange and
 * fails with {@link ProviderFailure.Timeout}. Only {@code data: [DONE]} makes a stream whole: a body that ends
 * before it is a {@link ProviderFailure.MalformedResponse}, whatever it carried.
 * <p>
 * Streams ask for {@code stream_options: {"include_usage": true}} (see {@link OpenAiStreamMapper} for where vendors
 * put the usage). Some servers refuse the option with a 400 or 422 naming it (Mistral; Azure OpenAI with an older
 * api-version): the adapter then sends the request again at once without it, and leaves it out from then on.
 * Thread-safe.
 */
public final class OpenAiCompatibleProvider extends HttpProvider<OpenAiConnection, OpenAiErrors> {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiCompatibleProvider.class);

    private final URI endpoint;
    /** Whether streams ask for {@code stream_options.include_usage}; off for good once the server refused it. */
    private volatile boolean sendStreamOptions = true;

    public OpenAiCompatibleProvider(OpenAiConnection connection, UpstreamHttp http) {
        this(connection, http, Clock.systemUTC());
    }

    /** @param clock dates an HTTP-date {@code Retry-After} */
    public OpenAiCompatibleProvider(OpenAiConnection connection, UpstreamHttp http, Clock clock) {
        super(Objects.requireNonNull(connection, "connection"), http, LOG, connection.chatCompletionsUri(),
                new OpenAiErrors(connection, Objects.requireNonNull(clock, "clock")));
        this.endpoint = connection.chatCompletionsUri();
    }

    /** The skeleton's stream, sent once more at once without {@code stream_options} when the server refuses them. */
    @Override
    public ChatResponse stream(ChatRequest request, StreamSink sink) {
        StreamLimits limits = limits(request);
        boolean includeUsage = sendStreamOptions;
        while (true) {
            try {
                return calls.stream(post(request, true, includeUsage), sink, limits,
                        new OpenAiStreamMapper(request.model(), errors, includeUsage));
            } catch (OpenAiStreamMapper.StreamOptionsRefused e) {
                // Sent once more at once, without the option, and never again by this adapter.
                sendStreamOptions = false;
                includeUsage = false;
                LOG.info("{} refused stream_options; streaming without it from now on (usage only if it sends some anyway)",
                        connection.name());
            }
        }
    }

    @Override
    protected UpstreamHttp.Post post(ChatRequest request, boolean stream) {
        return post(request, stream, stream && sendStreamOptions);
    }

    @Override
    protected ChatResponse answer(int status, String body, ChatRequest request) throws OpenAiMapper.NotAChatCompletion {
        return OpenAiMapper.fromJson(body, request.model());
    }

    @Override
    protected StreamMapper streamMapper(ChatRequest request) {
        return new OpenAiStreamMapper(request.model(), errors, sendStreamOptions);
    }

    private UpstreamHttp.Post post(ChatRequest request, boolean stream, boolean includeUsage) {
        UpstreamHttp.Post post = UpstreamHttp.Post.to(endpoint, OpenAiMapper.requestBody(request, stream, includeUsage))
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json");
        if (!connection.hasApiKey()) return post;
        return switch (connection.authStyle()) {
            case BEARER -> post.header("Authorization", "Bearer " + connection.apiKey());
            case API_KEY_HEADER -> post.header("api-key", connection.apiKey());
        };
    }
}
