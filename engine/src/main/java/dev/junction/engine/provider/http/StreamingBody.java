package dev.junction.engine.provider.http;

import java.net.http.HttpHeaders;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;

/**
 * One streamed response as a queue the caller reads with a deadline: first the status line and headers, then the
 * body's lines one at a time, then its end or the failure that cut it. The HTTP client's threads fill the queue; the
 * calling thread takes from it, so a stall is noticed by the reader's own deadline (no watchdog thread). The body is
 * read only while fewer than {@link #HIGH_WATER} lines wait, so a slow client of the stream slows the upstream read
 * too. {@link #cancel} gives up the body: the HTTP client then drops the connection, and the provider sees its
 * client go. Lines end at LF, CR LF or CR, as in server-sent events.
 * <p>Shared by every streaming adapter (its lines go to the one {@link SseReader}); filled by
 * {@link UpstreamHttp#stream}.
 */
public final class StreamingBody {
    public sealed interface Item permits Head, Line, End, Failed {}

    /** The answer's status and headers, always the first item when there is an answer. */
    public record Head(int status, HttpFields fields) implements Item {
        /** Read only when the answer is a refusal, so converted when asked for. */
        public HttpHeaders headers() {
            return UpstreamHttp.headers(fields);
        }
    }

    public record Line(String text) implements Item {}

    /** The body ended properly. */
    public record End() implements Item {}

    /** The exchange failed, before or after the head. */
    public record Failed(Throwable error) implements Item {}

    private static final End END = new End();
    /** Lines waiting beyond which the body is not read further until the reader takes some. */
    static final int HIGH_WATER = 64;

    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private final AtomicReference<Runnable> parkedDemand = new AtomicReference<>();
    private volatile Request request;
    private volatile boolean cancelled;
    // The partial line so far; touched only by the client's thread that delivers content, one chunk at a time.
    private byte[] partial = new byte[256];
    private int length;
    private boolean afterCr;

    /**
     * The next item, waiting at most until {@code deadlineNanos} ({@link System#nanoTime()} scale).
     *
     * @return the item, or null when none came in time
     */
    public Item next(long deadlineNanos) throws InterruptedException {
        long wait = deadlineNanos - System.nanoTime();
        Item item = wait <= 0 ? items.poll() : items.poll(wait, TimeUnit.NANOSECONDS);
        if (item instanceof Line && items.size() < HIGH_WATER) resume();
        return item;
    }

    /** Gives up the rest of the body; safe to call more than once, and before the body has started. */
    public void cancel() {
        cancelled = true;
        Request r = request;
        if (r != null) r.abort(new CancellationException("the stream's reader gave up"));
    }

    // ---- fed by UpstreamHttp -----------------------------------------------------------------------------------------

    void attach(Request request) {
        this.request = request;
        if (cancelled) request.abort(new CancellationException("the stream's reader gave up"));
    }

    void head(Response response) {
        items.add(new Head(response.getStatus(), response.getHeaders()));
    }

    void content(Response response, Content.Chunk chunk, Runnable demand) {
        ByteBuffer bytes = chunk.getByteBuffer();
        while (bytes.hasRemaining() && !cancelled) accept(bytes.get());
        if (cancelled) return; // no more demand: the exchange is being aborted
        if (items.size() < HIGH_WATER) {
            demand.run();
            return;
        }
        parkedDemand.set(demand);
        if (items.size() < HIGH_WATER) resume(); // the reader drained the queue meanwhile
    }

    void complete(Result result) {
        if (result.isFailed()) {
            if (!cancelled) items.add(new Failed(UpstreamHttp.failure(result.getFailure())));
            return;
        }
        if (length > 0) emit();
        items.add(END);
    }

    private void resume() {
        Runnable demand = parkedDemand.getAndSet(null);
        if (demand != null && !cancelled) demand.run();
    }

    private void accept(byte b) {
        if (b == '\n') {
            if (afterCr) {
                afterCr = false; // the LF of a CR LF
                return;
            }
            emit();
        } else if (b == '\r') {
            emit();
            afterCr = true;
        } else {
            afterCr = false;
            if (length == partial.length) {
                if (length >= UpstreamHttp.MAX_ANSWER_BYTES) {
                    overlong();
                    return;
                }
                partial = Arrays.copyOf(partial, partial.length * 2);
            }
            partial[length++] = b;
        }
    }

    /** A line longer than any answer may be: the exchange is dropped as broken. */
    private void overlong() {
        length = 0;
        Request r = request;
        if (r != null) r.abort(new java.io.IOException("a line of the stream was longer than "
                + UpstreamHttp.MAX_ANSWER_BYTES + " bytes"));
    }

    private void emit() {
        items.add(new Line(new String(partial, 0, length, StandardCharsets.UTF_8)));
        length = 0;
    }
}
