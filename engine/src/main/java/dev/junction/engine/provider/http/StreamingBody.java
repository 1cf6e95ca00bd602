package dev.junction.engine.provider.http;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One streamed response as a queue the caller reads with a deadline: first the status line and headers, then the
 * body's lines one at a time, then its end or the failure that cut it. The HTTP client's threads fill the queue; the
 * calling thread takes from it, so a stall is noticed by the reader's own deadline (no watchdog thread), and a line is
 * asked for only once the one before it was taken, so a slow client of the stream slows the upstream read too.
 * {@link #cancel} gives up the body: the HTTP client then drops the connection, and the provider sees its client go.
 * <p>Shared by the adapters that read server-sent events line by line (OpenAI-compatible, Anthropic).
 */
public final class StreamingBody implements Flow.Subscriber<String> {
    public sealed interface Item permits Head, Line, End, Failed {}

    /** The answer's status and headers, always the first item when there is an answer. */
    public record Head(int status, HttpHeaders headers) implements Item {}

    public record Line(String text) implements Item {}

    /** The body ended properly. */
    public record End() implements Item {}

    /** The exchange failed, before or after the head. */
    public record Failed(Throwable error) implements Item {}

    private static final End END = new End();

    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private final AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
    private volatile boolean cancelled;

    /** The body handler to send the request with: it reports the head, then hands the body to this queue line by line. */
    public HttpResponse.BodyHandler<Void> handler() {
        return info -> {
            items.add(new Head(info.statusCode(), info.headers()));
            return HttpResponse.BodySubscribers.fromLineSubscriber(this);
        };
    }

    /** Reports a failure of the exchange itself (from the response future), e.g. a refused or reset connection. */
    public void failed(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        items.add(new Failed(cause));
    }

    /**
     * The next item, waiting at most until {@code deadlineNanos} ({@link System#nanoTime()} scale).
     *
     * @return the item, or null when none came in time
     */
    public Item next(long deadlineNanos) throws InterruptedException {
        long wait = deadlineNanos - System.nanoTime();
        Item item = wait <= 0 ? items.poll() : items.poll(wait, TimeUnit.NANOSECONDS);
        if (item instanceof Line) {
            Flow.Subscription s = subscription.get();
            if (s != null && !cancelled) s.request(1);
        }
        return item;
    }

    /** Gives up the rest of the body; safe to call more than once, and before the body has started. */
    public void cancel() {
        cancelled = true;
        Flow.Subscription s = subscription.get();
        if (s != null) s.cancel();
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription.set(s);
        if (cancelled) s.cancel();
        else s.request(1);
    }

    @Override
    public void onNext(String line) {
        items.add(new Line(line));
    }

    @Override
    public void onError(Throwable error) {
        failed(error);
    }

    @Override
    public void onComplete() {
        items.add(END);
    }
}
