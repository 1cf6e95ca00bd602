package dev.junction.engine.provider.anthropic;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * Anthropic's Messages API wire format ({@code anthropic-version: 2023-06-01}), only the fields Junction reads or
 * writes. Unknown fields are ignored, so additions (server tool usage, {@code service_tier}, citations...) pass.
 */
final class AnthropicWire {
    private AnthropicWire() {
    }

    /**
     * {@code POST /v1/messages}. Null members are left out so Anthropic's defaults apply; {@code max_tokens} is required.
     * {@code system} is a {@code String}, or a {@code List<Block>} of text blocks when one carries a cache breakpoint.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MessagesRequest(
            String model,
            @JsonProperty("max_tokens") int maxTokens,
            Object system,
            List<Message> messages,
            Double temperature,
            @JsonProperty("top_p") Double topP,
            @JsonProperty("top_k") Integer topK,
            @JsonProperty("stop_sequences") List<String> stopSequences,
            List<Tool> tools,
            @JsonProperty("tool_choice") ToolChoice toolChoice,
            Thinking thinking,
            Boolean stream) {
    }

    /**
     * A turn. {@code content} is a {@code String} (shorthand for one text block, what a text-only turn is sent as) or
     * a {@code List<Block>}.
     */
    record Message(String role, Object content) {
    }

    /**
     * A client tool: {@code input_schema} is the JSON schema of its input (required by Anthropic, {@code type: object});
     * {@code strict} holds the input to that schema.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Tool(String name, String description, @JsonProperty("input_schema") Map<String, Object> inputSchema, Boolean strict,
                @JsonProperty("cache_control") CacheControl cacheControl) {
        Tool(String name, String description, Map<String, Object> inputSchema, Boolean strict) {
            this(name, description, inputSchema, strict, null);
        }

        Tool withCacheControl(CacheControl control) {
            return new Tool(name, description, inputSchema, strict, control);
        }
    }

    /**
     * A prompt cache breakpoint, {@code {type: ephemeral, ttl?}}: everything up to and including the block that carries
     * it is cached. {@code ttl} is {@code 5m} (Anthropic's default, then left out) or {@code 1h}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "ttl"})
    record CacheControl(String type, String ttl) {
        static CacheControl ephemeral(String ttl) {
            return new CacheControl("ephemeral", ttl == null || ttl.equals("5m") ? null : ttl);
        }
    }

    /**
     * {@code {type: auto|any|tool|none, name?, disable_parallel_tool_use?}}: {@code any} is "some tool", {@code tool}
     * names one; {@code none} takes no {@code disable_parallel_tool_use}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ToolChoice(String type, String name, @JsonProperty("disable_parallel_tool_use") Boolean disableParallelToolUse) {
        boolean forcesTool() {
            return "any".equals(type) || "tool".equals(type);
        }
    }

    /** Extended thinking: {@code {type: enabled, budget_tokens}} (at least 1024, below {@code max_tokens}). */
    record Thinking(String type, @JsonProperty("budget_tokens") int budgetTokens) {
        static Thinking enabled(int budget) {
            return new Thinking("enabled", budget);
        }
    }

    // ---- request content blocks --------------------------------------------------------------------------------

    /** A content block of a request turn; each says its own {@code type}, written first. */
    sealed interface Block {
        @JsonProperty("type")
        String type();
    }

    @JsonPropertyOrder({"type", "text"})
    record TextBlock(String text) implements Block {
        public String type() { return "text"; }
    }

    /** {@code {type: image, source: base64 | url}}. */
    @JsonPropertyOrder({"type", "source"})
    record ImageBlock(Source source) implements Block {
        public String type() { return "image"; }
    }

    /** {@code {type: document, source: base64 PDF | url PDF | text, title?}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "source", "title"})
    record DocumentBlock(Source source, String title) implements Block {
        public String type() { return "document"; }
    }

    /** An assistant's call: {@code input} is the arguments as a JSON object. */
    @JsonPropertyOrder({"type", "id", "name", "input"})
    record ToolUseBlock(String id, String name, JsonNode input) implements Block {
        public String type() { return "tool_use"; }
    }

    /** A tool's result, in a user turn: {@code content} is a {@code String}, a {@code List<Block>} or null (none). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "tool_use_id", "content"})
    record ToolResultBlock(@JsonProperty("tool_use_id") String toolUseId, Object content) implements Block {
        public String type() { return "tool_result"; }
    }

    /** A thinking block sent back unchanged, signature and all. */
    @JsonPropertyOrder({"type", "thinking", "signature"})
    record ThinkingBlock(String thinking, String signature) implements Block {
        public String type() { return "thinking"; }
    }

    @JsonPropertyOrder({"type", "data"})
    record RedactedThinkingBlock(String data) implements Block {
        public String type() { return "redacted_thinking"; }
    }

    /**
     * A block with a cache breakpoint: the block's own fields, then {@code cache_control}. Text, image, document,
     * tool_use and tool_result blocks take one; thinking blocks do not (never wrapped).
     */
    record Cached(Block block, CacheControl cacheControl) implements Block {
        public String type() { return block.type(); }

        @com.fasterxml.jackson.annotation.JsonValue
        com.fasterxml.jackson.databind.node.ObjectNode json() {
            com.fasterxml.jackson.databind.node.ObjectNode node = AnthropicMapper.JSON.valueToTree(block);
            node.set("cache_control", AnthropicMapper.JSON.valueToTree(cacheControl));
            return node;
        }
    }

    /**
     * A medium's source: {@code {type: base64, media_type, data}}, {@code {type: url, url}} or (documents)
     * {@code {type: text, media_type: text/plain, data}}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"type", "media_type", "data", "url"})
    record Source(String type, @JsonProperty("media_type") String mediaType, String data, String url) {
        static Source base64(String mediaType, String data) {
            return new Source("base64", mediaType, data, null);
        }

        static Source url(String url) {
            return new Source("url", null, null, url);
        }

        static Source text(String text) {
            return new Source("text", "text/plain", text, null);
        }
    }

    /** A 200 answer, and the skeleton {@code message_start} carries in a stream. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MessageResponse(String id, String type, String role, String model, List<ContentBlock> content,
                           @JsonProperty("stop_reason") String stopReason,
                           @JsonProperty("stop_sequence") String stopSequence,
                           Usage usage) {
    }

    /**
     * An answer's block: {@code text} (text), {@code tool_use} (id, name, input), {@code thinking} (thinking,
     * signature), {@code redacted_thinking} (data); others (server tools...) are not read.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ContentBlock(String type, String text, String id, String name, JsonNode input, String thinking,
                        String signature, String data) {
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
            @JsonProperty("cache_read_input_tokens") Integer cacheReadInputTokens,
            @JsonProperty("cache_creation") CacheCreation cacheCreation) {
        Usage(Integer inputTokens, Integer outputTokens, Integer cacheCreationInputTokens, Integer cacheReadInputTokens) {
            this(inputTokens, outputTokens, cacheCreationInputTokens, cacheReadInputTokens, null);
        }
    }

    /** The cache writes by TTL: {@code ephemeral_5m_input_tokens}, {@code ephemeral_1h_input_tokens}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CacheCreation(@JsonProperty("ephemeral_5m_input_tokens") Integer ephemeral5mInputTokens,
                         @JsonProperty("ephemeral_1h_input_tokens") Integer ephemeral1hInputTokens) {
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

    /**
     * A content block's delta ({@code text_delta}: text; {@code input_json_delta}: partial_json;
     * {@code thinking_delta}: thinking; {@code signature_delta}: signature) or a message's ({@code stop_reason},
     * {@code stop_sequence}).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Delta(String type, String text,
                 @JsonProperty("partial_json") String partialJson,
                 String thinking,
                 String signature,
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
