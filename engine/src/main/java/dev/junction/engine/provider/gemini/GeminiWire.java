package dev.junction.engine.provider.gemini;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The Gemini {@code generateContent} wire format (REST, v1beta), only the fields Junction reads or writes.
 * Unknown fields ({@code safetyRatings}, {@code citationMetadata}, {@code groundingMetadata}, ...) are ignored.
 */
final class GeminiWire {
    private GeminiWire() {
    }

    /** {@code POST .../models/{model}:generateContent}; the model is in the path, not the body. Nulls are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GenerateContentRequest(List<Content> contents, Content systemInstruction, GenerationConfig generationConfig,
                                  List<Tool> tools) {
    }

    /** A turn: {@code role} is {@code user} or {@code model} (null in {@code systemInstruction}). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Content(String role, List<Part> parts) {
    }

    /**
     * One part of a turn. Junction writes text only; it reads text, skips thought summaries ({@code thought: true})
     * and notices a {@code functionCall} (to report {@code tool_calls}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Part(String text, Boolean thought, Map<String, Object> functionCall) {
        static Part text(String text) {
            return new Part(text, null, null);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record GenerationConfig(Double temperature, Double topP, Integer topK, Integer maxOutputTokens,
                            List<String> stopSequences, Double presencePenalty, Double frequencyPenalty, Long seed,
                            String responseMimeType, Object responseJsonSchema) {
        boolean isEmpty() {
            return temperature == null && topP == null && topK == null && maxOutputTokens == null && stopSequences == null
                    && presencePenalty == null && frequencyPenalty == null && seed == null && responseMimeType == null
                    && responseJsonSchema == null;
        }
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
