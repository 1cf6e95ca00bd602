package dev.junction.engine.provider.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.provider.http.MalformedAnswer;
import dev.junction.engine.provider.http.WireJson;
import java.util.List;

/**
 * Pure translation between Junction's provider-neutral types and the chat-completions wire format.
 * No I/O and no state beyond a thread-safe, immutable JSON mapper.
 */
final class OpenAiMapper {
    static final ObjectMapper JSON = WireJson.lenientMapper();

    private OpenAiMapper() {
    }

    static OpenAiWire.ChatCompletionRequest toWire(ChatRequest request) {
        return toWire(request, false, false);
    }

    /**
     * @param stream       ask for server-sent chunks
     * @param includeUsage with {@code stream}, also send {@code stream_options: {"include_usage": true}}
     */
    static OpenAiWire.ChatCompletionRequest toWire(ChatRequest request, boolean stream, boolean includeUsage) {
        ModelParameters p = request.parameters();
        List<OpenAiWire.Message> messages = request.messages().stream()
                .map(OpenAiMapper::toWire)
                .toList();
        return new OpenAiWire.ChatCompletionRequest(request.model(), messages,
                p.temperature(), p.maxTokens(), p.topP(), p.stop(), p.presencePenalty(), p.frequencyPenalty(), p.seed(),
                p.responseFormat(), tools(p), stream,
                stream && includeUsage ? OpenAiWire.StreamOptions.INCLUDE_USAGE : null);
    }

    private static List<OpenAiWire.Tool> tools(ModelParameters p) {
        if (p.tools() == null || p.tools().isEmpty()) return null;
        return p.tools().stream()
                .map(t -> new OpenAiWire.Tool("function", new OpenAiWire.Function(t.name(), t.description(), t.parameters())))
                .toList();
    }

    static String requestBody(ChatRequest request) {
        return requestBody(request, false, false);
    }

    static String requestBody(ChatRequest request, boolean stream, boolean includeUsage) {
        try {
            return JSON.writeValueAsString(toWire(request, stream, includeUsage));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a chat-completions request", e);
        }
    }

    /**
     * Reads a 2xx body.
     *
     * @param requestedModel the model asked for, used when the body does not name one
     * @throws NotAChatCompletion when the body is not JSON or has no usable first choice
     */
    static ChatResponse fromJson(String body, String requestedModel) throws NotAChatCompletion {
        return fromWire(WireJson.readAnswer(JSON, body, OpenAiWire.ChatCompletion.class, "chat-completion",
                NotAChatCompletion::new), requestedModel);
    }

    static ChatResponse fromWire(OpenAiWire.ChatCompletion completion, String requestedModel) throws NotAChatCompletion {
        if (completion.choices() == null || completion.choices().isEmpty()) {
            throw new NotAChatCompletion("the body has no choices");
        }
        OpenAiWire.Choice first = completion.choices().getFirst();
        if (first == null || first.message() == null) {
            throw new NotAChatCompletion("choices[0] has no message");
        }
        String content = first.message().content() == null ? "" : first.message().content();
        String model = completion.model() == null || completion.model().isBlank() ? requestedModel : completion.model();
        return new ChatResponse(content, first.finishReason(), fromWire(completion.usage()), model);
    }

    static Usage fromWire(OpenAiWire.Usage usage) {
        if (usage == null) {
            return Usage.NONE;
        }
        int cached = usage.promptTokensDetails() == null ? 0 : WireJson.orZero(usage.promptTokensDetails().cachedTokens());
        return new Usage(WireJson.orZero(usage.promptTokens()), WireJson.orZero(usage.completionTokens()), cached);
    }

    private static OpenAiWire.Message toWire(PromptMessage message) {
        return new OpenAiWire.Message(message.role().wireName(), message.content());
    }

    /** A 2xx body that is not a chat completion. The message names what is wrong, never the body's content. */
    static final class NotAChatCompletion extends MalformedAnswer {
        NotAChatCompletion(String message) {
            super(message);
        }
    }
}
