package dev.junction.engine.provider.gemini;

import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderException;
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
 * An adapter for Google's Gemini API: {@code POST {root}/v1beta/models/{model}:generateContent}, and for streams
 * {@code :streamGenerateContent?alt=sse}. The connection is data ({@link GeminiConnection}); the wire format lives
 * in {@link GeminiWire}, the translation in {@link GeminiRequestMapper}, {@link GeminiMapper}, {@link GeminiAnswer},
 * {@link GeminiStreamMapper} and
 * {@link GeminiErrors}; the calls are the shared {@link HttpProvider} skeleton's. The key travels in the
 * {@code x-goog-api-key} header, never in the URL.
 * <p>Time limits: a plain call has one deadline ({@link ChatRequest#timeoutOr}) covering the response body too.
 * A stream is read as it arrives, each piece (text, reasoning, a whole tool call) handed to the sink at once: the
 * first piece must come within
 * {@link ChatRequest#firstTokenTimeoutOr} of the request, and after it every line within {@link ChatRequest#timeoutOr}
 * of the one before (time spent in the sink does not count). Thread-safe.
 */
public final class GeminiProvider extends HttpProvider<GeminiConnection, GeminiErrors> {
    private static final Logger LOG = LoggerFactory.getLogger(GeminiProvider.class);

    /** @param clock dates an HTTP-date {@code Retry-After} */
    public GeminiProvider(GeminiConnection connection, UpstreamHttp http, Clock clock) {
        // one URL per model: none to log
        super(Objects.requireNonNull(connection, "connection"), http, LOG, null,
                new GeminiErrors(connection, Objects.requireNonNull(clock, "clock")));
    }

    public GeminiProvider(GeminiConnection connection, UpstreamHttp http) {
        this(connection, http, Clock.systemUTC());
    }

    @Override
    protected UpstreamHttp.Post post(ChatRequest request, boolean stream) {
        UpstreamHttp.Post post = UpstreamHttp.Post.to(uri(request, stream), GeminiRequestMapper.requestBody(request))
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json");
        return connection.hasApiKey() ? post.header("x-goog-api-key", connection.apiKey()) : post;
    }

    @Override
    protected ChatResponse answer(int status, String body, ChatRequest request) throws GeminiMapper.NotAnAnswer {
        try {
            return GeminiMapper.fromJson(body, request.model());
        } catch (GeminiMapper.PromptBlocked e) {
            throw new ProviderException(errors.promptBlocked(status, e.blockReason()));
        }
    }

    @Override
    protected StreamMapper streamMapper(ChatRequest request) {
        return new GeminiStreamMapper(request.model(), errors);
    }

    private URI uri(ChatRequest request, boolean stream) {
        try {
            return stream ? connection.streamGenerateContentUri(request.model()) : connection.generateContentUri(request.model());
        } catch (IllegalArgumentException e) {
            throw new ProviderException(new ProviderFailure.BadRequest(0, errors.clean(e.getMessage())));
        }
    }
}
