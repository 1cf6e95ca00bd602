package dev.junction.engine.provider.http;

import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.StreamPiece;
import dev.junction.engine.provider.StreamSink;
import java.time.Duration;
import java.util.List;

/**
 * One streamed answer read on the calling thread: {@link StreamingBody}'s lines framed into events by the one
 * {@link SseReader}, each event's text to the sink at once, the wire's meaning left to a {@link StreamMapper}.
 * The first text must come by the first-token deadline, and after it every line within the idle limit of the one
 * before; each wait is the reader's own timed poll, so no watchdog thread is needed. Used once, by {@link HttpCalls#stream}.
 */
final class EventStream {
    /** The most of an error answer to a stream request that is read. */
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final HttpCalls calls;
    private final ProviderErrors errors;
    private final StreamingBody body;
    private final StreamLimits limits;
    private final StreamMapper mapper;
    private final SseReader sse = new SseReader();
    private int status;
    /** Whether the body was read to its end (or broke by itself): nothing is left to give up. */
    private boolean ended;

    EventStream(HttpCalls calls, ProviderErrors errors, StreamingBody body, StreamLimits limits, StreamMapper mapper) {
        this.calls = calls;
        this.errors = errors;
        this.body = body;
        this.limits = limits;
        this.mapper = mapper;
    }

    boolean ended() {
        return ended;
    }

    /** Reads the stream to its answer; throws the failure that ends it early (the caller gives up the body). */
    ChatResponse read(StreamSink sink) throws InterruptedException {
        long deadline = limits.firstDeadline();
        StreamingBody.Item first = body.next(deadline);
        if (first == null) throw calls.fail(errors.noText(limits.first()), null);
        if (first instanceof StreamingBody.Failed f) throw calls.failed(f.error(), limits.first());
        if (!(first instanceof StreamingBody.Head head)) throw new IllegalStateException("a stream began with " + first);
        status = head.status();
        if (status < 200 || status >= 300) throw refused(head);
        while (true) {
            StreamingBody.Item item = body.next(deadline);
            if (item == null) {
                throw calls.fail(mapper.started() ? errors.stalled(limits.gap()) : errors.noText(limits.first()), null);
            }
            List<StreamPiece> pieces = switch (item) {
                case StreamingBody.Line line -> accept(sse.line(line.text()));
                case StreamingBody.End end -> accept(sse.end());
                case StreamingBody.Failed f -> {
                    ended = true;
                    if (!mapper.wholeAtEnd()) throw calls.failed(f.error(), limits.gap());
                    calls.brokeWhenWhole(f.error());
                    yield List.of();
                }
                case StreamingBody.Head h -> throw new IllegalStateException("a second head in one stream");
            };
            for (StreamPiece piece : pieces) sink.accept(piece); // StreamCancelledException goes through; the caller drops the body
            if (mapper.complete()) {
                ended = item instanceof StreamingBody.End || drained();
                return mapper.response();
            }
            if (item instanceof StreamingBody.End || item instanceof StreamingBody.Failed) {
                ended = true;
                if (mapper.wholeAtEnd()) return mapper.response();
                throw calls.fail(errors.malformed(status, mapper.endedEarly()), null);
            }
            if (mapper.started()) deadline = System.nanoTime() + limits.gap().toNanos();
        }
    }

    private List<StreamPiece> accept(SseReader.Event event) {
        if (event == null || event.data().isBlank()) return List.of();
        try {
            return mapper.accept(event, status);
        } catch (MalformedAnswer e) {
            throw calls.fail(errors.malformed(status, e.getMessage()), null);
        }
    }

    private RuntimeException refused(StreamingBody.Head head) throws InterruptedException {
        String text = errorBody(limits.gap());
        RuntimeException own = mapper.refused(status, head.headers(), text);
        return own != null ? own : calls.fail(errors.fromResponse(status, head.headers(), text), null);
    }

    /** After the end marker, reads what is left of the body (nothing, normally); whether it ended properly. */
    private boolean drained() throws InterruptedException {
        long deadline = System.nanoTime() + limits.gap().toNanos();
        while (true) {
            StreamingBody.Item item = body.next(deadline);
            if (item instanceof StreamingBody.End) return true;
            if (!(item instanceof StreamingBody.Line)) return false;
        }
    }

    /** The body of an error answer to a stream request, as far as it comes within {@code limit}. */
    private String errorBody(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        StringBuilder text = new StringBuilder();
        while (text.length() < MAX_ERROR_BODY) {
            if (!(body.next(deadline) instanceof StreamingBody.Line line)) break;
            if (!text.isEmpty()) text.append('\n');
            text.append(line.text());
        }
        return text.toString();
    }
}
