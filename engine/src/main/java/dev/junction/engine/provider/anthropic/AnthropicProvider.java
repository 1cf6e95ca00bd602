package dev.junction.engine.provider.anthropic;

import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.http.HttpProvider;
import dev.junction.engine.provider.http.StreamMapper;
import dev.junction.engine.provider.http.UpstreamHttp;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An adapter for Anthropic's Messages API ({@code POST {baseUrl}/v1/messages}, {@code x-api-key},
 * {@code anthropic-version: 2023-06-01}). The connection is data, an {@link AnthropicConnection}; the wire format
 * lives in {@link AnthropicWire}, the translation in {@link AnthropicMapper}, {@link AnthropicStreamMapper} and
 * {@link AnthropicErrors}; the calls are the shared {@link HttpProvider} skeleton's. Thread-safe.
 * <p>A request Anthropic cannot take (audio, a media type it does not read, thinking with a forced tool...) is refused
 * before anything is sent, with {@link ProviderFailure.Unsupported} naming the part or parameter
 * ({@link AnthropicControls}, {@link AnthropicContent}, {@link AnthropicTurns}).
 * <p>Prompt caching: the variant's fixed prefix ({@link ChatRequest#promptCache()}) gets a {@code cache_control}
 * breakpoint unless the variant turned caching off ({@link AnthropicCacheBreakpoints}); cache reads and writes are
 * read into the usage ({@link AnthropicMapper#usage}).
 * <p>Time limits ({@link ChatRequest}): a plain call has one deadline, the request's {@code timeout} (else the
 * connection's), which covers the response body too. A stream: the first piece (text, a tool call's start,
 * reasoning) must come within {@code firstTokenTimeout} of sending the request (pings and other events do not count), and after it every line
 * within {@code timeout} of the one before. Running out of either abandons the exchange and fails with
 * {@link ProviderFailure.Timeout}.
 */
public final class AnthropicProvider extends HttpProvider<AnthropicConnection, AnthropicErrors> {
    private static final Logger LOG = LoggerFactory.getLogger(AnthropicProvider.class);

    private final URI endpoint;

    /** @param clock dates an HTTP-date {@code retry-after} */
    public AnthropicProvider(AnthropicConnection connection, UpstreamHttp http, Clock clock) {
        super(Objects.requireNonNull(connection, "connection"), http, LOG, connection.messagesUri(),
                new AnthropicErrors(connection, Objects.requireNonNull(clock, "clock")));
        this.endpoint = connection.messagesUri();
    }

    @Override
    protected UpstreamHttp.Post post(ChatRequest request, boolean stream) {
        UpstreamHttp.Post post = UpstreamHttp.Post.to(endpoint, AnthropicMapper.requestBody(request, stream))
                .header("content-type", "application/json")
                .header("accept", stream ? "text/event-stream" : "application/json")
                .header("anthropic-version", AnthropicConnection.API_VERSION);
        return connection.hasApiKey() ? post.header("x-api-key", connection.apiKey()) : post;
    }

    @Override
    protected ChatResponse answer(int status, String body, ChatRequest request) throws AnthropicMapper.NotAMessage {
        return AnthropicMapper.fromJson(body, request.model(), AnthropicControls.jsonToolName(request.parameters()),
                AnthropicMapper.cacheTtl(request));
    }

    @Override
    protected StreamMapper streamMapper(ChatRequest request) {
        return new AnthropicStreamMapper(request.model(), AnthropicControls.jsonToolName(request.parameters()), errors,
                AnthropicMapper.cacheTtl(request));
    }
}
