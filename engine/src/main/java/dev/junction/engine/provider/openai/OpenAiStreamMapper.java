package dev.junction.engine.provider.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.provider.http.HttpCalls;

/**
 * The streaming half of {@link OpenAiMapper}: server-sent events of {@code chat.completion.chunk} objects, read one
 * {@code data:} event at a time, ending with {@code data: [DONE]}. Pure: no I/O; one {@link StreamAccumulator} per call.
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
 * object in place of a chunk ({@code data: {"error": {...}}}) is the provider failing mid-stream.
 */
final class OpenAiStreamMapper {
    static final String DONE = "[DONE]";

    private OpenAiStreamMapper() {
    }

    /**
     * An answer put together from chunks: the text so far, the finish reason of the first choice, and the latest
     * usage and model any chunk carried. Not thread-safe.
     */
    static final class StreamAccumulator implements HttpCalls.StreamAnswer {
        private final String requestedModel;
        private final StringBuilder text = new StringBuilder();
        private String finishReason;
        private OpenAiWire.Usage usage;
        private String model;
        private boolean done;

        StreamAccumulator(String requestedModel) {
            this.requestedModel = requestedModel;
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
        public boolean hasText() {
            return !text.isEmpty();
        }

        @Override
        public ChatResponse response() {
            return new ChatResponse(text.toString(), finishReason, OpenAiMapper.fromWire(usage),
                    model == null ? requestedModel : model);
        }

        /** The choice with index 0 (Junction asks for one), or the first listed when none says its index. */
        private static OpenAiWire.ChunkChoice firstChoice(OpenAiWire.ChatCompletionChunk chunk) {
            if (chunk.choices() == null) return null;
            for (OpenAiWire.ChunkChoice choice : chunk.choices()) {
                if (choice != null && (choice.index() == null || choice.index() == 0)) return choice;
            }
            return null;
        }
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

    /** Reads server-sent events line by line: {@code data:} lines (joined), a blank line ends an event. */
    static final class SseParser {
        private StringBuilder data;

        /** @return the data of the event a blank line completes, or null */
        String line(String line) {
            if (line.isEmpty()) {
                String event = data == null ? null : data.toString();
                data = null;
                return event;
            }
            if (line.startsWith(":")) return null; // a comment: OpenRouter's ": OPENROUTER PROCESSING" keep-alive
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) value = value.substring(1);
            if (field.equals("data")) {
                if (data == null) data = new StringBuilder(value);
                else data.append('\n').append(value);
            }
            return null; // event, id, retry: nothing OpenAI's format uses
        }

        /** The event the body's end completes, when the last one was not followed by a blank line. */
        String end() {
            return line("");
        }
    }
}
