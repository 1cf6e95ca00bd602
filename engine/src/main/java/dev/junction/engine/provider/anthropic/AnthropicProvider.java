package dev.junction.engine.provider.anthropic;

import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.StreamSink;
import dev.junction.engine.provider.http.HttpCalls;
import dev.junction.engine.provider.http.UpstreamHttp;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An adapter for Anthropic's Messages API ({@code POST {baseUrl}/v1/messages}, {@code x-api-key},
 * {@code anthropic-version: 2023-06-01}). The connection is data, an {@link AnthropicConnection}; the wire format
 * lives in {@link AnthropicWire}, the translation in {@link AnthropicMapper} and {@link AnthropicErrors}; this class
 * only does HTTP, on an injected {@link UpstreamHttp}, through the adapters' shared {@link HttpCalls}. Thread-safe.
 * <p>Time limits ({@link ChatRequest}): a plain call has one deadline, the request's {@code timeout} (else the
 * connection's), which covers the response body too. A stream is read line by line on the calling thread: the first
 * piece of text must come within {@code firstTokenTimeout} of sending the request (pings and other events do not
 * count), and after it every line within {@code timeout} of the one before. Running out of either abandons the
 * exchange and fails with {@link ProviderFailure.Timeout}.
 */
public final class AnthropicProvider implements ProviderAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(AnthropicProvider.class);

    private final AnthropicConnection connection;
    private final AnthropicErrors errors;
    private final URI endpoint;
    private final HttpCalls calls;

    /** @param clock dates an HTTP-date {@code retry-after} */
    public AnthropicProvider(AnthropicConnection connection, UpstreamHttp http, Clock clock) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.errors = new AnthropicErrors(connection, Objects.requireNonNull(clock, "clock"));
        this.endpoint = connection.messagesUri();
        this.calls = new HttpCalls(http, LOG, connection.name(), endpoint, errors);
    }

    @Override
    public String name() {
        return connection.name();
    }

    @Override
    public String orqProvider() {
        return AnthropicConnection.ORQ_PROVIDER;
    }

    public AnthropicConnection connection() {
        return connection;
    }

    // ---- plain calls ---------------------------------------------------------------------------------------------

    @Override
    public ChatResponse chat(ChatRequest request) {
        Duration limit = request.timeoutOr(connection.requestTimeout());
        UpstreamHttp.Answer response = calls.send(post(request, false), limit, errors.sentNo("answer", limit));
        int status = response.status();
        if (status >= 200 && status < 300) {
            try {
                return AnthropicMapper.fromJson(response.body(), request.model());
            } catch (AnthropicMapper.NotAMessage e) {
                throw fail(errors.malformed(status, e.getMessage()), null);
            }
        }
        throw fail(errors.fromResponse(status, response.headers(), response.body()), null);
    }

    // ---- streams -------------------------------------------------------------------------------------------------

    @Override
    public ChatResponse stream(ChatRequest request, StreamSink sink) {
        Duration firstLimit = request.firstTokenTimeoutOr(connection.requestTimeout());
        Duration gapLimit = request.timeoutOr(connection.requestTimeout());
        return calls.stream(post(request, true), sink, System.nanoTime() + firstLimit.toNanos(),
                firstLimit, gapLimit, new Sse(request));
    }

    /** One stream's events, as {@link AnthropicMapper} reads them; complete at {@code message_stop}. */
    private final class Sse implements HttpCalls.StreamReader {
        private final AnthropicMapper.SseParser sse = new AnthropicMapper.SseParser();
        private final AnthropicMapper.StreamAccumulator answer;

        Sse(ChatRequest request) {
            this.answer = new AnthropicMapper.StreamAccumulator(request.model());
        }

        @Override
        public RuntimeException refused(int status, HttpHeaders headers, String body) {
            return fail(errors.fromResponse(status, headers, body), null);
        }

        @Override
        public String line(String line, int status) {
            return accept(sse.line(line), status);
        }

        @Override
        public String end(int status) {
            return accept(sse.end(), status);
        }

        private String accept(AnthropicMapper.SseParser.Event event, int status) {
            if (event == null || event.data().isBlank()) return null;
            try {
                return answer.accept(event.name(), event.data());
            } catch (AnthropicMapper.NotAMessage e) {
                throw fail(errors.malformed(status, e.getMessage()), null);
            } catch (AnthropicMapper.StreamError e) {
                throw fail(errors.fromStreamError(e.type(), e.detail()), null);
            }
        }

        @Override
        public HttpCalls.StreamAnswer answer() {
            return answer;
        }

        @Override
        public String endedEarly() {
            return "the stream ended before message_stop";
        }
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------------

    private UpstreamHttp.Post post(ChatRequest request, boolean stream) {
        UpstreamHttp.Post post = UpstreamHttp.Post.to(endpoint, AnthropicMapper.requestBody(request, stream))
                .header("content-type", "application/json")
                .header("accept", stream ? "text/event-stream" : "application/json")
                .header("anthropic-version", AnthropicConnection.API_VERSION);
        return connection.hasApiKey() ? post.header("x-api-key", connection.apiKey()) : post;
    }

    private ProviderException fail(ProviderFailure failure, Throwable cause) {
        return calls.fail(failure, cause);
    }
}
