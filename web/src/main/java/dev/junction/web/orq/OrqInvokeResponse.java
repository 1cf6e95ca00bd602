package dev.junction.web.orq;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.junction.engine.invoke.InvokeResult;
import dev.junction.engine.invoke.InvokeStreamListener;
import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.StreamPiece;
import dev.junction.engine.provider.Usage;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The body of a successful invoke, as the official SDK validates it (reference sections 4 and 8): every
 * required field present, optional fields omitted rather than null, enums from the SDK's closed lists. A stream's
 * chunks are the same body with {@code is_final: false}, one piece each: text as a {@code content} message, a piece
 * of a tool call as a {@code tool_calls} message holding that piece at its {@code index} (OpenAI's delta rule: the
 * id and name on a call's first piece, then argument fragments to append), reasoning as a {@code content} message
 * with empty content and the {@code reasoning} fragment.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrqInvokeResponse(
        String id,
        String created,
        String object,
        String model,
        String provider,
        @JsonProperty("is_final") boolean isFinal,
        Telemetry telemetry,
        String finalized,
        List<Choice> choices,
        OrqUsage usage) {

    public record Telemetry(@JsonProperty("trace_id") String traceId, @JsonProperty("span_id") String spanId) {}

    public record Choice(int index, Message message, @JsonProperty("finish_reason") String finishReason) {}

    /**
     * {@code type: "content"} ({@code content} required, null allowed, so never omitted) or {@code "tool_calls"}
     * ({@code tool_calls} required); {@code reasoning}, {@code reasoning_signature} and {@code redacted_reasoning}
     * on both when the model gave them.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(String type, String role, @JsonInclude(JsonInclude.Include.ALWAYS) String content,
                          @JsonProperty("tool_calls") List<OrqToolCall> toolCalls, String reasoning,
                          @JsonProperty("reasoning_signature") String reasoningSignature,
                          @JsonProperty("redacted_reasoning") String redactedReasoning) {
        static Message text(String content) {
            return new Message("content", "assistant", content, null, null, null, null);
        }
    }

    /** A tool call, whole (invoke) or a piece of one (stream: id on its first piece; name "" after it). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrqToolCall(String id, int index, String type, Function function) {
        public record Function(String name, String arguments) {}

        static OrqToolCall of(String id, int index, String name, String arguments) {
            return new OrqToolCall(id, index, "function", new Function(name == null ? "" : name, arguments == null ? "" : arguments));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrqUsage(@JsonProperty("prompt_tokens") int promptTokens,
                           @JsonProperty("completion_tokens") int completionTokens,
                           @JsonProperty("total_tokens") int totalTokens,
                           @JsonProperty("prompt_tokens_details") Map<String, Integer> promptTokensDetails,
                           @JsonProperty("completion_tokens_details") Map<String, Integer> completionTokensDetails) {
        static OrqUsage of(Usage u) {
            return new OrqUsage(u.promptTokens(), u.completionTokens(), u.totalTokens(),
                    u.cachedPromptTokens() > 0 ? Map.of("cached_tokens", u.cachedPromptTokens()) : null,
                    u.reasoningTokens() > 0 ? Map.of("reasoning_tokens", u.reasoningTokens()) : null);
        }
    }

    /** {@code withUsage}: false when the request's {@code invoke_options.include_usage} was false. */
    public static OrqInvokeResponse from(InvokeResult result, String finalizedAt, boolean withUsage) {
        return last(result, finalizedAt, answer(result.response()), withUsage);
    }

    /**
     * The answer as Orquesta's message: {@code tool_calls} when the model called tools (its text, if any, in
     * {@code content}, else null), else {@code content}. The message holds one reasoning text and one signature: the
     * texts of all reasoning blocks joined, the last block's signature, the first redacted block.
     */
    static Message answer(ChatResponse r) {
        String text = null, signature = null, redacted = null;
        for (Reasoning block : r.reasoning()) {
            if (block.text() != null) {
                text = text == null ? block.text() : text + block.text();
                if (block.signature() != null) signature = block.signature();
            }
            if (block.redacted() != null && redacted == null) redacted = block.redacted();
        }
        if (!r.hasToolCalls()) return new Message("content", "assistant", r.content(), null, text, signature, redacted);
        List<OrqToolCall> calls = new ArrayList<>();
        for (int i = 0; i < r.toolCalls().size(); i++) {
            ToolCall c = r.toolCalls().get(i);
            calls.add(OrqToolCall.of(c.id(), i, c.name(), c.arguments()));
        }
        return new Message("tool_calls", "assistant", r.content().isEmpty() ? null : r.content(), calls, text, signature, redacted);
    }

    /** A stream's chunk carrying one piece of the answer ({@code is_final: false}, no usage yet). */
    public static OrqInvokeResponse delta(InvokeStreamListener.Start start, String text) {
        return chunk(start, Message.text(text));
    }

    /** A stream's chunk with one piece of a tool call: a {@code tool_calls} message of that one piece, by index. */
    public static OrqInvokeResponse toolCallDelta(InvokeStreamListener.Start start, StreamPiece.ToolCallDelta d) {
        return chunk(start, new Message("tool_calls", "assistant", null,
                List.of(OrqToolCall.of(d.id(), d.index(), d.name(), d.arguments())), null, null, null));
    }

    /** A stream's chunk with a piece of reasoning (empty content), or a reasoning block's signature. */
    public static OrqInvokeResponse reasoningDelta(InvokeStreamListener.Start start, StreamPiece.ReasoningDelta d) {
        return chunk(start, new Message("content", "assistant", "", null, d.text(), d.signature(), null));
    }

    private static OrqInvokeResponse chunk(InvokeStreamListener.Start start, Message message) {
        return new OrqInvokeResponse(start.id().toString(), start.created().toString(), "chat", start.model().model(),
                start.orqProvider(), false, telemetry(start.id()), null, List.of(new Choice(0, message, null)), null);
    }

    /** The last chunk of a stream: no more text, the finish reason, the usage. */
    public static OrqInvokeResponse finalChunk(InvokeResult result, String finalizedAt, boolean withUsage) {
        return last(result, finalizedAt, Message.text(""), withUsage);
    }

    private static OrqInvokeResponse last(InvokeResult result, String finalizedAt, Message message, boolean withUsage) {
        return new OrqInvokeResponse(
                result.id().toString(),
                result.created().toString(),
                "chat",
                result.model().model(),
                result.orqProvider(),
                true,
                telemetry(result.id()),
                finalizedAt,
                List.of(new Choice(0, message, result.response().finishReason())),
                withUsage ? OrqUsage.of(result.response().usage()) : null);
    }

    private static Telemetry telemetry(java.util.UUID id) {
        String hex = HexFormat.of().formatHex(toBytes(id));
        return new Telemetry(hex, hex.substring(16));
    }

    private static byte[] toBytes(java.util.UUID id) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
        b.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
        return b.array();
    }
}
