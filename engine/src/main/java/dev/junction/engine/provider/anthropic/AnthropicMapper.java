package dev.junction.engine.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.provider.http.WireJson;
import dev.junction.engine.provider.http.MalformedAnswer;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure translation between Junction's provider-neutral types and the Messages API. No I/O; the only state is a
 * thread-safe, immutable JSON mapper. Streams: {@link AnthropicStreamMapper}.
 * <p>Requests: the variant's fixed prefix marked for Anthropic's prompt cache ({@link AnthropicCacheBreakpoints});
 * the conversation as {@link AnthropicTurns} makes it ({@code system}, alternating turns, content
 * blocks from {@link AnthropicContent}); {@code max_tokens} (required by Anthropic), sampling, {@code tools},
 * {@code tool_choice}, {@code thinking} and JSON output as {@link AnthropicControls} makes them; {@code stop} as
 * {@code stop_sequences}. Anthropic has no presence or frequency penalty, seed or {@code response_format}: the
 * penalties and seed are not sent, JSON output goes through a forced tool ({@link AnthropicControls}).
 * <p>Answers: the text blocks of {@code content} joined; {@code tool_use} blocks as tool calls (arguments: the input
 * as JSON text); {@code thinking} as reasoning with its signature, {@code redacted_thinking} as redacted reasoning;
 * {@code stop_reason} as OpenAI's finish reasons ({@link #finishReason}); usage as in {@link #usage}. When the request
 * asked for JSON, the JSON tool's input is the answer's text (after any text blocks, which a forced tool leaves
 * none of) and not a tool call, and its {@code tool_use} stop is {@code stop}.
 */
final class AnthropicMapper {
    /** {@code max_tokens} when the variant sets none: every current Claude model can produce at least this many. */
    static final int DEFAULT_MAX_TOKENS = 4096;

    static final ObjectMapper JSON = WireJson.lenientMapper();

    private AnthropicMapper() {
    }

    // ---- requests ----------------------------------------------------------------------------------------------

    /** @throws dev.junction.engine.provider.ProviderException ({@code Unsupported}) for what Anthropic cannot take */
    static AnthropicWire.MessagesRequest toWire(ChatRequest request, boolean stream) {
        ModelParameters p = request.parameters();
        AnthropicControls.Controls c = AnthropicControls.of(p);
        AnthropicTurns.Conversation conversation = AnthropicTurns.of(request.messages(), c.thinking() != null,
                request.promptCache().messages());
        AnthropicCacheBreakpoints.Placed placed = AnthropicCacheBreakpoints.place(conversation, c.tools(), request.promptCache());
        List<String> stop = p.stop() == null || p.stop().isEmpty() ? null : p.stop();
        return new AnthropicWire.MessagesRequest(request.model(), c.maxTokens(), placed.system(), placed.messages(),
                c.temperature(), c.topP(), c.topK(), stop, placed.tools(), c.toolChoice(), c.thinking(), stream ? Boolean.TRUE : null);
    }

    /** The TTL of the request's cache breakpoint, or null when it sets none. */
    static String cacheTtl(ChatRequest request) {
        return request.promptCache().enabled() ? request.promptCache().settings().effectiveTtl() : null;
    }

    static String requestBody(ChatRequest request, boolean stream) {
        try {
            return JSON.writeValueAsString(toWire(request, stream));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a messages request", e);
        }
    }

    // ---- answers -----------------------------------------------------------------------------------------------

    /** Reads a 2xx body of a free-text request ({@link #fromJson(String, String, String)} with no JSON tool). */
    static ChatResponse fromJson(String body, String requestedModel) throws NotAMessage {
        return fromJson(body, requestedModel, null);
    }

    /**
     * Reads a 2xx body.
     *
     * @param requestedModel the model asked for, used when the body does not name one
     * @param jsonTool       the JSON tool's name when the request asked for JSON ({@link AnthropicControls#jsonToolName}), else null
     * @throws NotAMessage when the body is not JSON or not a {@code message}
     */
    static ChatResponse fromJson(String body, String requestedModel, String jsonTool) throws NotAMessage {
        return fromJson(body, requestedModel, jsonTool, null);
    }

    /**
     * Reads a 2xx body; {@code cacheTtl} is the TTL the request's cache breakpoint asked for (null: none), which
     * prices cache writes when Anthropic gives no breakdown of them ({@link #usage}).
     */
    static ChatResponse fromJson(String body, String requestedModel, String jsonTool, String cacheTtl) throws NotAMessage {
        AnthropicWire.MessageResponse message =
                WireJson.readAnswer(JSON, body, AnthropicWire.MessageResponse.class, "message", NotAMessage::new);
        if (!"message".equals(message.type())) {
            throw new NotAMessage("the body is not a message (type " + (message.type() == null ? "missing" : "'" + cut(message.type()) + "'") + ")");
        }
        if (message.content() == null) {
            throw new NotAMessage("the message has no content");
        }
        StringBuilder text = new StringBuilder();
        StringBuilder json = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        List<Reasoning> reasoning = new ArrayList<>();
        for (AnthropicWire.ContentBlock block : message.content()) {
            if (block == null || block.type() == null) continue;
            switch (block.type()) {
                case "text" -> {
                    if (block.text() != null) text.append(block.text());
                }
                case "tool_use" -> {
                    if (block.name() == null) throw new NotAMessage("a tool_use block has no name");
                    String input = input(block.input());
                    if (block.name().equals(jsonTool)) json.append(input);
                    else calls.add(new ToolCall(block.id(), block.name(), input));
                }
                case "thinking" -> reasoning.add(Reasoning.text(block.thinking() == null ? "" : block.thinking(), block.signature()));
                case "redacted_thinking" -> {
                    if (block.data() != null) reasoning.add(Reasoning.redacted(block.data()));
                }
                default -> { } // server tools, citations... added later
            }
        }
        return new ChatResponse(text.append(json).toString(), finishReason(message.stopReason(), !json.isEmpty(), !calls.isEmpty()),
                usage(message.usage(), cacheTtl), modelOr(message.model(), requestedModel), calls, reasoning);
    }

    /** A {@code tool_use} block's input as JSON text ({@code {}} when it has none). */
    private static String input(JsonNode input) throws NotAMessage {
        if (input == null || input.isNull()) return "{}";
        try {
            return JSON.writeValueAsString(input);
        } catch (JsonProcessingException e) {
            throw new NotAMessage("a tool_use block's input cannot be written as JSON");
        }
    }

    /**
     * The finish reason of an answer: {@link #finishReason(String)}, except that the JSON tool's {@code tool_use} stop
     * (with no other call) is the answer done, {@code stop}.
     */
    static String finishReason(String stopReason, boolean answeredInJson, boolean calledTools) {
        if (answeredInJson && !calledTools && "tool_use".equals(stopReason)) return "stop";
        return finishReason(stopReason);
    }

    /**
     * Anthropic's {@code stop_reason} as the OpenAI-style finish reason the rest of Junction speaks:
     * {@code end_turn} and {@code stop_sequence} are {@code stop}, {@code max_tokens} (and
     * {@code model_context_window_exceeded}) {@code length}, {@code tool_use} {@code tool_calls}, {@code refusal}
     * {@code content_filter}; any other passes through as Anthropic spells it; null stays null.
     */
    static String finishReason(String stopReason) {
        if (stopReason == null) return null;
        return switch (stopReason) {
            case "end_turn", "stop_sequence" -> "stop";
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> stopReason;
        };
    }

    /**
     * Junction's usage from Anthropic's. Anthropic's {@code input_tokens} leaves out the tokens read from the prompt
     * cache and those written to it, so the prompt is all three:
     * {@code promptTokens = input_tokens + cache_read_input_tokens + cache_creation_input_tokens};
     * {@code cachedPromptTokens = cache_read_input_tokens}; {@code cacheWriteTokens = cache_creation_input_tokens},
     * of which {@code cache_creation.ephemeral_1h_input_tokens} are {@code cacheWrite1hTokens} (when Anthropic gives no
     * breakdown, all of them when the request asked for {@code 1h}); {@code completionTokens = output_tokens}.
     *
     * @param ttl the TTL the request's breakpoint asked for ({@code 5m} or {@code 1h}), for a usage with no breakdown
     */
    static Usage usage(AnthropicWire.Usage usage, String ttl) {
        if (usage == null) return Usage.NONE;
        int cacheRead = WireJson.orZero(usage.cacheReadInputTokens());
        int cacheWrite = WireJson.orZero(usage.cacheCreationInputTokens());
        int write1h;
        if (usage.cacheCreation() != null && usage.cacheCreation().ephemeral1hInputTokens() != null) {
            write1h = Math.min(cacheWrite, usage.cacheCreation().ephemeral1hInputTokens());
        } else {
            write1h = "1h".equals(ttl) ? cacheWrite : 0;
        }
        return new Usage(WireJson.orZero(usage.inputTokens()) + cacheRead + cacheWrite,
                WireJson.orZero(usage.outputTokens()), cacheRead, 0, cacheWrite, write1h);
    }

    static Usage usage(AnthropicWire.Usage usage) {
        return usage(usage, null);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    static String modelOr(String model, String requestedModel) {
        return model == null || model.isBlank() ? requestedModel : model;
    }

    private static String cut(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** A 2xx body (or stream event) that is not the Messages API's. The message never quotes the body. */
    static final class NotAMessage extends MalformedAnswer {
        NotAMessage(String message) {
            super(message);
        }
    }
}
