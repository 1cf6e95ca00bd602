package dev.junction.engine.provider.http;

import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.StreamSink;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * The HTTP half every adapter shares, on an injected {@link UpstreamHttp}: the one call path, awaited with one
 * deadline ({@link #chat}), the one streaming path, server-sent events read line by line on the
 * calling thread with the first-token and idle limits ({@link #stream}), and how a broken exchange becomes a
 * {@link ProviderFailure} ({@link #failed}, {@link #fail}). What the bytes mean stays with the adapter: its
 * {@link ProviderErrors}, its mapper ({@link AnswerReader}) and, for a stream, its {@link StreamMapper}. Thread-safe.
 */
public final class HttpCalls {
    private final UpstreamHttp http;
    private final Logger log;
    private final String name;
    private final URI endpoint;
    private final ProviderErrors errors;

    /**
     * @param log      the adapter's logger
     * @param name     the connection's name, for logs and bugs
     * @param endpoint logged with a failure; null when the adapter calls more than one URL
     */
    public HttpCalls(UpstreamHttp http, Logger log, String name, URI endpoint, ProviderErrors errors) {
        this.http = Objects.requireNonNull(http, "http");
        this.log = Objects.requireNonNull(log, "log");
        this.name = Objects.requireNonNull(name, "name");
        this.endpoint = endpoint;
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    // ---- one deadline --------------------------------------------------------------------------------------------

    /**
     * Sends {@code post} and waits at most {@code limit} for the whole answer; {@code timedOut} is the failure when
     * that runs out.
     */
    private UpstreamHttp.Answer send(UpstreamHttp.Post post, Duration limit, ProviderFailure timedOut) {
        try {
            return http.send(post, limit);
        } catch (HttpTimeoutException e) {
            if (e instanceof HttpConnectTimeoutException) throw failed(e, limit);
            throw fail(timedOut, null); // a timeout says all there is; its exception names nothing more
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(errors.interrupted(), null);
        } catch (IOException e) {
            throw failed(e, limit);
        }
    }

    /** Reads a 2xx body as the provider's answer (its mapper's {@code fromJson}). */
    @FunctionalInterface
    public interface AnswerReader {
        ChatResponse read(int status, String body) throws MalformedAnswer;
    }

    /**
     * A plain call: sends {@code post}, waits at most {@code limit} for the whole answer, and reads a 2xx body with
     * {@code reader}; a non-2xx answer is {@link ProviderErrors#fromResponse}, a body that is not an answer
     * {@link ProviderErrors#malformed}, running out of {@code limit} {@link ProviderErrors#answerTimedOut}.
     */
    public ChatResponse chat(UpstreamHttp.Post post, Duration limit, AnswerReader reader) {
        UpstreamHttp.Answer answer = send(post, limit, errors.answerTimedOut(limit));
        int status = answer.status();
        if (status < 200 || status >= 300) {
            throw fail(errors.fromResponse(status, answer.headers(), answer.body()), null);
        }
        try {
            return reader.read(status, answer.body());
        } catch (MalformedAnswer e) {
            throw fail(errors.malformed(status, e.getMessage()), null);
        }
    }

    // ---- streams -------------------------------------------------------------------------------------------------

    /**
     * A streaming call: sends {@code post} (with no overall timeout: the stream's own limits bound every wait, the
     * head's included) and reads its body as server-sent events ({@link EventStream}), each text to {@code sink} at
     * once, the wire's meaning to {@code mapper}. Running out of a limit, a failure, or a client gone
     * ({@link dev.junction.engine.provider.StreamCancelledException} from the sink) abandons the exchange.
     */
    public ChatResponse stream(UpstreamHttp.Post post, StreamSink sink, StreamLimits limits, StreamMapper mapper) {
        StreamingBody body = new StreamingBody();
        http.stream(post, body);
        EventStream stream = new EventStream(this, errors, body, limits, mapper);
        try {
            return stream.read(sink);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(errors.interrupted(), null);
        } finally {
            if (!stream.ended()) body.cancel(); // a failure, a timeout, a client gone, or a body not read to its end
        }
    }

    /** A stream broke after its answer was whole (its last event said so): the answer stands. */
    void brokeWhenWhole(Throwable cause) {
        log.debug("{} stream broke after its final chunk; the answer is complete", name, cause);
    }

    // ---- failures ------------------------------------------------------------------------------------------------

    /** The failure of a broken exchange; a non-I/O exception is a bug, not a provider failure, and goes through. */
    public RuntimeException failed(Throwable cause, Duration limit) {
        if (cause instanceof IOException io) {
            return fail(errors.fromIoException(io, limit), io);
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime; // the invoke loop logs it
        }
        return new IllegalStateException("unexpected failure calling " + name, cause);
    }

    /**
     * The exception that carries {@code failure}; {@code cause}, when there is one, goes to the gateway's own log (its
     * text at warn, the stack at debug): the failure's message, which clients see, says only what kind of failure it was.
     */
    public ProviderException fail(ProviderFailure failure, Throwable cause) {
        if (cause != null) {
            String where = endpoint == null ? name : name + " (" + endpoint + ")";
            if (log.isDebugEnabled()) {
                log.debug("{} call failed: {}", where, failure.message(), cause);
            } else {
                long now = System.nanoTime();
                long last = lastWarned.get();
                if (now - last >= WARN_EVERY_NANOS && lastWarned.compareAndSet(last, now)) {
                    long more = unwarned.getAndSet(0);
                    log.warn("{} call failed: {}: {}{}", where, failure.message(), cause.toString(),
                            more == 0 ? "" : " (and " + more + " more since the last such line)");
                } else {
                    unwarned.incrementAndGet(); // a provider down at 200 req/s: one line in 10 s, not hundreds a second
                }
            }
        }
        return new ProviderException(failure);
    }

    private static final long WARN_EVERY_NANOS = java.time.Duration.ofSeconds(10).toNanos();
    private final java.util.concurrent.atomic.AtomicLong lastWarned =
            new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private final java.util.concurrent.atomic.AtomicLong unwarned = new java.util.concurrent.atomic.AtomicLong();
}
