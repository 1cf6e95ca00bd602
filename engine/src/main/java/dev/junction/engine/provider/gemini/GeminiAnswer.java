package dev.junction.engine.provider.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.StreamPiece;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One answer put together from {@code generateContent} chunks (a plain answer is one chunk), part by part, in the
 * order Gemini sent them. Not thread-safe; one per call.
 * <ul>
 *   <li>Text parts are the answer's text.</li>
 *   <li>Thought parts ({@code thought: true}, sent when {@code includeThoughts} is on) are reasoning: consecutive
 *       ones, across chunks, make one {@link Reasoning} block, which a part with a {@code thoughtSignature} or any
 *       other part ends. Pieces: {@link StreamPiece.ReasoningDelta} with the text, and one with the signature
 *       alone when a thought part carries one.</li>
 *   <li>{@code functionCall} parts are tool calls, each whole in one part (Gemini does not stream arguments): one
 *       {@link StreamPiece.ToolCallDelta} with the call's index, id, name and whole arguments (the {@code args}
 *       object as JSON text). The id is Gemini's own {@code id} when it sends one, else
 *       {@code call_<responseId>_<index>} ({@code call_<random>_<index>} without a {@code responseId}): unique
 *       across answers, so a later tool result names this call and no other, and its {@code functionResponse}
 *       gets this call's name. The part's {@code thoughtSignature} stays on the {@link ToolCall}, to go back with
 *       the call on the next turn.</li>
 *   <li>A {@code thoughtSignature} on a text part is not kept: Google does not require it back, and Junction sends
 *       no reasoning back to Gemini ({@link GeminiRequestMapper}).</li>
 *   <li>The finish reason, usage and model are those of the latest chunk that carried them.</li>
 * </ul>
 */
final class GeminiAnswer {
    private final String requestedModel;
    private final StringBuilder text = new StringBuilder();
    private final List<ToolCall> toolCalls = new ArrayList<>();
    private final List<Reasoning> reasoning = new ArrayList<>();
    private StringBuilder thought; // the open reasoning block's text, null when none is open
    private String finishReason;
    private GeminiWire.UsageMetadata usage;
    private String model;
    private String responseId;
    private String fallbackIdPrefix;
    private boolean sawCandidate;
    private boolean started;

    GeminiAnswer(String requestedModel) {
        this.requestedModel = requestedModel;
    }

    /**
     * Takes one chunk.
     *
     * @return the pieces the chunk adds, in order (adjacent text parts as one text piece); empty when none
     * @throws GeminiMapper.PromptBlocked when the chunk says the prompt was blocked
     */
    List<StreamPiece> accept(GeminiWire.GenerateContentResponse chunk) throws GeminiMapper.PromptBlocked {
        if (chunk.usageMetadata() != null) usage = chunk.usageMetadata();
        if (chunk.modelVersion() != null && !chunk.modelVersion().isBlank()) model = chunk.modelVersion();
        if (responseId == null && chunk.responseId() != null && !chunk.responseId().isBlank()) responseId = chunk.responseId();
        GeminiWire.Candidate first = chunk.candidates() == null || chunk.candidates().isEmpty() ? null : chunk.candidates().getFirst();
        if (first == null) {
            if (chunk.promptFeedback() != null && chunk.promptFeedback().blockReason() != null) {
                throw new GeminiMapper.PromptBlocked(chunk.promptFeedback().blockReason());
            }
            return List.of();
        }
        sawCandidate = true;
        List<StreamPiece> pieces = new ArrayList<>();
        if (first.content() != null && first.content().parts() != null) {
            for (GeminiWire.Part part : first.content().parts()) {
                if (part != null) take(part, pieces);
            }
        }
        if (first.finishReason() != null && !first.finishReason().isBlank()) finishReason = first.finishReason();
        if (!pieces.isEmpty()) started = true;
        return pieces;
    }

    private void take(GeminiWire.Part part, List<StreamPiece> pieces) {
        if (part.isThought()) {
            if (part.text() != null && !part.text().isEmpty()) {
                if (thought == null) thought = new StringBuilder();
                thought.append(part.text());
                pieces.add(new StreamPiece.ReasoningDelta(part.text(), null));
            }
            if (part.thoughtSignature() != null) {
                pieces.add(new StreamPiece.ReasoningDelta(null, part.thoughtSignature()));
                if (thought == null) thought = new StringBuilder();
                closeThought(part.thoughtSignature());
            }
            return;
        }
        closeThought(null);
        if (part.functionCall() != null) {
            GeminiWire.FunctionCall call = part.functionCall();
            int index = toolCalls.size();
            String id = call.id() != null && !call.id().isBlank() ? call.id() : generatedId(index);
            String name = call.name() == null ? "" : call.name();
            String arguments = arguments(call);
            toolCalls.add(new ToolCall(id, name, arguments, part.thoughtSignature()));
            pieces.add(new StreamPiece.ToolCallDelta(index, id, name, arguments));
        } else if (part.text() != null && !part.text().isEmpty()) {
            text.append(part.text());
            if (!pieces.isEmpty() && pieces.getLast() instanceof StreamPiece.Text last) {
                pieces.set(pieces.size() - 1, new StreamPiece.Text(last.text() + part.text()));
            } else {
                pieces.add(new StreamPiece.Text(part.text()));
            }
        }
    }

    private void closeThought(String signature) {
        if (thought == null) return;
        reasoning.add(Reasoning.text(thought.toString(), signature));
        thought = null;
    }

    private String generatedId(int index) {
        if (responseId != null) return "call_" + responseId + "_" + index;
        if (fallbackIdPrefix == null) fallbackIdPrefix = "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
        return fallbackIdPrefix + "_" + index;
    }

    private static String arguments(GeminiWire.FunctionCall call) {
        if (call.args() == null || call.args().isNull()) return "{}";
        try {
            return GeminiMapper.JSON.writeValueAsString(call.args());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a function call's args back as JSON", e);
        }
    }

    /** Whether any piece came yet (text, a tool call, reasoning). */
    boolean started() {
        return started;
    }

    boolean sawCandidate() {
        return sawCandidate;
    }

    /** Whether a chunk said why the answer ended: Gemini's last chunk always does. */
    boolean finished() {
        return finishReason != null;
    }

    ChatResponse response() {
        List<Reasoning> blocks = new ArrayList<>(reasoning);
        if (thought != null) blocks.add(Reasoning.text(thought.toString(), null));
        return new ChatResponse(text.toString(), GeminiMapper.finishReason(finishReason, !toolCalls.isEmpty()),
                GeminiMapper.usage(usage), model == null ? requestedModel : model, toolCalls, blocks);
    }
}
