package dev.junction.engine.provider.gemini;

import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.StreamCancelledException;
import dev.junction.engine.provider.StreamSink;
import dev.junction.engine.provider.http.HttpCalls;
import dev.junction.engine.provider.http.UpstreamHttp;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An adapter for Google's Gemini API: {@code POST {root}/v1beta/models/{model}:generateContent}, and for streams
 * {@code :streamGenerateContent?alt=sse}. The connection is data ({@link GeminiConnection}); the wire format lives
 * in {@link GeminiWire}, the translation in {@link GeminiMapper} and {@link GeminiErrors}; this class only does HTTP.
 * The key travels in the {@code x-goog-api-key} header, never in the URL.
 * <p>Time limits: a plain call has one deadline ({@link ChatRequest#timeoutOr}) covering the response body too.
 * A stream is read as it arrives, each text delta handed to the sink at once; a watchdog closes the body when no
 * text came within {@link ChatRequest#firstTokenTimeoutOr} of the request, or, after the first text, when no chunk
 * came within {@link ChatRequest#timeoutOr} of the previous one (time spent in the sink does not count). Thread-safe.
 */
public final class GeminiProvider implements ProviderAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(GeminiProvider.class);
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final GeminiConnection connection;
    private final GeminiErrors errors;
    private final HttpCalls calls;

    /** @param clock dates an HTTP-date {@code Retry-After} */
    public GeminiProvider(GeminiConnection connection, UpstreamHttp http, Clock clock) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.errors = new GeminiErrors(connection, Objects.requireNonNull(clock, "clock"));
        this.calls = new HttpCalls(http, LOG, connection.name(), null, errors); // one URL per model: none to log
    }

    public GeminiProvider(GeminiConnection connection, UpstreamHttp http) {
        this(connection, http, Clock.systemUTC());
    }

    @Override
    public String name() {
        return connection.name();
    }

    @Override
    public String orqProvider() {
        return GeminiConnection.ORQ_PROVIDER;
    }

    public GeminiConnection connection() {
        return connection;
    }

    // ---- plain call ------------------------------------------------------------------------------------------------

    @Override
    public ChatResponse chat(ChatRequest request) {
        Duration timeout = request.timeoutOr(connection.requestTimeout());
        UpstreamHttp.Answer response = calls.send(post(uri(request, false), request, "application/json"), timeout,
                errors.didNotAnswer(timeout));
        int status = response.status();
        if (status < 200 || status >= 300) {
            throw fail(errors.fromResponse(status, response.headers(), response.body()), null);
        }
        try {
            return GeminiMapper.fromJson(response.body(), request.model());
        } catch (GeminiMapper.NotAnAnswer e) {
            throw fail(errors.malformed(status, e.getMessage()), null);
        } catch (GeminiMapper.PromptBlocked e) {
            throw fail(errors.promptBlocked(status, e.blockReason()), null);
        }
    }

    // ---- stream ----------------------------------------------------------------------------------------------------

    @Override
    public ChatResponse stream(ChatRequest request, StreamSink sink) {
        Duration firstToken = request.firstTokenTimeoutOr(connection.requestTimeout());
        Duration gap = request.timeoutOr(connection.requestTimeout());
        long started = System.nanoTime();
        UpstreamHttp.StreamedAnswer response = calls.streamed(post(uri(request, true), request, "text/event-stream"),
                firstToken, errors.noFirstToken(firstToken));

        InputStream body = response.body();
        Watchdog watchdog = new Watchdog(body, started + firstToken.toNanos());
        try {
            int status = response.status();
            if (status < 200 || status >= 300) {
                String text = readErrorBody(body);
                if (watchdog.expired()) throw fail(errors.noFirstToken(firstToken), null);
                throw fail(errors.fromResponse(status, response.headers(), text), null);
            }
            return readStream(request, body, status, sink, watchdog, firstToken, gap);
        } finally {
            watchdog.stop();
            closeQuietly(body); // before the end of the stream (a failure, a client gone), this drops the connection
        }
    }

    private void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing the {} stream failed", connection.name(), e);
        }
    }

    private ChatResponse readStream(ChatRequest request, InputStream body, int status, StreamSink sink, Watchdog watchdog,
                                    Duration firstToken, Duration gap) {
        GeminiMapper.StreamState state = new GeminiMapper.StreamState(request.model());
        boolean sawText = false;
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        StringBuilder data = new StringBuilder();
        boolean hasData = false;
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (watchdog.expired()) break;
                if (!line.isEmpty()) {
                    if (line.startsWith("data:")) {
                        String value = line.substring(line.startsWith("data: ") ? 6 : 5);
                        if (hasData) data.append('\n');
                        data.append(value);
                        hasData = true;
                    }
                    continue; // comments (":"), event:, id:, retry: carry nothing Gemini uses
                }
                if (!hasData) continue;
                String event = data.toString();
                data.setLength(0);
                hasData = false;
                String delta = onEvent(event, state, status);
                if (!delta.isEmpty()) {
                    watchdog.hold(); // the sink's own time (a slow client) is not the provider's
                    try {
                        sink.delta(delta);
                    } catch (StreamCancelledException e) {
                        LOG.debug("{} stream cancelled by the client; dropping the upstream connection", connection.name());
                        throw e; // stream() closes the body, which drops the connection
                    }
                    sawText = true;
                    watchdog.extendBy(gap);
                } else if (sawText) {
                    watchdog.extendBy(gap);
                }
            }
        } catch (IOException e) {
            if (watchdog.expired()) throw fail(sawText ? errors.stalled(gap) : errors.noFirstToken(firstToken), e);
            if (e instanceof InterruptedIOException || Thread.currentThread().isInterrupted()) {
                Thread.currentThread().interrupt();
                throw fail(errors.interrupted(), e);
            }
            if (state.finished()) {
                LOG.debug("{} stream broke after its final chunk; the answer is complete", connection.name(), e);
                return state.response();
            }
            throw fail(errors.fromIoException(e, gap), e);
        }
        if (watchdog.expired()) throw fail(sawText ? errors.stalled(gap) : errors.noFirstToken(firstToken), null);
        if (!state.finished()) {
            throw fail(errors.malformed(status, "the stream ended before a chunk with a finishReason"), null);
        }
        return state.response();
    }

    /** @return the event's text delta, "" when none */
    private String onEvent(String data, GeminiMapper.StreamState state, int status) {
        try {
            return switch (GeminiMapper.parseEvent(data)) {
                case GeminiMapper.StreamEvent.Error error -> throw fail(errors.fromStreamError(error.error()), null);
                case GeminiMapper.StreamEvent.Chunk chunk -> state.accept(chunk.response());
            };
        } catch (GeminiMapper.NotAnAnswer e) {
            throw fail(errors.malformed(status, e.getMessage()), null);
        } catch (GeminiMapper.PromptBlocked e) {
            throw fail(errors.promptBlocked(status, e.blockReason()), null);
        }
    }

    /** At most {@value #MAX_ERROR_BODY} bytes of an error body; what arrived when reading fails (or the watchdog closed it). */
    private static String readErrorBody(InputStream body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while (out.size() < MAX_ERROR_BODY && (n = body.read(buffer, 0, Math.min(buffer.length, MAX_ERROR_BODY - out.size()))) > 0) {
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // keep what came
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    // ---- HTTP ------------------------------------------------------------------------------------------------------

    private URI uri(ChatRequest request, boolean stream) {
        try {
            return stream ? connection.streamGenerateContentUri(request.model()) : connection.generateContentUri(request.model());
        } catch (IllegalArgumentException e) {
            throw fail(new ProviderFailure.BadRequest(0, errors.clean(e.getMessage())), null);
        }
    }

    private UpstreamHttp.Post post(URI uri, ChatRequest request, String accept) {
        UpstreamHttp.Post post = UpstreamHttp.Post.to(uri, GeminiMapper.requestBody(request))
                .header("Content-Type", "application/json")
                .header("Accept", accept);
        return connection.hasApiKey() ? post.header("x-goog-api-key", connection.apiKey()) : post;
    }

    private ProviderException fail(ProviderFailure failure, Throwable cause) {
        return calls.fail(failure, cause);
    }

    /**
     * Closes a stream's body when its deadline passes, which ends the blocked read on the caller's thread (and drops
     * the connection). The deadline moves as chunks arrive, earlier too (the gap may be shorter than the wait for the
     * first text): a check is scheduled, on the JDK's shared delayer, whenever the deadline comes before the next one.
     * Checks still pending when the stream ends stay queued until their time (up to the gap), so {@link #stop} lets go
     * of the body: a queued check then holds only this small object, not the exchange.
     */
    private static final class Watchdog implements Runnable {
        private InputStream body;    // null once stopped; guarded by this
        private long deadline;       // System.nanoTime() when the body is closed; guarded by this
        private boolean held;        // the deadline is suspended (the sink is working); guarded by this
        private boolean checkPending; // a check is scheduled; guarded by this
        private long nextCheck;       // when the earliest pending check runs; guarded by this
        private volatile boolean expired;
        private volatile boolean stopped;

        Watchdog(InputStream body, long deadlineNanos) {
            this.body = body;
            synchronized (this) {
                this.deadline = deadlineNanos;
                scheduleBy(deadlineNanos);
            }
        }

        /** Suspends the deadline (while the sink works); {@link #extendBy} sets a new one. */
        synchronized void hold() {
            held = true;
        }

        synchronized void extendBy(Duration gap) {
            held = false;
            deadline = System.nanoTime() + gap.toNanos();
            scheduleBy(deadline);
        }

        boolean expired() {
            return expired;
        }

        void stop() {
            stopped = true;
            synchronized (this) {
                body = null;
            }
        }

        @Override
        public void run() {
            if (stopped) return;
            InputStream stalled;
            synchronized (this) {
                if (body == null) return; // stopped meanwhile
                long now = System.nanoTime();
                if (checkPending && nextCheck - now <= 0) checkPending = false; // this was the earliest pending check
                if (held) {
                    scheduleBy(now + TimeUnit.MILLISECONDS.toNanos(100));
                    return;
                }
                if (deadline - now > 0) {
                    scheduleBy(deadline);
                    return;
                }
                expired = true;
                stalled = body;
            }
            try {
                stalled.close();
            } catch (IOException | RuntimeException e) {
                LOG.debug("closing a stalled stream failed", e);
            }
        }

        /** Schedules a check at {@code at} unless one is pending before it; call holding the lock. */
        private void scheduleBy(long at) {
            if (checkPending && nextCheck - at <= 0) return;
            checkPending = true;
            nextCheck = at;
            long delay = Math.max(at - System.nanoTime(), 0);
            CompletableFuture.runAsync(this, CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS));
        }
    }
}
