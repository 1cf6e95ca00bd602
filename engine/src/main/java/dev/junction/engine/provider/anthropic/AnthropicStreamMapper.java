package dev.junction.engine.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.StreamPiece;
import dev.junction.engine.provider.http.SseReader;
import dev.junction.engine.provider.http.StreamMapper;
import dev.junction.engine.provider.http.WireJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Messages API stream, event by event: {@code message_start} (model, first usage: the input, cache read and
 * cache write counts come here); content blocks opened by
 * {@code content_block_start} and filled by {@code content_block_delta}; the stop reason and the cumulative usage in
 * {@code message_delta}; and {@code message_stop}, the end marker that makes the answer whole. Pieces:
 * <ul>
 *   <li>{@code text} blocks and their {@code text_delta}: {@link StreamPiece.Text};</li>
 *   <li>a {@code tool_use} block's start: {@link StreamPiece.ToolCallDelta} with its index among the answer's tool
 *       calls, id, name and empty arguments; each {@code input_json_delta}: the next fragment of its arguments. When
 *       the request asked for JSON, the JSON tool's fragments are {@link StreamPiece.Text} instead: they are the
 *       answer ({@link AnthropicControls});</li>
 *   <li>{@code thinking_delta}: {@link StreamPiece.ReasoningDelta} text; {@code signature_delta} (just before the
 *       block ends): a {@code ReasoningDelta} of the signature alone. A {@code redacted_thinking} block sends no piece
 *       (it has nothing to show) but is kept for the answer's reasoning;</li>
 * </ul>
 * Empty fragments send nothing. The answer ({@link #response}) holds what the pieces made, in block order. Pings,
 * {@code content_block_stop} and events added later add nothing; an {@code error} event is the provider failing
 * mid-stream ({@link AnthropicErrors#fromStreamError}). Not thread-safe: one per stream.
 */
final class AnthropicStreamMapper implements StreamMapper {
    private final String requestedModel;
    private final String jsonTool;
    private final AnthropicErrors errors;
    private final StringBuilder content = new StringBuilder();
    /** The tool and reasoning blocks by their index in the message, and in the order they started. */
    private final Map<Integer, Block> blocks = new HashMap<>();
    private final List<Block> order = new ArrayList<>();
    private int toolCalls;
    private boolean answeredInJson;
    private boolean started;
    private String model;
    private String stopReason;
    private Integer inputTokens;
    private Integer outputTokens;
    private Integer cacheCreation;
    private Integer cacheRead;
    private AnthropicWire.CacheCreation cacheCreationByTtl;
    private final String cacheTtl;
    private boolean complete;

    /** @param jsonTool the JSON tool's name when the request asked for JSON ({@link AnthropicControls#jsonToolName}), else null */
    AnthropicStreamMapper(String requestedModel, String jsonTool, AnthropicErrors errors) {
        this(requestedModel, jsonTool, errors, null);
    }

    /** @param cacheTtl the TTL of the request's cache breakpoint, or null ({@link AnthropicMapper#usage}) */
    AnthropicStreamMapper(String requestedModel, String jsonTool, AnthropicErrors errors, String cacheTtl) {
        this.cacheTtl = cacheTtl;
        this.requestedModel = requestedModel;
        this.jsonTool = jsonTool;
        this.errors = errors;
    }

    @Override
    public List<StreamPiece> accept(SseReader.Event event, int status) throws AnthropicMapper.NotAMessage {
        try {
            return accept(event.name(), event.data());
        } catch (StreamError e) {
            throw new ProviderException(errors.fromStreamError(e.type(), e.detail()));
        }
    }

    /**
     * Takes one event.
     *
     * @param event the SSE {@code event:} name (may be null); the data's {@code type} wins when both are present
     * @param data  the SSE data, a JSON object
     * @return the pieces this event adds (often none)
     * @throws AnthropicMapper.NotAMessage when the data is not JSON, or a delta belongs to no block that started
     * @throws StreamError                 for an {@code error} event
     */
    List<StreamPiece> accept(String event, String data) throws AnthropicMapper.NotAMessage, StreamError {
        AnthropicWire.StreamEvent e;
        try {
            e = AnthropicMapper.JSON.readValue(data, AnthropicWire.StreamEvent.class);
        } catch (JsonProcessingException ex) {
            throw new AnthropicMapper.NotAMessage("a stream event is not valid JSON" + WireJson.at(ex.getLocation()));
        }
        String type = e != null && e.type() != null ? e.type() : event;
        if (type == null) return List.of();
        List<StreamPiece> pieces = switch (type) {
            case "message_start" -> {
                if (e.message() != null) {
                    model = e.message().model();
                    take(e.message().usage());
                }
                yield List.of();
            }
            case "content_block_start" -> e.contentBlock() == null ? List.of() : start(e.index(), e.contentBlock());
            case "content_block_delta" -> e.delta() == null ? List.of() : delta(e.index(), e.delta());
            case "message_delta" -> {
                if (e.delta() != null && e.delta().stopReason() != null) stopReason = e.delta().stopReason();
                take(e.usage());
                yield List.of();
            }
            case "message_stop" -> {
                complete = true;
                yield List.of();
            }
            case "error" -> {
                AnthropicWire.ErrorDetail error = e.error() == null ? AnthropicWire.ErrorDetail.NONE : e.error();
                throw new StreamError(error.type(), error.message());
            }
            default -> List.of(); // ping, content_block_stop, and events added later
        };
        if (!pieces.isEmpty()) started = true;
        return pieces;
    }

    private List<StreamPiece> start(Integer index, AnthropicWire.ContentBlock block) throws AnthropicMapper.NotAMessage {
        if (block.type() == null) return List.of();
        switch (block.type()) {
            case "text" -> {
                return text(block.text());
            }
            case "tool_use" -> {
                if (block.name() == null) throw new AnthropicMapper.NotAMessage("a tool_use block has no name");
                if (block.name().equals(jsonTool)) {
                    answeredInJson = true;
                    open(index, new Block(Kind.JSON));
                    return List.of();
                }
                Block tool = open(index, new Block(Kind.TOOL));
                tool.toolIndex = toolCalls++;
                tool.id = block.id();
                tool.name = block.name();
                return List.of(new StreamPiece.ToolCallDelta(tool.toolIndex, tool.id, tool.name, ""));
            }
            case "thinking" -> {
                Block thinking = open(index, new Block(Kind.THINKING));
                if (block.signature() != null && !block.signature().isEmpty()) thinking.signature = block.signature();
                return thinking(thinking, block.thinking());
            }
            case "redacted_thinking" -> {
                open(index, new Block(Kind.REDACTED)).data = block.data();
                return List.of();
            }
            default -> {
                return List.of(); // server tools and blocks added later
            }
        }
    }

    private List<StreamPiece> delta(Integer index, AnthropicWire.Delta delta) throws AnthropicMapper.NotAMessage {
        if (delta.type() == null) return List.of();
        switch (delta.type()) {
            case "text_delta" -> {
                return text(delta.text());
            }
            case "input_json_delta" -> {
                Block block = block(index, delta.type());
                String fragment = delta.partialJson();
                if (fragment == null || fragment.isEmpty()) return List.of();
                if (block.kind == Kind.JSON) return text(fragment);
                if (block.kind != Kind.TOOL) throw new AnthropicMapper.NotAMessage("an input_json_delta for a block that is no tool_use");
                block.text.append(fragment);
                return List.of(new StreamPiece.ToolCallDelta(block.toolIndex, null, null, fragment));
            }
            case "thinking_delta" -> {
                return thinking(thinkingBlock(index, delta.type()), delta.thinking());
            }
            case "signature_delta" -> {
                Block block = thinkingBlock(index, delta.type());
                if (delta.signature() == null || delta.signature().isEmpty()) return List.of();
                block.signature = delta.signature();
                return List.of(new StreamPiece.ReasoningDelta(null, delta.signature()));
            }
            default -> {
                return List.of(); // citations_delta and deltas added later
            }
        }
    }

    private Block open(Integer index, Block block) throws AnthropicMapper.NotAMessage {
        if (index == null) throw new AnthropicMapper.NotAMessage("a content_block_start has no index");
        blocks.put(index, block);
        order.add(block);
        return block;
    }

    private Block block(Integer index, String delta) throws AnthropicMapper.NotAMessage {
        Block block = index == null ? null : blocks.get(index);
        if (block == null) throw new AnthropicMapper.NotAMessage("a " + delta + " for a content block that never started");
        return block;
    }

    private Block thinkingBlock(Integer index, String delta) throws AnthropicMapper.NotAMessage {
        Block block = block(index, delta);
        if (block.kind != Kind.THINKING) throw new AnthropicMapper.NotAMessage("a " + delta + " for a block that is no thinking block");
        return block;
    }

    private static List<StreamPiece> thinking(Block block, String text) {
        if (text == null || text.isEmpty()) return List.of();
        block.text.append(text);
        return List.of(new StreamPiece.ReasoningDelta(text, null));
    }

    /** Whether {@code message_stop} came: the answer is whole. */
    @Override
    public boolean complete() {
        return complete;
    }

    /** Whether any piece went out: text, a tool call's start or arguments, reasoning. */
    @Override
    public boolean started() {
        return started;
    }

    @Override
    public ChatResponse response() {
        AnthropicWire.Usage total = new AnthropicWire.Usage(inputTokens, outputTokens, cacheCreation, cacheRead, cacheCreationByTtl);
        List<ToolCall> calls = new ArrayList<>();
        List<Reasoning> reasoning = new ArrayList<>();
        for (Block b : order) {
            switch (b.kind) {
                case TOOL -> calls.add(new ToolCall(b.id, b.name, b.text.toString()));
                case THINKING -> reasoning.add(Reasoning.text(b.text.toString(), b.signature));
                case REDACTED -> {
                    if (b.data != null) reasoning.add(Reasoning.redacted(b.data));
                }
                case JSON -> { } // its input went into the content
            }
        }
        return new ChatResponse(content.toString(), AnthropicMapper.finishReason(stopReason, answeredInJson, !calls.isEmpty()),
                AnthropicMapper.usage(total, cacheTtl), AnthropicMapper.modelOr(model, requestedModel), calls, reasoning);
    }

    @Override
    public String endedEarly() {
        return "the stream ended before message_stop";
    }

    private List<StreamPiece> text(String piece) {
        if (piece == null || piece.isEmpty()) return List.of();
        content.append(piece);
        return List.of(new StreamPiece.Text(piece));
    }

    /** Usage in {@code message_delta} is cumulative: the last value of each count is the one. */
    private void take(AnthropicWire.Usage usage) {
        if (usage == null) return;
        if (usage.inputTokens() != null) inputTokens = usage.inputTokens();
        if (usage.outputTokens() != null) outputTokens = usage.outputTokens();
        if (usage.cacheCreationInputTokens() != null) cacheCreation = usage.cacheCreationInputTokens();
        if (usage.cacheReadInputTokens() != null) cacheRead = usage.cacheReadInputTokens();
        if (usage.cacheCreation() != null) cacheCreationByTtl = usage.cacheCreation();
    }

    private enum Kind { TOOL, JSON, THINKING, REDACTED }

    /** A tool or reasoning block being streamed: its arguments or thinking text so far, and what its start said. */
    private static final class Block {
        final Kind kind;
        final StringBuilder text = new StringBuilder();
        int toolIndex;
        String id;
        String name;
        String signature;
        String data;

        Block(Kind kind) {
            this.kind = kind;
        }
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
