package dev.junction.engine.provider.gemini;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The Gemini {@code generateContent} wire format (REST, v1beta), only the fields Junction reads or writes, as
 * Google's own SDK types spell them ({@code googleapis/js-genai}, {@code src/types.ts}). Unknown fields
 * ({@code safetyRatings}, {@code citationMetadata}, {@code groundingMetadata}, ...) are ignored.
 */
final class GeminiWire {
    private GeminiWire() {
    }

    /** {@code POST .../models/{model}:generateContent}; the model is in the path, not the body. Nulls are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GenerateContentRequest(List<Content> contents, Content systemInstruction, GenerationConfig generationConfig,
                                  List<Tool> tools, ToolConfig toolConfig) {
    }

    /** A turn: {@code role} is {@code user} or {@code model} (null in {@code systemInstruction}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Content(String role, List<Part> parts) {
    }

    /**
     * One part of a turn; exactly one of {@code text}, {@code inlineData}, {@code fileData}, {@code functionCall},
     * {@code functionResponse} is set. {@code thought} marks a thought summary (answers only, with
     * {@code includeThoughts}); {@code thoughtSignature} is the opaque (base64) signature Google puts on a part after
     * thinking, which must come back unchanged on a {@code functionCall}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Part(String text, Boolean thought, String thoughtSignature, Blob inlineData, FileData fileData,
                FunctionCall functionCall, FunctionResponse functionResponse) {
        static Part text(String text) {
            return new Part(text, null, null, null, null, null, null);
        }

        static Part inline(String mimeType, String base64) {
            return new Part(null, null, null, new Blob(mimeType, base64), null, null, null);
        }

        static Part file(String mimeType, String uri) {
            return new Part(null, null, null, null, new FileData(mimeType, uri), null, null);
        }

        static Part call(FunctionCall call, String thoughtSignature) {
            return new Part(null, null, thoughtSignature, null, null, call, null);
        }

        static Part response(FunctionResponse response) {
            return new Part(null, null, null, null, null, null, response);
        }

        boolean isThought() {
            return Boolean.TRUE.equals(thought);
        }
    }

    /** Inline bytes: {@code data} is base64. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Blob(String mimeType, String data) {
    }

    /** Data by reference: a Files API URI, a Cloud Storage URI or a public (or signed) {@code https} URL. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record FileData(String mimeType, String fileUri) {
    }

    /** A call the model asks for: {@code args} is a JSON object; {@code id} is set by newer models only. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record FunctionCall(String id, String name, JsonNode args) {
    }

    /** A call's result, in a {@code user} turn: {@code response} is a JSON object (by convention {@code output}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record FunctionResponse(String id, String name, JsonNode response) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GenerationConfig(Double temperature, Double topP, Integer topK, Integer maxOutputTokens,
                            List<String> stopSequences, Double presencePenalty, Double frequencyPenalty, Long seed,
                            String responseMimeType, Object responseJsonSchema, ThinkingConfig thinkingConfig) {
        boolean isEmpty() {
            return temperature == null && topP == null && topK == null && maxOutputTokens == null && stopSequences == null
                    && presencePenalty == null && frequencyPenalty == null && seed == null && responseMimeType == null
                    && responseJsonSchema == null && thinkingConfig == null;
        }
    }

    /**
     * How much the model thinks: a token {@code thinkingBudget} (Gemini 2.5; -1 dynamic, 0 off) or a
     * {@code thinkingLevel} ({@code MINIMAL|LOW|MEDIUM|HIGH}, Gemini 3), never both (Google answers 400).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ThinkingConfig(Boolean includeThoughts, Integer thinkingBudget, String thinkingLevel) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ToolConfig(FunctionCallingConfig functionCallingConfig) {
    }

    /** {@code mode} is {@code AUTO}, {@code ANY} or {@code NONE}; {@code allowedFunctionNames} only with ANY. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FunctionCallingConfig(String mode, List<String> allowedFunctionNames) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Tool(List<FunctionDeclaration> functionDeclarations) {
    }

    /** {@code parametersJsonSchema} takes plain JSON Schema (the older {@code parameters} only an OpenAPI subset). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FunctionDeclaration(String name, String description, Map<String, Object> parametersJsonSchema) {
    }

    /** The answer, or (streaming) one chunk of it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record GenerateContentResponse(List<Candidate> candidates, PromptFeedback promptFeedback, UsageMetadata usageMetadata,
                                   String modelVersion, String responseId) {
    }

    /** {@code finishReason} is absent until the candidate is complete (so, in a stream, until the last chunk). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Candidate(Content content, String finishReason, Integer index) {
    }

    /** Set, with no candidates, when the prompt itself was blocked. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record PromptFeedback(String blockReason) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record UsageMetadata(Integer promptTokenCount, Integer candidatesTokenCount, Integer cachedContentTokenCount,
                         Integer thoughtsTokenCount, Integer toolUsePromptTokenCount, Integer totalTokenCount) {
    }

    /**
     * Google's error, {@code {"error":{"code":429,"message":"...","status":"RESOURCE_EXHAUSTED","details":[...]}}},
     * with what Junction uses from its details: the {@code ErrorInfo} reason ({@code API_KEY_INVALID}) and the
     * {@code RetryInfo} delay ({@code "7s"}). Read leniently from the tree by {@link GeminiErrors}.
     */
    record GoogleError(Integer code, String message, String status, String reason, String retryDelay) {
        static final GoogleError NONE = new GoogleError(null, null, null, null, null);
    }
}
