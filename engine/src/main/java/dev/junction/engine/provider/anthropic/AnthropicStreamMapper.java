package dev.junction.engine.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.http.SseReader;
import dev.junction.engine.provider.http.StreamMapper;
import dev.junction.engine.provider.http.WireJson;

/**
 * One Messages API stream, event by event: {@code message_start} (model, first usage), text in
 * {@code content_block_start} / {@code content_block_delta} ({@code text_delta}), the stop reason and the cumulative
 * usage in {@code message_delta}, and {@code message_stop}, the end marker that makes the answer whole. Pings,
 * {@code content_block_stop}, tool-input deltas and events added later add nothing; an {@code error} event is the
 * provider failing mid-stream ({@link AnthropicErrors#fromStreamError}). Not thread-safe: one per stream.
 */
final class AnthropicStreamMapper implements StreamMapper {
    private final String requestedModel;
    private final AnthropicErrors errors;
    private final StringBuilder content = new StringBuilder();
    private String model;
    private String stopReason;
    private Integer inputTokens;
    private Integer outputTokens;
    private Integer cacheCreation;
    private Integer cacheRead;
    private boolean complete;

    AnthropicStreamMapper(String requestedModel, AnthropicErrors errors) {
        this.requestedModel = requestedModel;
        this.errors = errors;
    }

    @Override
    public java.util.List<dev.junction.engine.provider.StreamPiece> accept(SseReader.Event event, int status) throws AnthropicMapper.NotAMessage {
        try {
            return dev.junction.engine.provider.http.StreamMapper.text(accept(event.name(), event.data()));
        } catch (StreamError e) {
            throw new ProviderException(errors.fromStreamError(e.type(), e.detail()));
        }
    }

    /**
     * Takes one event.
     *
     * @param event the SSE {@code event:} name (may be null); the data's {@code type} wins when both are present
     * @param data  the SSE data, a JSON object
     * @return the text this event adds, or null when it adds none
     * @throws AnthropicMapper.NotAMessage when the data is not JSON
     * @throws StreamError                 for an {@code error} event
     */
    String accept(String event, String data) throws AnthropicMapper.NotAMessage, StreamError {
        AnthropicWire.StreamEvent e;
        try {
            e = AnthropicMapper.JSON.readValue(data, AnthropicWire.StreamEvent.class);
        } catch (JsonProcessingException ex) {
            throw new AnthropicMapper.NotAMessage("a stream event is not valid JSON" + WireJson.at(ex.getLocation()));
        }
        String type = e != null && e.type() != null ? e.type() : event;
        if (type == null) return null;
        switch (type) {
            case "message_start" -> {
                if (e.message() != null) {
                    model = e.message().model();
                    take(e.message().usage());
                }
            }
            case "content_block_start" -> {
                if (e.contentBlock() != null && "text".equals(e.contentBlock().type())) return text(e.contentBlock().text());
            }
            case "content_block_delta" -> {
                if (e.delta() != null && "text_delta".equals(e.delta().type())) return text(e.delta().text());
            }
            case "message_delta" -> {
                if (e.delta() != null && e.delta().stopReason() != null) stopReason = e.delta().stopReason();
                take(e.usage());
            }
            case "message_stop" -> complete = true;
            case "error" -> {
                AnthropicWire.ErrorDetail error = e.error() == null ? AnthropicWire.ErrorDetail.NONE : e.error();
                throw new StreamError(error.type(), error.message());
            }
            default -> { } // ping, content_block_stop, and events added later
        }
        return null;
    }

    /** Whether {@code message_stop} came: the answer is whole. */
    @Override
    public boolean complete() {
        return complete;
    }

    @Override
    public boolean started() {
        return !content.isEmpty();
    }

    @Override
    public ChatResponse response() {
        AnthropicWire.Usage total = new AnthropicWire.Usage(inputTokens, outputTokens, cacheCreation, cacheRead);
        return new ChatResponse(content.toString(), AnthropicMapper.finishReason(stopReason), AnthropicMapper.usage(total),
                AnthropicMapper.modelOr(model, requestedModel));
    }

    @Override
    public String endedEarly() {
        return "the stream ended before message_stop";
    }

    private String text(String piece) {
        if (piece == null || piece.isEmpty()) return null;
        content.append(piece);
        return piece;
    }

    /** Usage in {@code message_delta} is cumulative: the last value of each count is the one. */
    private void take(AnthropicWire.Usage usage) {
        if (usage == null) return;
        if (usage.inputTokens() != null) inputTokens = usage.inputTokens();
        if (usage.outputTokens() != null) outputTokens = usage.outputTokens();
        if (usage.cacheCreationInputTokens() != null) cacheCreation = usage.cacheCreationInputTokens();
        if (usage.cacheReadInputTokens() != null) cacheRead = usage.cacheReadInputTokens();
    }

    /** An {@code error} event in a stream: Anthropic's error type and message. */
    static final class StreamError extends Exception {
        private final String type;
        private final String detail;

        StreamError(String type, String detail) {
            super(type, null, false, false);
            this.type = type;
            this.detail = detail;
        }

        String type() {
            return type;
        }

        String detail() {
            return detail;
        }
    }
}
