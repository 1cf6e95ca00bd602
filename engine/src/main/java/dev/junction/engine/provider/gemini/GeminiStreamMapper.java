package dev.junction.engine.provider.gemini;

import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.http.SseReader;
import dev.junction.engine.provider.http.StreamMapper;

/**
 * One {@code streamGenerateContent?alt=sse} stream, event by event: each event's data is a whole
 * {@code GenerateContentResponse} chunk ({@link GeminiMapper#parseEvent}), or Google's error object, which is the
 * provider failing mid-stream ({@link GeminiErrors#fromStreamError}); a blocked prompt is
 * {@link GeminiErrors#promptBlocked}. Gemini sends no end marker: the body is read to its end, and the answer is
 * whole when a chunk said why it ended (a {@code finishReason}), even if the connection then breaks. Not
 * thread-safe: one per stream.
 */
final class GeminiStreamMapper implements StreamMapper {
    private final GeminiErrors errors;
    private final GeminiMapper.StreamState state;

    GeminiStreamMapper(String requestedModel, GeminiErrors errors) {
        this.errors = errors;
        this.state = new GeminiMapper.StreamState(requestedModel);
    }

    @Override
    public java.util.List<dev.junction.engine.provider.StreamPiece> accept(SseReader.Event event, int status) throws GeminiMapper.NotAnAnswer {
        try {
            String delta = switch (GeminiMapper.parseEvent(event.data())) {
                case GeminiMapper.StreamEvent.Error error -> throw new ProviderException(errors.fromStreamError(error.error()));
                case GeminiMapper.StreamEvent.Chunk chunk -> state.accept(chunk.response());
            };
            return dev.junction.engine.provider.http.StreamMapper.text(delta.isEmpty() ? null : delta);
        } catch (GeminiMapper.PromptBlocked e) {
            throw new ProviderException(errors.promptBlocked(status, e.blockReason()));
        }
    }

    @Override
    public boolean started() {
        return state.hasText();
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
