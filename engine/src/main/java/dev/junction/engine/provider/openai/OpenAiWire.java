package dev.junction.engine.provider.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The OpenAI chat-completions wire format, only the fields Junction reads or writes (OpenAI's OpenAPI spec,
 * {@code CreateChatCompletionRequest}, {@code CreateChatCompletionResponse}, {@code CreateChatCompletionStreamResponse}).
 * Unknown fields are ignored, so vendors' extras ({@code system_fingerprint}, {@code x_groq}, {@code logprobs}, ...)
 * pass silently.
 */
final class OpenAiWire {
    private OpenAiWire() {
    }

    /** {@code POST /chat/completions}. Null parameters are left out so the vendor's defaults apply. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChatCompletionRequest(
            String model,
            List<RequestMessage> messages,
            Double temperature,
            @JsonProperty("max_tokens") Integer maxTokens,
            @JsonProperty("top_p") Double topP,
            List<String> stop,
            @JsonProperty("presence_penalty") Double presencePenalty,
            @JsonProperty("frequency_penalty") Double frequencyPenalty,
            Long seed,
            @JsonProperty("response_format") Map<String, Object> responseFormat,
            List<Tool> tools,
            /** {@code "auto" | "none" | "required"} or {@code {"type": "function", "function": {"name"}}}. */
            @JsonProperty("tool_choice") Object toolChoice,
            @JsonProperty("parallel_tool_calls") Boolean parallelToolCalls,
            @JsonProperty("reasoning_effort") String reasoningEffort,
            boolean stream,
            @JsonProperty("stream_options") StreamOptions streamOptions) {
    }

    /** {@code {"include_usage": true}}: OpenAI then sends, before {@code [DONE]}, a chunk with the usage and no choices. */
    record StreamOptions(@JsonProperty("include_usage") boolean includeUsage) {
        static final StreamOptions INCLUDE_USAGE = new StreamOptions(true);
    }

    /** {@code {"type": "function", "function": {"name", "description", "parameters", "strict"}}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Tool(String type, Function function) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Function(String name, String description, Map<String, Object> parameters, Boolean strict) {
    }

    /** A forced tool: {@code {"type": "function", "function": {"name"}}}. */
    record NamedToolChoice(String type, FunctionName function) {
    }

    record FunctionName(String name) {
    }

    /**
     * One request message. {@code content} is a string, an array of {@link ContentPart}s, or null (only an assistant
     * message with {@code tool_calls} and no text; written as {@code "content": null}, as OpenAI's SDKs send it).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RequestMessage(
            String role,
            @JsonInclude(JsonInclude.Include.ALWAYS) Object content,
            @JsonProperty("tool_calls") List<ToolCall> toolCalls,
            @JsonProperty("tool_call_id") String toolCallId) {
    }

    /**
     * One part of a user message's content: {@code {"type": "text", "text"}}, {@code {"type": "image_url",
     * "image_url": {"url", "detail"}}}, {@code {"type": "file", "file": {"file_data" | "file_id", "filename"}}} or
     * {@code {"type": "input_audio", "input_audio": {"data", "format"}}}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ContentPart(
            String type,
            String text,
            @JsonProperty("image_url") ImageUrl imageUrl,
            FileRef file,
            @JsonProperty("input_audio") InputAudio inputAudio) {
        static ContentPart text(String text) {
            return new ContentPart("text", text, null, null, null);
        }

        static ContentPart image(String url, String detail) {
            return new ContentPart("image_url", null, new ImageUrl(url, detail), null, null);
        }

        static ContentPart file(FileRef file) {
            return new ContentPart("file", null, null, file, null);
        }

        static ContentPart audio(String data, String format) {
            return new ContentPart("input_audio", null, null, null, new InputAudio(data, format));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ImageUrl(String url, String detail) {
    }

    /** {@code file_data} is a {@code data:} URI; {@code file_id} an uploaded file's id ({@code file-...}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FileRef(@JsonProperty("file_data") String fileData, @JsonProperty("file_id") String fileId, String filename) {
    }

    record InputAudio(String data, String format) {
    }

    /**
     * A tool call: on an assistant message sent back, in an answer, or (with {@code index}, later pieces without
     * {@code id}, {@code type} and {@code function.name}) in a stream's delta.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ToolCall(Integer index, String id, String type, FunctionCall function) {
    }

    /** {@code arguments} is JSON text, as the model wrote it (a stream sends it in fragments). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record FunctionCall(String name, String arguments) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ChatCompletion(String id, String model, List<Choice> choices, Usage usage) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Choice(Integer index, ResponseMessage message, @JsonProperty("finish_reason") String finishReason) {
    }

    /**
     * The answer's message. {@code content} is null when the model only called tools. OpenAI returns no reasoning
     * text; {@code reasoning_content} is DeepSeek's, vLLM's (before 0.10) and others', {@code reasoning} OpenRouter's,
     * Groq's and newer vLLM's (some send both, the same text).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseMessage(String role, String content, @JsonProperty("tool_calls") List<ToolCall> toolCalls,
                           @JsonProperty("reasoning_content") String reasoningContent, String reasoning) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Usage(
            @JsonProperty("prompt_tokens") Integer promptTokens,
            @JsonProperty("completion_tokens") Integer completionTokens,
            @JsonProperty("total_tokens") Integer totalTokens,
            @JsonProperty("prompt_tokens_details") PromptTokensDetails promptTokensDetails,
            @JsonProperty("completion_tokens_details") CompletionTokensDetails completionTokensDetails) {
    }

    /** {@code cached_tokens}: the part of {@code prompt_tokens} read from the prompt cache. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PromptTokensDetails(@JsonProperty("cached_tokens") Integer cachedTokens) {
    }

    /** {@code reasoning_tokens}: the part of {@code completion_tokens} the model spent thinking. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CompletionTokensDetails(@JsonProperty("reasoning_tokens") Integer reasoningTokens) {
    }

    /**
     * One {@code data:} event of a stream ({@code "object": "chat.completion.chunk"}). {@code choices} is empty, null
     * or missing in the usage-only chunk that {@code include_usage} adds (OpenAI: empty; some vLLM versions: null).
     * {@code usage} is null on every other chunk at OpenAI; some vendors put it on the last content chunk instead
     * (Mistral, Ollama, DeepSeek), Groq under {@code x_groq.usage}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ChatCompletionChunk(String id, String model, List<ChunkChoice> choices, Usage usage,
                               @JsonProperty("x_groq") XGroq xGroq) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ChunkChoice(Integer index, Delta delta, @JsonProperty("finish_reason") String finishReason) {
    }

    /**
     * What a chunk adds to the message: the role (first chunk), a piece of content, pieces of tool calls (by
     * {@code index}), a piece of reasoning ({@code reasoning_content} or {@code reasoning}, as in
     * {@link ResponseMessage}).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Delta(String role, String content, @JsonProperty("tool_calls") List<ToolCall> toolCalls,
                 @JsonProperty("reasoning_content") String reasoningContent, String reasoning) {
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
