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
            boolean stream) {
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
            @JsonProperty("total_tokens") Integer totalTokens) {
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
