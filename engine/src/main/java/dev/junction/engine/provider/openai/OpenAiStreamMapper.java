package dev.junction.engine.provider.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.StreamPiece;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.provider.http.SseReader;
import dev.junction.engine.provider.http.StreamMapper;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The streaming half of {@link OpenAiMapper}: server-sent events of {@code chat.completion.chunk} objects, read one
 * {@code data:} event at a time (the event name is not used), ending with {@code data: [DONE]}. An answer put
 * together from chunks: the text so far, the tool calls, the reasoning text, the finish reason of the first choice,
 * and the latest usage and model any chunk carried. Not thread-safe: one per stream.
 * <p>What each chunk's {@code delta} adds, in this order, each a {@link StreamPiece} for the client at once:
 * <ul>
 *   <li>{@code reasoning_content} (else {@code reasoning}): a {@link StreamPiece.ReasoningDelta};</li>
 *   <li>{@code content}: a {@link StreamPiece.Text};</li>
 *   <li>each of {@code tool_calls[]}: a {@link StreamPiece.ToolCallDelta} of the call at its {@code index}. The first
 *       piece of a call has its {@code id} and {@code function.name}, later ones fragments of
 *       {@code function.arguments}; the pieces of parallel calls may interleave. The answer's calls are in index
 *       order, each with its fragments joined. A piece without {@code index} (not OpenAI's wire, but seen from
 *       compatible servers that send each call whole) is a new call when it has an id not seen yet, else the last
 *       one's.</li>
 * </ul>
 * Any piece, not only text, starts the stream ({@link #started()}): a tool call whose arguments take long to stream
 * is not a first-token timeout. A tool call still without a name at {@code [DONE]} is not a whole answer.
 * <p>Vendors differ in where the usage comes (all handled, the latest non-null one wins):
 * <ul>
 *   <li>OpenAI, Azure, DeepSeek, OpenRouter, vLLM, Ollama with {@code stream_options.include_usage}: a last chunk
 *       with {@code usage} and empty {@code choices} (vLLM: sometimes null or missing), before {@code [DONE]};</li>
 *   <li>Mistral and some others: {@code usage} on the last content chunk, the one with a finish reason;</li>
 *   <li>Groq (older API versions): under {@code x_groq.usage} on the last chunk;</li>
 *   <li>servers that ignore {@code stream_options} and send none: {@link Usage#NONE}, as for a plain call without
 *       {@code usage}. The adapter reports what the provider reported and never estimates.</li>
 * </ul>
 * Azure's first chunk carries only {@code prompt_filter_results} and no choices; it adds nothing. An {@code error}
 * object in place of a chunk ({@code data: {"error": {...}}}) is the provider failing mid-stream. A 400 or 422 to a
 * request that asked for {@code stream_options} and names it is {@link StreamOptionsRefused}.
 */
final class OpenAiStreamMapper implements StreamMapper {
    static final String DONE = "[DONE]";

    private final String requestedModel;
    private final OpenAiErrors errors;
    private final boolean includeUsage;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    /** The tool calls by index, in index order. */
    private final TreeMap<Integer, CallSoFar> calls = new TreeMap<>();
    private Integer lastCall;
    private boolean started;
    private String finishReason;
    private OpenAiWire.Usage usage;
    private String model;
    private boolean done;

    /** @param includeUsage whether the request asked for {@code stream_options.include_usage} */
    OpenAiStreamMapper(String requestedModel, OpenAiErrors errors, boolean includeUsage) {
        this.requestedModel = requestedModel;
        this.errors = errors;
        this.includeUsage = includeUsage;
    }

    @Override
    public List<StreamPiece> accept(SseReader.Event event, int status) throws OpenAiMapper.NotAChatCompletion {
        try {
            return accept(event.data());
        } catch (StreamError e) {
            throw new ProviderException(errors.fromStreamError(e.detail()));
        }
    }

    /**
     * Takes one event's data.
     *
     * @return the pieces the event adds (reasoning, text, tool calls), or an empty list
     * @throws OpenAiMapper.NotAChatCompletion when the data is neither a chunk, an error, nor {@code [DONE]}, or when
     *                                         a tool call has no name at {@code [DONE]}
     * @throws StreamError                     when the data is an error object
     */
    List<StreamPiece> accept(String data) throws OpenAiMapper.NotAChatCompletion, StreamError {
        if (done) return List.of(); // nothing counts after [DONE]
        if (data.strip().equals(DONE)) {
            for (Map.Entry<Integer, CallSoFar> call : calls.entrySet()) {
                if (call.getValue().name == null) {
                    throw new OpenAiMapper.NotAChatCompletion("the stream's tool call at index " + call.getKey()
                            + " never said its function name");
                }
            }
            done = true;
            return List.of();
        }
        JsonNode node;
        try {
            node = OpenAiMapper.JSON.readTree(data);
        } catch (JsonProcessingException e) {
            throw new OpenAiMapper.NotAChatCompletion("a stream event is not valid chunk JSON");
        }
        if (node == null || !node.isObject()) {
            throw new OpenAiMapper.NotAChatCompletion("a stream event is not a JSON object");
        }
        JsonNode error = node.get("error");
        if (error != null && !error.isNull()) {
            throw new StreamError(OpenAiErrors.errorDetail(data));
        }
        OpenAiWire.ChatCompletionChunk chunk;
        try {
            chunk = OpenAiMapper.JSON.treeToValue(node, OpenAiWire.ChatCompletionChunk.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new OpenAiMapper.NotAChatCompletion("a stream event is not a chat-completion chunk");
        }
        if (chunk.model() != null && !chunk.model().isBlank()) model = chunk.model();
        if (chunk.usage() != null) usage = chunk.usage();
        else if (chunk.xGroq() != null && chunk.xGroq().usage() != null) usage = chunk.xGroq().usage();
        OpenAiWire.ChunkChoice choice = firstChoice(chunk);
        if (choice == null) return List.of();
        if (choice.finishReason() != null && !choice.finishReason().isBlank()) finishReason = choice.finishReason();
        OpenAiWire.Delta delta = choice.delta();
        if (delta == null) return List.of();
        List<StreamPiece> pieces = new ArrayList<>(2);
        String thought = OpenAiMapper.reasoningText(delta.reasoningContent(), delta.reasoning());
        if (thought != null) {
            reasoning.append(thought);
            pieces.add(new StreamPiece.ReasoningDelta(thought, null));
        }
        String content = delta.content();
        if (content != null && !content.isEmpty()) {
            text.append(content);
            pieces.add(new StreamPiece.Text(content));
        }
        if (delta.toolCalls() != null) {
            for (OpenAiWire.ToolCall piece : delta.toolCalls()) {
                StreamPiece.ToolCallDelta call = toolCall(piece);
                if (call != null) pieces.add(call);
            }
        }
        if (!pieces.isEmpty()) started = true;
        return pieces;
    }

    /** Adds one {@code tool_calls[]} piece to its call; the piece for the client, or null when it adds nothing. */
    private StreamPiece.ToolCallDelta toolCall(OpenAiWire.ToolCall piece) {
        if (piece == null) return null;
        int index = indexOf(piece);
        lastCall = index;
        CallSoFar call = calls.computeIfAbsent(index, i -> new CallSoFar());
        String id = null;
        if (call.id == null && piece.id() != null && !piece.id().isEmpty()) id = call.id = piece.id();
        String name = null;
        String arguments = "";
        if (piece.function() != null) {
            String n = piece.function().name();
            if (call.name == null && n != null && !n.isEmpty()) name = call.name = n;
            if (piece.function().arguments() != null) arguments = piece.function().arguments();
        }
        call.arguments.append(arguments);
        if (id == null && name == null && arguments.isEmpty()) return null;
        return new StreamPiece.ToolCallDelta(index, id, name, arguments);
    }

    private int indexOf(OpenAiWire.ToolCall piece) {
        if (piece.index() != null) return piece.index();
        boolean newCall = piece.id() != null && calls.values().stream().noneMatch(c -> piece.id().equals(c.id));
        if (newCall || lastCall == null) return calls.isEmpty() ? 0 : calls.lastKey() + 1;
        return lastCall;
    }

    /** Whether {@code data: [DONE]} came: only then is the answer whole. */
    @Override
    public boolean complete() {
        return done;
    }

    @Override
    public boolean started() {
        return started;
    }

    @Override
    public ChatResponse response() {
        List<ToolCall> toolCalls = new ArrayList<>(calls.size());
        for (CallSoFar call : calls.values()) {
            if (call.name != null) toolCalls.add(new ToolCall(call.id, call.name, call.arguments.toString()));
        }
        return new ChatResponse(text.toString(), finishReason, OpenAiMapper.fromWire(usage),
                model == null ? requestedModel : model, toolCalls,
                OpenAiMapper.reasoning(reasoning.isEmpty() ? null : reasoning.toString()));
    }

    @Override
    public String endedEarly() {
        return "the stream ended before data: [DONE]";
    }

    @Override
    public RuntimeException refused(int status, HttpHeaders headers, String body) {
        if (includeUsage && (status == 400 || status == 422) && body.contains("stream_options")) {
            return new StreamOptionsRefused();
        }
        return null;
    }

    /** The choice with index 0 (Junction asks for one), or the first listed when none says its index. */
    private static OpenAiWire.ChunkChoice firstChoice(OpenAiWire.ChatCompletionChunk chunk) {
        if (chunk.choices() == null) return null;
        for (OpenAiWire.ChunkChoice choice : chunk.choices()) {
            if (choice != null && (choice.index() == null || choice.index() == 0)) return choice;
        }
        return null;
    }

    /** One streamed tool call so far: its id and name once said, its arguments' fragments joined. */
    private static final class CallSoFar {
        String id;
        String name;
        final StringBuilder arguments = new StringBuilder();
    }

    /** The provider sent an error object in the stream; {@code detail} is what it said. */
    static final class StreamError extends Exception {
        private final OpenAiWire.ErrorDetail detail;

        StreamError(OpenAiWire.ErrorDetail detail) {
            super("error event", null, false, false);
            this.detail = detail;
        }

        OpenAiWire.ErrorDetail detail() {
            return detail;
        }
    }

    /** A 400 or 422 to a stream request that names {@code stream_options}: the server does not know the option. */
    static final class StreamOptionsRefused extends RuntimeException {
        StreamOptionsRefused() {
            super("stream_options refused", null, false, false);
        }
    }
}
