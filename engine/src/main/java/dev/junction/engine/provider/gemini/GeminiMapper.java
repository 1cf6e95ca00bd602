package dev.junction.engine.provider.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.provider.http.MalformedAnswer;
import dev.junction.engine.provider.http.WireJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Pure translation between Junction's provider-neutral types and Gemini's {@code generateContent} wire format.
 * No I/O and no state beyond a thread-safe, immutable JSON mapper ({@link StreamState} holds one answer's state,
 * which {@link GeminiStreamMapper} feeds chunk by chunk).
 * <ul>
 *   <li>System (and developer) messages become {@code systemInstruction}; user and tool messages {@code user}
 *       turns, assistant messages {@code model} turns; consecutive messages of one role share a turn.</li>
 *   <li>{@code finishReason}: STOP is {@code stop} ({@code tool_calls} when the answer is a function call),
 *       MAX_TOKENS {@code length}, the blocking reasons (SAFETY, RECITATION, BLOCKLIST, PROHIBITED_CONTENT, SPII,
 *       IMAGE_SAFETY) {@code content_filter}; any other is passed on in lower case ({@code other}, ...).</li>
 *   <li>Usage: completion tokens are {@code candidatesTokenCount + thoughtsTokenCount} (thinking is billed as
 *       output and is not in the candidates' count), prompt tokens {@code promptTokenCount +
 *       toolUsePromptTokenCount}, so prompt + completion is Google's {@code totalTokenCount};
 *       {@code cachedContentTokenCount} is the cached part of the prompt.</li>
 * </ul>
 */
final class GeminiMapper {
    static final ObjectMapper JSON = WireJson.lenientMapper();

    private GeminiMapper() {
    }

    // ---- request -------------------------------------------------------------------------------------------------

    static GeminiWire.GenerateContentRequest toWire(ChatRequest request) {
        List<GeminiWire.Part> system = new ArrayList<>();
        List<GeminiWire.Content> contents = new ArrayList<>();
        for (PromptMessage message : request.messages()) {
            if (message.content().isEmpty()) continue; // Gemini refuses empty parts; an empty message says nothing
            GeminiWire.Part part = GeminiWire.Part.text(message.content());
            String role = switch (message.role()) {
                case SYSTEM, DEVELOPER -> null;
                case USER, TOOL -> "user";
                case ASSISTANT -> "model";
            };
            if (role == null) {
                system.add(part);
            } else if (!contents.isEmpty() && contents.getLast().role().equals(role)) {
                contents.getLast().parts().add(part);
            } else {
                contents.add(new GeminiWire.Content(role, new ArrayList<>(List.of(part))));
            }
        }
        GeminiWire.GenerationConfig config = generationConfig(request.parameters());
        return new GeminiWire.GenerateContentRequest(contents,
                system.isEmpty() ? null : new GeminiWire.Content(null, system),
                config.isEmpty() ? null : config, tools(request.parameters()));
    }

    static String requestBody(ChatRequest request) {
        try {
            return JSON.writeValueAsString(toWire(request));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a generateContent request", e);
        }
    }

    private static GeminiWire.GenerationConfig generationConfig(ModelParameters p) {
        String mimeType = null;
        Object schema = null;
        if (p.responseFormat() != null) {
            Object type = p.responseFormat().get("type");
            if ("json_object".equals(type)) {
                mimeType = "application/json";
            } else if ("json_schema".equals(type)) {
                mimeType = "application/json";
                if (p.responseFormat().get("json_schema") instanceof Map<?, ?> jsonSchema) schema = jsonSchema.get("schema");
            }
        }
        List<String> stop = p.stop() == null || p.stop().isEmpty() ? null : p.stop();
        return new GeminiWire.GenerationConfig(p.temperature(), p.topP(), p.topK(), p.maxTokens(), stop,
                p.presencePenalty(), p.frequencyPenalty(), p.seed(), mimeType, schema);
    }

    private static List<GeminiWire.Tool> tools(ModelParameters p) {
        if (p.tools() == null || p.tools().isEmpty()) return null;
        return List.of(new GeminiWire.Tool(p.tools().stream()
                .map(t -> new GeminiWire.FunctionDeclaration(t.name(), t.description(), t.parameters()))
                .toList()));
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
        StreamState state = new StreamState(requestedModel);
        state.accept(WireJson.readAnswer(JSON, body, GeminiWire.GenerateContentResponse.class, "generateContent",
                NotAnAnswer::new));
        if (!state.sawCandidate) {
            throw new NotAnAnswer("the body has no candidates");
        }
        if (state.finishReason == null && state.text.isEmpty() && !state.toolCall) {
            throw new NotAnAnswer("candidates[0] has neither content nor a finishReason");
        }
        return state.response();
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

    /**
     * An answer put together from chunks (a plain answer is one chunk): the text so far, and the finish reason,
     * usage and model of the latest chunk that carried them. Not thread-safe; one per call.
     */
    static final class StreamState {
        private final String requestedModel;
        private final StringBuilder text = new StringBuilder();
        private String finishReason;
        private GeminiWire.UsageMetadata usage;
        private String model;
        private boolean toolCall;
        private boolean sawCandidate;

        StreamState(String requestedModel) {
            this.requestedModel = requestedModel;
        }

        /**
         * Takes one chunk.
         *
         * @return the chunk's new text, "" when it has none
         * @throws PromptBlocked when the chunk says the prompt was blocked
         */
        String accept(GeminiWire.GenerateContentResponse chunk) throws PromptBlocked {
            if (chunk.usageMetadata() != null) usage = chunk.usageMetadata();
            if (chunk.modelVersion() != null && !chunk.modelVersion().isBlank()) model = chunk.modelVersion();
            GeminiWire.Candidate first = chunk.candidates() == null || chunk.candidates().isEmpty() ? null : chunk.candidates().getFirst();
            if (first == null) {
                if (chunk.promptFeedback() != null && chunk.promptFeedback().blockReason() != null) {
                    throw new PromptBlocked(chunk.promptFeedback().blockReason());
                }
                return "";
            }
            sawCandidate = true;
            StringBuilder delta = new StringBuilder();
            if (first.content() != null && first.content().parts() != null) {
                for (GeminiWire.Part part : first.content().parts()) {
                    if (part == null) continue;
                    if (part.functionCall() != null) toolCall = true;
                    if (part.text() != null && !Boolean.TRUE.equals(part.thought())) delta.append(part.text());
                }
            }
            if (first.finishReason() != null && !first.finishReason().isBlank()) finishReason = first.finishReason();
            text.append(delta);
            return delta.toString();
        }

        boolean hasText() {
            return !text.isEmpty();
        }

        /** Whether a chunk said why the answer ended: Gemini's last chunk always does. */
        boolean finished() {
            return finishReason != null;
        }

        ChatResponse response() {
            return new ChatResponse(text.toString(), finishReason(finishReason, toolCall), usage(usage),
                    model == null ? requestedModel : model);
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
                WireJson.orZero(u.candidatesTokenCount()) + WireJson.orZero(u.thoughtsTokenCount()), WireJson.orZero(u.cachedContentTokenCount()));
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
