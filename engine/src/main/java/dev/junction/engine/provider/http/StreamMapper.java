package dev.junction.engine.provider.http;

import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.StreamPiece;
import java.net.http.HttpHeaders;
import java.util.List;

/**
 * One provider's stream, event by event (port): what every streaming adapter implements, in its
 * {@code <Vendor>StreamMapper}. The shared path ({@link HttpCalls#stream}) reads the body, frames its events with the
 * one {@link SseReader}, keeps the first-token and idle limits and hands each event with data here; the mapper says
 * what text it adds and when the answer is whole. Made afresh for every stream; not thread-safe.
 */
public interface StreamMapper {
    /**
     * One event of a 2xx stream (its data is never blank).
     *
     * @param status the stream's HTTP status
     * @return the pieces the event adds (text, tool-call pieces, reasoning; to go to the client at once), or an
     *         empty list
     * @throws MalformedAnswer when the event is not the wire's
     * @throws dev.junction.engine.provider.ProviderException for an error the provider sent in the stream
     */
    List<StreamPiece> accept(SseReader.Event event, int status) throws MalformedAnswer;

    /**
     * Whether any piece came yet (text, a tool call, reasoning): before it the first-token limit runs, after it the
     * idle limit between lines.
     */
    boolean started();

    /** Whether the wire's end marker came ({@code [DONE]}, {@code message_stop}): nothing more is read. */
    boolean complete();

    /**
     * Whether the answer is whole if the body ends (or breaks) now. {@link #complete} unless the wire has no end
     * marker and its last event says so instead (Gemini: a {@code finishReason}).
     */
    default boolean wholeAtEnd() {
        return complete();
    }

    /** The answer so far. */
    ChatResponse response();

    /** Why a body that ended before the answer was whole is not a whole stream ("the stream ended before X"). */
    String endedEarly();

    /**
     * A non-2xx answer to the stream request that this wire reads itself, or null for the connection's
     * {@link ProviderErrors#fromResponse} (all but OpenAI's refused {@code stream_options}).
     */
    default RuntimeException refused(int status, HttpHeaders headers, String body) {
        return null;
    }

    /** One text piece, or none for null or empty text. */
    static List<StreamPiece> text(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(new StreamPiece.Text(text));
    }
}
