package dev.junction.web.openai;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.junction.engine.invoke.InvokeResult;
import dev.junction.engine.invoke.InvokeStreamListener;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.StreamPiece;
import dev.junction.engine.provider.Usage;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The answers of {@code POST /v1/chat/completions} in OpenAI's wire format: a {@code chat.completion}, or a stream of
 * {@code chat.completion.chunk}s.
 * <ul>
 *   <li>{@code id} is {@code chatcmpl-<request id>}, the id of the request log (also {@code X-Junction-Request-Id});</li>
 *   <li>{@code model} is the model that answered, as the deployment configures it (the primary's or, after a
 *       fallback, the fallback's), not the deployment key the caller sent: OpenAI too answers with the model that
 *       served, and cost trackers read it;</li>
 *   <li>{@code system_fingerprint} names the deployment version that served: {@code junction:<key>@v3};</li>
 *   <li>tool calls as {@code message.tool_calls} with {@code finish_reason: "tool_calls"}, streamed as
 *       {@code delta.tool_calls} by {@code index} (id, type and name on a call's first piece, argument fragments
 *       after); reasoning text as {@code reasoning_content} (DeepSeek's extension; OpenAI itself returns no reasoning
 *       text), streamed as {@code delta.reasoning_content}; signatures are not on this wire.</li>
 * </ul>
 */
public final class ChatCompletions {
    private static final Set<String> FINISH_REASONS = Set.of("stop", "length", "content_filter", "tool_calls", "function_call");

    private ChatCompletions() {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Completion(String id, String object, long created, String model,
                             @JsonProperty("system_fingerprint") String systemFingerprint,
                             List<Choice> choices, CompletionUsage usage) {}

    public record Choice(int index, Message message,
                         @JsonInclude(JsonInclude.Include.ALWAYS) Object logprobs,
                         @JsonProperty("finish_reason") String finishReason) {}

    /**
     * {@code content} is always present (null when the model only called tools, as OpenAI sends it); {@code refusal}
     * null; {@code tool_calls} when the model called tools; {@code reasoning_content} the model's reasoning text
     * where the provider returned it (DeepSeek's extension of the wire, which OpenAI's SDKs keep as an extra member).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Message(String role, @JsonInclude(JsonInclude.Include.ALWAYS) String content,
                          @JsonInclude(JsonInclude.Include.ALWAYS) String refusal,
                          @JsonProperty("tool_calls") List<WireToolCall> toolCalls,
                          @JsonProperty("reasoning_content") String reasoningContent) {}

    /** A tool call as OpenAI writes it: whole in a message; in a stream's delta, by {@code index}, in pieces. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WireToolCall(Integer index, String id, String type, WireFunction function) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WireFunction(String name, String arguments) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CompletionUsage(@JsonProperty("prompt_tokens") int promptTokens,
                                  @JsonProperty("completion_tokens") int completionTokens,
                                  @JsonProperty("total_tokens") int totalTokens,
                                  @JsonProperty("prompt_tokens_details") PromptTokensDetails promptTokensDetails,
                                  @JsonProperty("completion_tokens_details") CompletionTokensDetails completionTokensDetails) {}

    public record PromptTokensDetails(@JsonProperty("cached_tokens") int cachedTokens) {}

    public record CompletionTokensDetails(@JsonProperty("reasoning_tokens") int reasoningTokens) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Chunk(String id, String object, long created, String model,
                        @JsonProperty("system_fingerprint") String systemFingerprint,
                        List<ChunkChoice> choices, CompletionUsage usage) {}

    public record ChunkChoice(int index, Delta delta,
                              @JsonInclude(JsonInclude.Include.ALWAYS) Object logprobs,
                              @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("finish_reason") String finishReason) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delta(String role, String content, @JsonProperty("reasoning_content") String reasoningContent,
                        @JsonProperty("tool_calls") List<WireToolCall> toolCalls) {
        Delta(String role, String content) {
            this(role, content, null, null);
        }
    }

    public static Completion completion(InvokeResult result) {
        ChatResponse r = result.response();
        List<WireToolCall> calls = r.hasToolCalls() ? r.toolCalls().stream()
                .map(c -> new WireToolCall(null, c.id(), "function", new WireFunction(c.name(), c.arguments()))).toList() : null;
        String content = calls != null && r.content().isEmpty() ? null : r.content();
        return new Completion(id(result.id()), "chat.completion", result.created().getEpochSecond(), result.model().model(),
                fingerprint(result.version().key(), result.version().label()),
                List.of(new Choice(0, new Message("assistant", content, null, calls, r.reasoningText()), null,
                        finishReason(r.finishReason()))),
                usage(r.usage()));
    }

    /** What every chunk of one stream shares: id, created, model, fingerprint. */
    public record StreamHead(String id, long created, String model, String fingerprint) {
        public static StreamHead of(InvokeStreamListener.Start start) {
            return new StreamHead(ChatCompletions.id(start.id()), start.created().getEpochSecond(), start.model().model(),
                    ChatCompletions.fingerprint(start.version().key(), start.version().label()));
        }

        /** The first chunk: the role, and empty content. */
        public Chunk role() {
            return chunk(new Delta("assistant", ""), null);
        }

        public Chunk content(String text) {
            return chunk(new Delta(null, text), null);
        }

        /** A piece of a tool call: index; id, type and name on its first piece; an arguments fragment. */
        public Chunk toolCall(StreamPiece.ToolCallDelta d) {
            boolean first = d.id() != null || d.name() != null;
            WireToolCall call = new WireToolCall(d.index(), d.id(), first ? "function" : null,
                    new WireFunction(d.name(), d.arguments() == null ? "" : d.arguments()));
            return chunk(new Delta(null, null, null, List.of(call)), null);
        }

        /** A piece of reasoning text ({@code delta.reasoning_content}). */
        public Chunk reasoning(String text) {
            return chunk(new Delta(null, null, text, null), null);
        }

        /** The last chunk with a choice: an empty delta and the finish reason. */
        public Chunk finish(String reason) {
            return chunk(new Delta(null, null), finishReason(reason));
        }

        /** After the finish, with {@code stream_options.include_usage}: no choices, the usage. */
        public Chunk usage(Usage usage) {
            return new Chunk(id, "chat.completion.chunk", created, model, fingerprint, List.of(), ChatCompletions.usage(usage));
        }

        private Chunk chunk(Delta delta, String finishReason) {
            return new Chunk(id, "chat.completion.chunk", created, model, fingerprint,
                    List.of(new ChunkChoice(0, delta, null, finishReason)), null);
        }
    }

    static String id(UUID requestId) {
        return "chatcmpl-" + requestId;
    }

    static String fingerprint(String key, String label) {
        return "junction:" + key + "@" + label;
    }

    /** OpenAI's closed list; anything else a provider said (or nothing) is {@code stop}. */
    static String finishReason(String reason) {
        return reason != null && FINISH_REASONS.contains(reason) ? reason : "stop";
    }

    static CompletionUsage usage(Usage usage) {
        return new CompletionUsage(usage.promptTokens(), usage.completionTokens(), usage.totalTokens(),
                usage.cachedPromptTokens() > 0 ? new PromptTokensDetails(usage.cachedPromptTokens()) : null,
                usage.reasoningTokens() > 0 ? new CompletionTokensDetails(usage.reasoningTokens()) : null);
    }
}
