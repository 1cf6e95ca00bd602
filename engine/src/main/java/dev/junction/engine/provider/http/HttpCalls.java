package dev.junction.engine.provider.http;

import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.StreamSink;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * The HTTP half every adapter shares, on an injected {@link UpstreamHttp}: a call awaited with one deadline
 * ({@link #send}), a server-sent-events stream read line by line on the calling thread ({@link #stream}), and how a
 * broken exchange becomes a {@link ProviderFailure} ({@link #failed}, {@link #fail}). What the bytes mean stays with
 * the adapter: its {@link ProviderErrors} and, for a stream, its {@link StreamReader}. Thread-safe.
 */
public final class HttpCalls {
    /** The most of an error answer to a stream request that is read. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

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
    public UpstreamHttp.Answer send(UpstreamHttp.Post post, Duration limit, ProviderFailure timedOut) {
        return await(() -> http.send(post, limit), limit, timedOut);
    }

    /**
     * Sends {@code post} and waits at most {@code headLimit} for the answer's head; the body is then read as a
     * stream, which the caller bounds and closes. {@code timedOut} is the failure when the head is late.
     */
    public UpstreamHttp.StreamedAnswer streamed(UpstreamHttp.Post post, Duration headLimit, ProviderFailure timedOut) {
        return await(() -> http.streamed(post, headLimit), headLimit, timedOut);
    }

    private interface Exchange<T> {
        T run() throws IOException, InterruptedException;
    }

    /** An exchange's failures as provider failures: running out of {@code limit} is {@code timedOut}. */
    private <T> T await(Exchange<T> exchange, Duration limit, ProviderFailure timedOut) {
        try {
            return exchange.run();
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

    // ---- streams -------------------------------------------------------------------------------------------------

    /** The answer a stream's lines build up. */
    public interface StreamAnswer {
        /** Whether any text came yet (before it, the first-token deadline runs; after it, the gap between lines). */
        boolean hasText();

        /** Whether the answer is whole (its end marker came). */
        boolean complete();

        ChatResponse response();
    }

    /** One stream's wire format: what its head and lines mean. Made afresh for every stream. */
    public interface StreamReader {
        /** The exception for a non-2xx answer, given as much of its body as came in time. */
        RuntimeException refused(int status, HttpHeaders headers, String body);

        /** One line of a body that came with the 2xx {@code status}; the text it adds, or null. Throws the wire's failures. */
        String line(String line, int status);

        /** The body ended; the text that adds, or null. */
        String end(int status);

        /** The answer so far. */
        StreamAnswer answer();

        /** Why a body that ended before the answer was complete is not a whole stream ("the stream ended before X"). */
        String endedEarly();
    }

    /**
     * Sends {@code post} (with no overall timeout: the reader's own deadlines bound every wait, the head's included)
     * and reads its body as {@link StreamingBody} hands the lines over, each text to
     * {@code sink} at once. The first text must come by {@code firstDeadline} ({@link System#nanoTime()} scale,
     * normally {@code firstLimit} after sending), and after it every line within {@code gapLimit} of the one before.
     * Running out of either, a failure, or a client gone ({@link dev.junction.engine.provider.StreamCancelledException}
     * from the sink) abandons the exchange.
     */
    public ChatResponse stream(UpstreamHttp.Post post, StreamSink sink, long firstDeadline, Duration firstLimit,
                               Duration gapLimit, StreamReader reader) {
        StreamingBody body = new StreamingBody();
        http.stream(post, body);
        boolean ended = false;
        try {
            StreamRead read = read(sink, body, reader, firstDeadline, firstLimit, gapLimit);
            ended = read.ended();
            return read.response();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(errors.interrupted(), null);
        } finally {
            if (!ended) body.cancel(); // a failure, a timeout, a client gone, or a body not read to its end
        }
    }

    private record StreamRead(ChatResponse response, boolean ended) {}

    private StreamRead read(StreamSink sink, StreamingBody body, StreamReader reader, long firstDeadline,
                            Duration firstLimit, Duration gapLimit) throws InterruptedException {
        long deadline = firstDeadline;
        StreamingBody.Item first = body.next(deadline);
        if (first == null) throw fail(errors.sentNo("text", firstLimit), null);
        if (first instanceof StreamingBody.Failed f) throw failed(f.error(), firstLimit);
        if (!(first instanceof StreamingBody.Head head)) throw new IllegalStateException("a stream began with " + first);
        int status = head.status();
        if (status < 200 || status >= 300) {
            throw reader.refused(status, head.headers(), errorBody(body, gapLimit));
        }
        StreamAnswer answer = reader.answer();
        while (true) {
            StreamingBody.Item item = body.next(deadline);
            if (item == null) {
                throw fail(answer.hasText() ? errors.sentNo("next part of the stream", gapLimit)
                        : errors.sentNo("text", firstLimit), null);
            }
            String text = switch (item) {
                case StreamingBody.Line line -> reader.line(line.text(), status);
                case StreamingBody.End end -> reader.end(status);
                case StreamingBody.Failed f -> throw failed(f.error(), gapLimit);
                case StreamingBody.Head h -> throw new IllegalStateException("a second head in one stream");
            };
            if (text != null) sink.delta(text); // StreamCancelledException goes through; finally drops the body
            if (answer.complete()) {
                return new StreamRead(answer.response(), item instanceof StreamingBody.End || drained(body, gapLimit));
            }
            if (item instanceof StreamingBody.End) {
                throw fail(errors.malformed(status, reader.endedEarly()), null);
            }
            if (answer.hasText()) deadline = System.nanoTime() + gapLimit.toNanos();
        }
    }

    /** After the end marker, reads what is left of the body (nothing, normally); whether it ended properly. */
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
        while (text.length() < MAX_ERROR_BODY) {
            if (!(body.next(deadline) instanceof StreamingBody.Line line)) break;
            if (!text.isEmpty()) text.append('\n');
            text.append(line.text());
        }
        return text.toString();
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
