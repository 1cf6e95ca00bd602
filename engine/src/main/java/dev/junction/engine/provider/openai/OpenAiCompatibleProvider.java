package dev.junction.engine.provider.openai;

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
 * An adapter for any API that speaks OpenAI's {@code POST /chat/completions} (OpenAI, Groq, Mistral, DeepSeek,
 * Together, vLLM, LM Studio, Ollama). The vendor is data, an {@link OpenAiConnection}; the wire format lives in
 * {@link OpenAiWire}, the translation in {@link OpenAiMapper} and {@link OpenAiErrors}; this class only does HTTP,
 * through the adapters' shared {@link HttpCalls}.
 * <p>
 * Time limits ({@link ChatRequest}): a plain call has one deadline, the request's {@code timeout} (else the
 * connection's request timeout), which covers the response body too (the JDK's {@link HttpRequest#timeout} alone
 * stops counting once the headers are in). A stream ({@code "stream": true}) is read line by line on the calling
 * thread, as {@link dev.junction.engine.provider.http.StreamingBody} hands the lines over: the first piece of text must come within
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
public final class OpenAiCompatibleProvider implements ProviderAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(OpenAiCompatibleProvider.class);

    private final OpenAiConnection connection;
    private final OpenAiErrors errors;
    private final URI endpoint;
    private final HttpCalls calls;
    /** Whether streams ask for {@code stream_options.include_usage}; off for good once the server refused it. */
    private volatile boolean sendStreamOptions = true;

    public OpenAiCompatibleProvider(OpenAiConnection connection, UpstreamHttp http) {
        this(connection, http, Clock.systemUTC());
    }

    /** @param clock dates an HTTP-date {@code Retry-After} */
    public OpenAiCompatibleProvider(OpenAiConnection connection, UpstreamHttp http, Clock clock) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.errors = new OpenAiErrors(connection, Objects.requireNonNull(clock, "clock"));
        this.endpoint = connection.chatCompletionsUri();
        this.calls = new HttpCalls(http, LOG, connection.name(), endpoint, errors);
    }

    @Override
    public String name() {
        return connection.name();
    }

    @Override
    public String orqProvider() {
        return connection.orqProvider();
    }

    public OpenAiConnection connection() {
        return connection;
    }

    // ---- plain calls ---------------------------------------------------------------------------------------------

    @Override
    public ChatResponse chat(ChatRequest request) {
        Duration limit = request.timeoutOr(connection.requestTimeout());
        UpstreamHttp.Answer response = calls.send(post(request, false, false), limit, errors.didNotAnswer(limit));
        int status = response.status();
        if (status >= 200 && status < 300) {
            try {
                return OpenAiMapper.fromJson(response.body(), request.model());
            } catch (OpenAiMapper.NotAChatCompletion e) {
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
        long firstDeadline = System.nanoTime() + firstLimit.toNanos();
        boolean includeUsage = sendStreamOptions;
        while (true) {
            try {
                return streamOnce(request, sink, includeUsage, firstDeadline, firstLimit, gapLimit);
            } catch (StreamOptionsRefused e) {
                // Sent once more at once, without the option, and never again by this adapter.
                sendStreamOptions = false;
                includeUsage = false;
                LOG.info("{} refused stream_options; streaming without it from now on (usage only if it sends some anyway)",
                        connection.name());
            }
        }
    }

    private ChatResponse streamOnce(ChatRequest request, StreamSink sink, boolean includeUsage, long firstDeadline,
                                    Duration firstLimit, Duration gapLimit) {
        return calls.stream(post(request, true, includeUsage), sink, firstDeadline, firstLimit, gapLimit,
                new Sse(request, includeUsage));
    }

    /** One stream's chunks, as {@link OpenAiStreamMapper} reads them; complete at {@code data: [DONE]}. */
    private final class Sse implements HttpCalls.StreamReader {
        private final boolean includeUsage;
        private final OpenAiStreamMapper.SseParser sse = new OpenAiStreamMapper.SseParser();
        private final OpenAiStreamMapper.StreamAccumulator answer;

        Sse(ChatRequest request, boolean includeUsage) {
            this.includeUsage = includeUsage;
            this.answer = new OpenAiStreamMapper.StreamAccumulator(request.model());
        }

        @Override
        public RuntimeException refused(int status, HttpHeaders headers, String body) {
            if (includeUsage && (status == 400 || status == 422) && body.contains("stream_options")) {
                return new StreamOptionsRefused();
            }
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

        private String accept(String data, int status) {
            if (data == null || data.isBlank()) return null;
            try {
                return answer.accept(data);
            } catch (OpenAiMapper.NotAChatCompletion e) {
                throw fail(errors.malformed(status, e.getMessage()), null);
            } catch (OpenAiStreamMapper.StreamError e) {
                throw fail(errors.fromStreamError(e.detail()), null);
            }
        }

        @Override
        public HttpCalls.StreamAnswer answer() {
            return answer;
        }

        @Override
        public String endedEarly() {
            return "the stream ended before data: [DONE]";
        }
    }

    /** A 400 or 422 to a stream request that names {@code stream_options}: the server does not know the option. */
    private static final class StreamOptionsRefused extends RuntimeException {
        StreamOptionsRefused() {
            super("stream_options refused", null, false, false);
        }
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------------

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

    private ProviderException fail(ProviderFailure failure, Throwable cause) {
        return calls.fail(failure, cause);
    }
}
