package dev.junction.engine.provider.anthropic;

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
 * An adapter for Anthropic's Messages API ({@code POST {baseUrl}/v1/messages}, {@code x-api-key},
 * {@code anthropic-version: 2023-06-01}). The connection is data, an {@link AnthropicConnection}; the wire format
 * lives in {@link AnthropicWire}, the translation in {@link AnthropicMapper} and {@link AnthropicErrors}; this class
 * only does HTTP, on an injected {@link HttpClient}. Thread-safe.
 * <p>Time limits ({@link ChatRequest}): a plain call has one deadline, the request's {@code timeout} (else the
 * connection's), which covers the response body too. A stream is read line by line on the calling thread: the first
 * piece of text must come within {@code firstTokenTimeout} of sending the request (pings and other events do not
 * count), and after it every line within {@code timeout} of the one before. Running out of either abandons the
 * exchange and fails with {@link ProviderFailure.Timeout}.
 */
public final class AnthropicProvider implements ProviderAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(AnthropicProvider.class);

    private final AnthropicConnection connection;
    private final HttpClient http;
    private final AnthropicErrors errors;
    private final URI endpoint;

    /** @param clock dates an HTTP-date {@code retry-after} */
    public AnthropicProvider(AnthropicConnection connection, HttpClient http, Clock clock) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.http = Objects.requireNonNull(http, "http");
        this.errors = new AnthropicErrors(connection, Objects.requireNonNull(clock, "clock"));
        this.endpoint = connection.messagesUri();
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
        HttpRequest httpRequest = httpRequest(request, false).timeout(limit).build();
        CompletableFuture<HttpResponse<String>> future =
                http.sendAsync(httpRequest, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true); // aborts the exchange and frees the connection
            throw fail(errors.sentNo("answer", limit), null);
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
        StreamingBody body = new StreamingBody();
        // No HttpRequest.timeout here: the reader's own deadlines bound every wait, the head's included.
        CompletableFuture<HttpResponse<Void>> future = http.sendAsync(httpRequest(request, true).build(), body.handler());
        future.whenComplete((response, error) -> {
            if (error != null) body.failed(error);
        });
        boolean ended = false;
        try {
            StreamRead read = read(request, sink, body, firstLimit, gapLimit);
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

    private StreamRead read(ChatRequest request, StreamSink sink, StreamingBody body, Duration firstLimit, Duration gapLimit)
            throws InterruptedException {
        long deadline = System.nanoTime() + firstLimit.toNanos();
        StreamingBody.Item first = body.next(deadline);
        if (first == null) throw fail(errors.sentNo("text", firstLimit), null);
        if (first instanceof StreamingBody.Failed f) throw failed(f.error(), firstLimit);
        if (!(first instanceof StreamingBody.Head head)) throw new IllegalStateException("a stream began with " + first);
        int status = head.status();
        if (status < 200 || status >= 300) {
            throw fail(errors.fromResponse(status, head.headers(), errorBody(body, gapLimit)), null);
        }
        AnthropicMapper.SseParser sse = new AnthropicMapper.SseParser();
        AnthropicMapper.StreamAccumulator answer = new AnthropicMapper.StreamAccumulator(request.model());
        while (true) {
            StreamingBody.Item item = body.next(deadline);
            if (item == null) {
                throw fail(answer.hasText() ? errors.sentNo("next part of the stream", gapLimit)
                        : errors.sentNo("text", firstLimit), null);
            }
            AnthropicMapper.SseParser.Event event = switch (item) {
                case StreamingBody.Line line -> sse.line(line.text());
                case StreamingBody.End end -> sse.end();
                case StreamingBody.Failed f -> throw failed(f.error(), gapLimit);
                case StreamingBody.Head h -> throw new IllegalStateException("a second head in one stream");
            };
            if (event != null && !event.data().isBlank()) {
                String text;
                try {
                    text = answer.accept(event.name(), event.data());
                } catch (AnthropicMapper.NotAMessage e) {
                    throw fail(errors.malformed(status, e.getMessage()), null);
                } catch (AnthropicMapper.StreamError e) {
                    throw fail(errors.fromStreamError(e.type(), e.detail()), null);
                }
                if (text != null) sink.delta(text); // StreamCancelledException goes through; finally drops the body
                if (answer.complete()) {
                    return new StreamRead(answer.response(), item instanceof StreamingBody.End || drained(body, gapLimit));
                }
            }
            if (item instanceof StreamingBody.End) {
                throw fail(errors.malformed(status, "the stream ended before message_stop"), null);
            }
            if (answer.hasText()) deadline = System.nanoTime() + gapLimit.toNanos();
        }
    }

    /** After {@code message_stop}, reads what is left of the body (nothing, normally); whether it ended properly. */
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

    // ---- HTTP ----------------------------------------------------------------------------------------------------

    private HttpRequest.Builder httpRequest(ChatRequest request, boolean stream) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .header("content-type", "application/json")
                .header("accept", stream ? "text/event-stream" : "application/json")
                .header("anthropic-version", AnthropicConnection.API_VERSION)
                .POST(HttpRequest.BodyPublishers.ofString(AnthropicMapper.requestBody(request, stream), StandardCharsets.UTF_8));
        if (connection.hasApiKey()) {
            builder.header("x-api-key", connection.apiKey());
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
