package dev.junction.engine.provider.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.provider.http.MalformedAnswer;
import dev.junction.engine.provider.http.WireJson;
import java.util.Locale;

/**
 * Pure translation of Gemini's {@code generateContent} answers into Junction's provider-neutral types (the request
 * is {@link GeminiRequestMapper}'s). No I/O and no state beyond a thread-safe, immutable JSON mapper
 * ({@link GeminiAnswer} holds one answer's state, which {@link GeminiStreamMapper} feeds chunk by chunk).
 * <ul>
 *   <li>{@code finishReason}: STOP is {@code stop} ({@code tool_calls} when the answer has function calls),
 *       MAX_TOKENS {@code length}, the blocking reasons (SAFETY, RECITATION, BLOCKLIST, PROHIBITED_CONTENT, SPII,
 *       IMAGE_SAFETY) {@code content_filter}; any other is passed on in lower case ({@code other}, ...).</li>
 *   <li>Usage: completion tokens are {@code candidatesTokenCount + thoughtsTokenCount} (thinking is billed as
 *       output and is not in the candidates' count), prompt tokens {@code promptTokenCount +
 *       toolUsePromptTokenCount}, so prompt + completion is Google's {@code totalTokenCount};
 *       {@code cachedContentTokenCount} is the cached part of the prompt, {@code thoughtsTokenCount} the reasoning
 *       part of the completion.</li>
 * </ul>
 */
final class GeminiMapper {
    static final ObjectMapper JSON = WireJson.lenientMapper();

    private GeminiMapper() {
    }

    // ---- answer --------------------------------------------------------------------------------------------------

    /**
     * Reads a 2xx body of {@code generateContent}.
     *
     * @param requestedModel the model asked for, used when the body does not name one ({@code modelVersion})
     * @throws NotAnAnswer   when the body is not JSON or has neither a usable candidate nor a blocked prompt
     * @throws PromptBlocked when Google refused the prompt ({@code promptFeedback.blockReason}, no candidates)
     */
    static ChatResponse fromJson(String body, String requestedModel) throws NotAnAnswer, PromptBlocked {
        GeminiAnswer answer = new GeminiAnswer(requestedModel);
        answer.accept(WireJson.readAnswer(JSON, body, GeminiWire.GenerateContentResponse.class, "generateContent",
                NotAnAnswer::new));
        if (!answer.sawCandidate()) {
            throw new NotAnAnswer("the body has no candidates");
        }
        if (!answer.finished() && !answer.started()) {
            throw new NotAnAnswer("candidates[0] has neither content nor a finishReason");
        }
        return answer.response();
    }

    /** One server-sent event of {@code streamGenerateContent?alt=sse}: a chunk of the answer, or Google's error. */
    sealed interface StreamEvent {
        record Chunk(GeminiWire.GenerateContentResponse response) implements StreamEvent {}
        record Error(GeminiWire.GoogleError error) implements StreamEvent {}
    }

    /** @throws NotAnAnswer when the event's data is not a JSON object */
    static StreamEvent parseEvent(String data) throws NotAnAnswer {
        JsonNode node;
        try {
            node = JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw new NotAnAnswer("a stream event is not valid JSON" + WireJson.at(e.getLocation()));
        }
        if (node == null || !node.isObject()) {
            throw new NotAnAnswer("a stream event is not a JSON object");
        }
        if (node.hasNonNull("error")) {
            return new StreamEvent.Error(GeminiErrors.googleError(node));
        }
        try {
            return new StreamEvent.Chunk(JSON.treeToValue(node, GeminiWire.GenerateContentResponse.class));
        } catch (JsonProcessingException e) {
            throw new NotAnAnswer("a stream event is not a generateContent chunk");
        }
    }

    static String finishReason(String gemini, boolean toolCall) {
        if (gemini == null) return null;
        return switch (gemini) {
            case "STOP" -> toolCall ? "tool_calls" : "stop";
            case "MAX_TOKENS" -> "length";
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY" -> "content_filter";
            default -> gemini.toLowerCase(Locale.ROOT);
        };
    }

    static Usage usage(GeminiWire.UsageMetadata u) {
        if (u == null) return Usage.NONE;
        return new Usage(WireJson.orZero(u.promptTokenCount()) + WireJson.orZero(u.toolUsePromptTokenCount()),
                WireJson.orZero(u.candidatesTokenCount()) + WireJson.orZero(u.thoughtsTokenCount()),
                WireJson.orZero(u.cachedContentTokenCount()), WireJson.orZero(u.thoughtsTokenCount()));
    }

    /** A 2xx body that is not an answer. The message names what is wrong, never the body's content. */
    static final class NotAnAnswer extends MalformedAnswer {
        NotAnAnswer(String message) {
            super(message);
        }
    }

    /** Google refused the prompt itself ({@code promptFeedback.blockReason}): there is no answer to give. */
    static final class PromptBlocked extends Exception {
        private final String blockReason;

        PromptBlocked(String blockReason) {
            super(blockReason, null, false, false);
            this.blockReason = blockReason;
        }

        String blockReason() {
            return blockReason;
        }
    }
}
