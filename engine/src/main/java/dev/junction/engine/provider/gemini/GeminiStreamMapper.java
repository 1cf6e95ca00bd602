package dev.junction.engine.provider.gemini;

import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.StreamPiece;
import dev.junction.engine.provider.http.SseReader;
import dev.junction.engine.provider.http.StreamMapper;
import java.util.List;

/**
 * One {@code streamGenerateContent?alt=sse} stream, event by event: each event's data is a whole
 * {@code GenerateContentResponse} chunk ({@link GeminiMapper#parseEvent}), or Google's error object, which is the
 * provider failing mid-stream ({@link GeminiErrors#fromStreamError}); a blocked prompt is
 * {@link GeminiErrors#promptBlocked}. Gemini sends no end marker: the body is read to its end, and the answer is
 * whole when a chunk said why it ended (a {@code finishReason}), even if the connection then breaks. Each chunk's
 * parts become pieces as {@link GeminiAnswer} reads them: text, reasoning (thought parts) and whole tool calls (one
 * {@link StreamPiece.ToolCallDelta} a call, arguments complete). Not thread-safe: one per stream.
 */
final class GeminiStreamMapper implements StreamMapper {
    private final GeminiErrors errors;
    private final GeminiAnswer state;

    GeminiStreamMapper(String requestedModel, GeminiErrors errors) {
        this.errors = errors;
        this.state = new GeminiAnswer(requestedModel);
    }

    @Override
    public List<StreamPiece> accept(SseReader.Event event, int status) throws GeminiMapper.NotAnAnswer {
        try {
            return switch (GeminiMapper.parseEvent(event.data())) {
                case GeminiMapper.StreamEvent.Error error -> throw new ProviderException(errors.fromStreamError(error.error()));
                case GeminiMapper.StreamEvent.Chunk chunk -> state.accept(chunk.response());
            };
        } catch (GeminiMapper.PromptBlocked e) {
            throw new ProviderException(errors.promptBlocked(status, e.blockReason()));
        }
    }

    @Override
    public boolean started() {
        return state.started();
    }

    /** Never: Gemini has no end marker, so the body is read to its end. */
    @Override
    public boolean complete() {
        return false;
    }

    @Override
    public boolean wholeAtEnd() {
        return state.finished();
    }

    @Override
    public ChatResponse response() {
        return state.response();
    }

    @Override
    public String endedEarly() {
        return "the stream ended before a chunk with a finishReason";
    }
}
