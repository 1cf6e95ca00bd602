package dev.junction.engine.provider.openai;

import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.StreamSink;
import dev.junction.engine.provider.http.StreamingBody;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An adapter for any API that speaks OpenAI's {@code POST /chat/completions} (OpenAI, Groq, Mistral, DeepSeek,
 * Together, vLLM, LM Studio, Ollama). The vendor is data, an {@link OpenAiConnection}; the wire format lives in
 * {@link OpenAiWire}, the translation in {@link OpenAiMapper} and {@link OpenAiErrors}; this class only does HTTP.
 * <p>
 * Time limits ({@link ChatRequest}): a plain call has one deadline, the request's {@code timeout} (else the
 * connection's request timeout), which covers the response body too (the JDK's {@link HttpRequest#timeout} alone
 * stops counting once the headers are in). A stream ({@code "stream": true}) is read line by line on the calling
 * thread, as {@link StreamingBody} hands the lines over: the first piece of text must come within
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
    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final OpenAiConnection connection;
    private final HttpClient http;
    private final OpenAiErrors errors;
    private final URI endpoint;
    /** Whether streams ask for {@code stream_options.include_usage}; off for good once the server refused it. */
    private volatile boolean sendStreamOptions = true;

    public OpenAiCompatibleProvider(OpenAiConnection connection, HttpClient http) {
        this(connection, http, Clock.systemUTC());
    }

    /** @param clock dates an HTTP-date {@code Retry-After} */
    public OpenAiCompatibleProvider(OpenAiConnection connection, HttpClient http, Clock clock) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.http = Objects.requireNonNull(http, "http");
        this.errors = new OpenAiErrors(connection, Objects.requireNonNull(clock, "clock"));
        this.endpoint = connection.chatCompletionsUri();
    }

    /**
     * An adapter with its own {@link #defaultHttpClient()}. Prefer building one client in the composition root and
     * sharing it: every {@link HttpClient} holds a selector thread and a connection pool.
     */
    public static OpenAiCompatibleProvider create(OpenAiConnection connection) {
        return new OpenAiCompatibleProvider(connection, defaultHttpClient());
    }

    /** HTTP/1.1 (local servers and proxies rarely speak h2c), 10 s to connect, redirects not followed. */
    public static HttpClient defaultHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(DEFAULT_CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
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
        HttpRequest httpRequest = httpRequest(request, false, false).timeout(limit).build();
        CompletableFuture<HttpResponse<String>> future =
                http.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true); // aborts the exchange and frees the connection
            throw fail(errors.didNotAnswer(limit), null);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw fail(errors.interrupted(), null);
        } catch (ExecutionException e) {
            throw failed(e.getCause(), limit);
        }
        int status = response.statusCode();
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
                                    Duration firstLimit, Duration gapLimit) throws StreamOptionsRefused {
        StreamingBody body = new StreamingBody();
        // No HttpRequest.timeout here: the reader's own deadlines bound every wait, the head's included.
        CompletableFuture<HttpResponse<Void>> future =
                http.sendAsync(httpRequest(request, true, includeUsage).build(), body.handler());
        future.whenComplete((response, error) -> {
            if (error != null) body.failed(error);
        });
        boolean ended = false;
        try {
            StreamRead read = read(request, sink, body, includeUsage, firstDeadline, firstLimit, gapLimit);
            ended = read.ended();
            return read.response();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(errors.interrupted(), null);
        } finally {
            if (!ended) { // a failure, a timeout, a client gone, or an answer whose body we did not read to its end
                body.cancel();
                future.cancel(true);
            }
        }
    }

    private record StreamRead(ChatResponse response, boolean ended) {}

    private StreamRead read(ChatRequest request, StreamSink sink, StreamingBody body, boolean includeUsage,
                            long firstDeadline, Duration firstLimit, Duration gapLimit)
            throws InterruptedException, StreamOptionsRefused {
        long deadline = firstDeadline;
        StreamingBody.Item first = body.next(deadline);
        if (first == null) throw fail(errors.sentNo("text", firstLimit), null);
        if (first instanceof StreamingBody.Failed f) throw failed(f.error(), firstLimit);
        if (!(first instanceof StreamingBody.Head head)) throw new IllegalStateException("a stream began with " + first);
        int status = head.status();
        if (status < 200 || status >= 300) {
            String text = errorBody(body, gapLimit);
            if (includeUsage && (status == 400 || status == 422) && text.contains("stream_options")) {
                throw new StreamOptionsRefused();
            }
            throw fail(errors.fromResponse(status, head.headers(), text), null);
        }
        OpenAiStreamMapper.SseParser sse = new OpenAiStreamMapper.SseParser();
        OpenAiStreamMapper.StreamAccumulator answer = new OpenAiStreamMapper.StreamAccumulator(request.model());
        while (true) {
            StreamingBody.Item item = body.next(deadline);
            if (item == null) {
                throw fail(answer.hasText() ? errors.sentNo("next part of the stream", gapLimit)
                        : errors.sentNo("text", firstLimit), null);
            }
            String data = switch (item) {
                case StreamingBody.Line line -> sse.line(line.text());
                case StreamingBody.End end -> sse.end();
                case StreamingBody.Failed f -> throw failed(f.error(), gapLimit);
                case StreamingBody.Head h -> throw new IllegalStateException("a second head in one stream");
            };
            if (data != null && !data.isBlank()) {
                String text;
                try {
                    text = answer.accept(data);
                } catch (OpenAiMapper.NotAChatCompletion e) {
                    throw fail(errors.malformed(status, e.getMessage()), null);
                } catch (OpenAiStreamMapper.StreamError e) {
                    throw fail(errors.fromStreamError(e.detail()), null);
                }
                if (text != null) sink.delta(text); // StreamCancelledException goes through; finally drops the body
                if (answer.complete()) {
                    return new StreamRead(answer.response(), item instanceof StreamingBody.End || drained(body, gapLimit));
                }
            }
            if (item instanceof StreamingBody.End) {
                throw fail(errors.malformed(status, "the stream ended before data: [DONE]"), null);
            }
            if (answer.hasText()) deadline = System.nanoTime() + gapLimit.toNanos();
        }
    }

    /** After {@code [DONE]}, reads what is left of the body (nothing, normally); whether it ended properly. */
    private static boolean drained(StreamingBody body, Duration gapLimit) throws InterruptedException {
        long deadline = System.nanoTime() + gapLimit.toNanos();
        while (true) {
            StreamingBody.Item item = body.next(deadline);
            if (item instanceof StreamingBody.End) return true;
            if (!(item instanceof StreamingBody.Line)) return false;
        }
    }

    /** The body of an error answer to a stream request, as far as it comes within {@code limit}. */
    private static String errorBody(StreamingBody body, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        StringBuilder text = new StringBuilder();
        while (text.length() < 64 * 1024) {
            if (!(body.next(deadline) instanceof StreamingBody.Line line)) break;
            if (!text.isEmpty()) text.append('\n');
            text.append(line.text());
        }
        return text.toString();
    }

    /** A 400 or 422 to a stream request that names {@code stream_options}: the server does not know the option. */
    private static final class StreamOptionsRefused extends Exception {
        StreamOptionsRefused() {
            super("stream_options refused", null, false, false);
        }
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------------

    private HttpRequest.Builder httpRequest(ChatRequest request, boolean stream, boolean includeUsage) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(OpenAiMapper.requestBody(request, stream, includeUsage),
                        StandardCharsets.UTF_8));
        if (connection.hasApiKey()) {
            switch (connection.authStyle()) {
                case BEARER -> builder.header("Authorization", "Bearer " + connection.apiKey());
                case API_KEY_HEADER -> builder.header("api-key", connection.apiKey());
            }
        }
        return builder;
    }

    /** The failure of a broken exchange; a non-I/O exception is a bug, not a provider failure, and goes through. */
    private RuntimeException failed(Throwable cause, Duration limit) {
        if (cause instanceof IOException io) {
            return fail(errors.fromIoException(io, limit), io);
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime; // the invoke loop logs it
        }
        return new IllegalStateException("unexpected failure calling " + connection.name(), cause);
    }

    private ProviderException fail(ProviderFailure failure, Throwable cause) {
        if (cause != null && LOG.isDebugEnabled()) {
            LOG.debug("{} call to {} failed: {}", connection.name(), endpoint, failure.reason(), cause);
        }
        return new ProviderException(failure);
    }
}
