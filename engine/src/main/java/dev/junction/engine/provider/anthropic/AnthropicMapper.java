package dev.junction.engine.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.provider.http.WireJson;
import dev.junction.engine.provider.http.MalformedAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pure translation between Junction's provider-neutral types and the Messages API. No I/O; the only state is a
 * thread-safe, immutable JSON mapper. Streams: {@link AnthropicStreamMapper}.
 * <p>Requests:
 * <ul>
 *   <li>system (and developer) messages become the top-level {@code system}, joined by a blank line, in order;</li>
 *   <li>the other messages alternate user/assistant: consecutive messages of one role are merged into one turn
 *       (joined by a blank line), tool messages count as user turns (a prompt message carries no tool-use id to
 *       make a {@code tool_result} of), and messages with no text are left out (Anthropic refuses empty turns);</li>
 *   <li>{@code max_tokens} is required by Anthropic: the variant's {@code maxTokens}, else {@value #DEFAULT_MAX_TOKENS};</li>
 *   <li>{@code temperature}, {@code top_p}, {@code top_k} and {@code stop} (as {@code stop_sequences}) pass through;
 *       tools become {@code {name, description, input_schema}}. Anthropic has no presence or frequency penalty, seed
 *       or OpenAI-style {@code response_format}: those are not sent.</li>
 * </ul>
 * Answers: the text blocks of {@code content} joined; {@code stop_reason} as OpenAI's finish reasons
 * ({@link #finishReason}); usage as in {@link #usage}.
 */
final class AnthropicMapper {
    /** {@code max_tokens} when the variant sets none: every current Claude model can produce at least this many. */
    static final int DEFAULT_MAX_TOKENS = 4096;

    static final ObjectMapper JSON = WireJson.lenientMapper();

    private AnthropicMapper() {
    }

    // ---- requests ----------------------------------------------------------------------------------------------

    static AnthropicWire.MessagesRequest toWire(ChatRequest request, boolean stream) {
        ModelParameters p = request.parameters();
        List<String> system = new ArrayList<>();
        List<AnthropicWire.Message> turns = new ArrayList<>();
        String role = null;
        StringBuilder turn = new StringBuilder();
        for (PromptMessage message : request.messages()) {
            if (message.content().isBlank()) continue;
            String wireRole = switch (message.role()) {
                case SYSTEM, DEVELOPER -> null;
                case USER, TOOL -> "user";
                case ASSISTANT -> "assistant";
            };
            if (wireRole == null) {
                system.add(message.content());
                continue;
            }
            if (!wireRole.equals(role)) {
                if (role != null) turns.add(new AnthropicWire.Message(role, turn.toString()));
                role = wireRole;
                turn.setLength(0);
            } else {
                turn.append("\n\n");
            }
            turn.append(message.content());
        }
        if (role != null) turns.add(new AnthropicWire.Message(role, turn.toString()));
        int maxTokens = p.maxTokens() != null && p.maxTokens() > 0 ? p.maxTokens() : DEFAULT_MAX_TOKENS;
        List<String> stop = p.stop() == null || p.stop().isEmpty() ? null : p.stop();
        return new AnthropicWire.MessagesRequest(request.model(), maxTokens,
                system.isEmpty() ? null : String.join("\n\n", system), List.copyOf(turns),
                p.temperature(), p.topP(), p.topK(), stop, tools(p), stream ? Boolean.TRUE : null);
    }

    private static List<AnthropicWire.Tool> tools(ModelParameters p) {
        if (p.tools() == null || p.tools().isEmpty()) return null;
        return p.tools().stream().map(AnthropicMapper::tool).toList();
    }

    private static AnthropicWire.Tool tool(ToolSpec t) {
        Map<String, Object> schema = t.parameters() != null ? t.parameters() : Map.of("type", "object", "properties", Map.of());
        return new AnthropicWire.Tool(t.name(), t.description(), schema);
    }

    static String requestBody(ChatRequest request, boolean stream) {
        try {
            return JSON.writeValueAsString(toWire(request, stream));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a messages request", e);
        }
    }

    // ---- answers -----------------------------------------------------------------------------------------------

    /**
     * Reads a 2xx body.
     *
     * @param requestedModel the model asked for, used when the body does not name one
     * @throws NotAMessage when the body is not JSON or not a {@code message}
     */
    static ChatResponse fromJson(String body, String requestedModel) throws NotAMessage {
        AnthropicWire.MessageResponse message =
                WireJson.readAnswer(JSON, body, AnthropicWire.MessageResponse.class, "message", NotAMessage::new);
        if (!"message".equals(message.type())) {
            throw new NotAMessage("the body is not a message (type " + (message.type() == null ? "missing" : "'" + cut(message.type()) + "'") + ")");
        }
        if (message.content() == null) {
            throw new NotAMessage("the message has no content");
        }
        StringBuilder text = new StringBuilder();
        for (AnthropicWire.ContentBlock block : message.content()) {
            if (block != null && "text".equals(block.type()) && block.text() != null) text.append(block.text());
        }
        return new ChatResponse(text.toString(), finishReason(message.stopReason()), usage(message.usage()),
                modelOr(message.model(), requestedModel));
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
     * {@code cachedPromptTokens = cache_read_input_tokens}; {@code completionTokens = output_tokens}.
     * (Cache writes are billed above the input price; Junction counts them as plain prompt tokens.)
     */
    static Usage usage(AnthropicWire.Usage usage) {
        if (usage == null) return Usage.NONE;
        int cacheRead = WireJson.orZero(usage.cacheReadInputTokens());
        return new Usage(WireJson.orZero(usage.inputTokens()) + cacheRead + WireJson.orZero(usage.cacheCreationInputTokens()),
                WireJson.orZero(usage.outputTokens()), cacheRead);
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
