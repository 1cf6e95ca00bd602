package dev.junction.engine.provider.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The OpenAI chat-completions wire format, only the fields Junction reads or writes. Unknown fields are ignored,
 * so vendors' extras ({@code system_fingerprint}, {@code x_groq}, {@code logprobs}, ...) pass silently.
 */
final class OpenAiWire {
    private OpenAiWire() {
    }

    /** {@code POST /chat/completions}. Null parameters are left out so the vendor's defaults apply. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChatCompletionRequest(
            String model,
            List<Message> messages,
            Double temperature,
            @JsonProperty("max_tokens") Integer maxTokens,
            @JsonProperty("top_p") Double topP,
            List<String> stop,
            @JsonProperty("presence_penalty") Double presencePenalty,
            @JsonProperty("frequency_penalty") Double frequencyPenalty,
            Long seed,
            @JsonProperty("response_format") java.util.Map<String, Object> responseFormat,
            List<Tool> tools,
            boolean stream,
            @JsonProperty("stream_options") StreamOptions streamOptions) {
    }

    /** {@code {"include_usage": true}}: OpenAI then sends, before {@code [DONE]}, a chunk with the usage and no choices. */
    record StreamOptions(@JsonProperty("include_usage") boolean includeUsage) {
        static final StreamOptions INCLUDE_USAGE = new StreamOptions(true);
    }

    /** {@code {"type": "function", "function": {"name", "description", "parameters"}}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Tool(String type, Function function) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Function(String name, String description, java.util.Map<String, Object> parameters) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Message(String role, String content) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ChatCompletion(String id, String model, List<Choice> choices, Usage usage) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Choice(Integer index, Message message, @JsonProperty("finish_reason") String finishReason) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Usage(
            @JsonProperty("prompt_tokens") Integer promptTokens,
            @JsonProperty("completion_tokens") Integer completionTokens,
            @JsonProperty("total_tokens") Integer totalTokens,
            @JsonProperty("prompt_tokens_details") PromptTokensDetails promptTokensDetails) {
    }

    /** {@code cached_tokens}: the part of {@code prompt_tokens} read from the prompt cache. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PromptTokensDetails(@JsonProperty("cached_tokens") Integer cachedTokens) {
    }

    /**
     * One {@code data:} event of a stream ({@code "object": "chat.completion.chunk"}). {@code choices} is empty, null
     * or missing in the usage-only chunk that {@code include_usage} adds (OpenAI: empty; some vLLM versions: null).
     * {@code usage} is null on every other chunk at OpenAI; some vendors put it on the last content chunk instead
     * (Mistral, Ollama), Groq under {@code x_groq.usage}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ChatCompletionChunk(String id, String model, List<ChunkChoice> choices, Usage usage,
                               @JsonProperty("x_groq") XGroq xGroq) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ChunkChoice(Integer index, Delta delta, @JsonProperty("finish_reason") String finishReason) {
    }

    /** What a chunk adds to the message: the role (first chunk), a piece of content, or tool-call pieces (ignored). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Delta(String role, String content) {
    }

    /** Groq's extras on a chunk; its last chunk carries the usage here. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record XGroq(String id, Usage usage) {
    }

    /**
     * What an error body said. OpenAI sends {@code {"error":{"message","type","param","code"}}}; compatible servers
     * vary (a bare string under {@code error}, or vLLM's top-level {@code {"object":"error","message",...}}), so this
     * is read leniently from the tree by {@link OpenAiErrors}, not bound directly.
     */
    record ErrorDetail(String message, String type, String param, String code) {
        static final ErrorDetail NONE = new ErrorDetail(null, null, null, null);
    }
}
