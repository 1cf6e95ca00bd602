package dev.junction.web.http;

import dev.junction.engine.invoke.InvokeResult;
import dev.junction.engine.invoke.InvokeStreamListener;
import dev.junction.engine.invoke.StreamTruncatedException;
import dev.junction.engine.provider.StreamPiece;
import java.util.List;

/**
 * How one wire format spells a streamed answer: the only part of a stream that differs between the Orquesta and the
 * OpenAI front door ({@link InvokeResponder#stream} does the rest). One instance per stream: it may keep what
 * {@link #opening} told it.
 */
public interface StreamEncoder {

    /** One server-sent event: {@code event: <name>} (none when {@code name} is null) and {@code data: <json>}. */
    record Event(String name, Object data) {
        public static Event data(Object data) {
            return new Event(null, data);
        }
    }

    /**
     * The chunks that open the stream, sent right after the headers; {@code start} names the request and the model
     * that answers. An answer with no text at all opens too, just before {@link #closing}.
     */
    List<Object> opening(InvokeStreamListener.Start start);

    /** The chunk carrying one piece (text, a piece of a tool call, reasoning), or null when the wire has none for it. */
    Object piece(StreamPiece piece);

    /** The chunks after the last piece (the finish reason, the usage), before {@code data: [DONE]}. */
    List<Object> closing(InvokeResult result);

    /** The last event of a stream that broke off after it had started; no {@code [DONE]} follows it. */
    Event truncated(StreamTruncatedException e);
}
