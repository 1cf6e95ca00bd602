package dev.junction.engine.provider.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * Anthropic's Messages API wire format ({@code anthropic-version: 2023-06-01}), only the fields Junction reads or
 * writes. Unknown fields are ignored, so additions (server tool usage, {@code service_tier}, citations...) pass.
 */
final class AnthropicWire {
    private AnthropicWire() {
    }

    /** {@code POST /v1/messages}. Null members are left out so Anthropic's defaults apply; {@code max_tokens} is required. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessagesRequest(
            String model,
            @JsonProperty("max_tokens") int maxTokens,
            String system,
            List<Message> messages,
            Double temperature,
            @JsonProperty("top_p") Double topP,
            @JsonProperty("top_k") Integer topK,
            @JsonProperty("stop_sequences") List<String> stopSequences,
            List<Tool> tools,
            Boolean stream) {
    }

    /** A turn; {@code content} as a plain string is shorthand for one text block. */
    record Message(String role, String content) {
    }

    /** A client tool: {@code input_schema} is the JSON schema of its input (required by Anthropic). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Tool(String name, String description, @JsonProperty("input_schema") Map<String, Object> inputSchema) {
    }

    /** A 200 answer, and the skeleton {@code message_start} carries in a stream. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MessageResponse(String id, String type, String role, String model, List<ContentBlock> content,
                           @JsonProperty("stop_reason") String stopReason,
                           @JsonProperty("stop_sequence") String stopSequence,
                           Usage usage) {
    }

    /** {@code text}, {@code tool_use}, {@code thinking}...; only text blocks make the answer's content. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ContentBlock(String type, String text) {
    }

    /**
     * Token counts. {@code input_tokens} counts only the input after the last cache breakpoint: tokens read from the
     * cache and tokens written to it are counted apart.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Usage(
            @JsonProperty("input_tokens") Integer inputTokens,
            @JsonProperty("output_tokens") Integer outputTokens,
            @JsonProperty("cache_creation_input_tokens") Integer cacheCreationInputTokens,
            @JsonProperty("cache_read_input_tokens") Integer cacheReadInputTokens) {
    }

    /**
     * One server-sent event's data: {@code message_start} (message), {@code content_block_start} (index,
     * content_block), {@code content_block_delta} (index, delta), {@code content_block_stop}, {@code message_delta}
     * (delta with stop_reason, cumulative usage), {@code message_stop}, {@code ping}, {@code error} (error).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record StreamEvent(String type, MessageResponse message, Integer index,
                       @JsonProperty("content_block") ContentBlock contentBlock,
                       Delta delta, Usage usage, ErrorDetail error) {
    }

    /** A content block's delta ({@code text_delta}: text) or a message's ({@code stop_reason}, {@code stop_sequence}). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Delta(String type, String text,
                 @JsonProperty("stop_reason") String stopReason,
                 @JsonProperty("stop_sequence") String stopSequence) {
    }

    /** {@code {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_..."}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorBody(String type, ErrorDetail error, @JsonProperty("request_id") String requestId) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record ErrorDetail(String type, String message) {
        static final ErrorDetail NONE = new ErrorDetail(null, null);
    }
}
