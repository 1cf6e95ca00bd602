package dev.junction.engine.provider.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.provider.http.SseReader;
import dev.junction.engine.provider.http.StreamMapper;
import java.net.http.HttpHeaders;

/**
 * The streaming half of {@link OpenAiMapper}: server-sent events of {@code chat.completion.chunk} objects, read one
 * {@code data:} event at a time (the event name is not used), ending with {@code data: [DONE]}. An answer put
 * together from chunks: the text so far, the finish reason of the first choice, and the latest usage and model any
 * chunk carried. Not thread-safe: one per stream.
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
    public java.util.List<dev.junction.engine.provider.StreamPiece> accept(SseReader.Event event, int status) throws OpenAiMapper.NotAChatCompletion {
        try {
            return dev.junction.engine.provider.http.StreamMapper.text(accept(event.data()));
        } catch (StreamError e) {
            throw new ProviderException(errors.fromStreamError(e.detail()));
        }
    }

    /**
     * Takes one event's data.
     *
     * @return the event's new text, null when it has none
     * @throws OpenAiMapper.NotAChatCompletion when the data is neither a chunk, an error, nor {@code [DONE]}
     * @throws StreamError                     when the data is an error object
     */
    String accept(String data) throws OpenAiMapper.NotAChatCompletion, StreamError {
        if (done) return null; // nothing counts after [DONE]
        if (data.strip().equals(DONE)) {
            done = true;
            return null;
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
        if (choice == null) return null;
        if (choice.finishReason() != null && !choice.finishReason().isBlank()) finishReason = choice.finishReason();
        String content = choice.delta() == null ? null : choice.delta().content();
        if (content == null || content.isEmpty()) return null;
        text.append(content);
        return content;
    }

    /** Whether {@code data: [DONE]} came: only then is the answer whole. */
    @Override
    public boolean complete() {
        return done;
    }

    @Override
    public boolean started() {
        return !text.isEmpty();
    }

    @Override
    public ChatResponse response() {
        return new ChatResponse(text.toString(), finishReason, OpenAiMapper.fromWire(usage),
                model == null ? requestedModel : model);
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
