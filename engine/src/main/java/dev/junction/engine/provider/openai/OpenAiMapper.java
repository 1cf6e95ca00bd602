package dev.junction.engine.provider.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.deployment.ToolChoice;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.provider.http.MalformedAnswer;
import dev.junction.engine.provider.http.WireJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Pure translation between Junction's provider-neutral types and the chat-completions wire format (the messages in
 * {@link OpenAiMessages}). No I/O and no state beyond a thread-safe, immutable JSON mapper.
 * <p>Parameters: the tools (with {@code strict}), {@code tool_choice}, {@code parallel_tool_calls},
 * {@code response_format} (as given: it is already OpenAI's shape) and {@code reasoning_effort} go as they are. A
 * thinking budget without an effort (Anthropic's and Gemini's knob) becomes the effort OpenAI's reasoning models take
 * for it ({@link #effortOf}); with an effort, the effort wins and the budget is not sent (OpenAI has no budget).
 * <p>The answer: {@code choices[0].message}'s text (null is empty), {@code tool_calls} (ids kept), reasoning text
 * ({@code reasoning_content}, else {@code reasoning}: DeepSeek, vLLM, OpenRouter, Groq; OpenAI itself returns none),
 * the finish reason as given ({@code tool_calls} when it stopped to call tools), and the usage with its cached and
 * reasoning tokens.
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
        List<OpenAiWire.RequestMessage> messages = OpenAiMessages.toWire(request.messages());
        return new OpenAiWire.ChatCompletionRequest(request.model(), messages,
                p.temperature(), p.maxTokens(), p.topP(), p.stop(), p.presencePenalty(), p.frequencyPenalty(), p.seed(),
                p.responseFormat(), tools(p), toolChoice(p.toolChoice()), p.parallelToolCalls(), reasoningEffort(p),
                stream, stream && includeUsage ? OpenAiWire.StreamOptions.INCLUDE_USAGE : null);
    }

    private static List<OpenAiWire.Tool> tools(ModelParameters p) {
        if (p.tools() == null || p.tools().isEmpty()) return null;
        return p.tools().stream()
                .map(t -> new OpenAiWire.Tool("function",
                        new OpenAiWire.Function(t.name(), t.description(), t.parameters(), t.strict())))
                .toList();
    }

    /** {@code "auto" | "none" | "required"}, or {@code {"type": "function", "function": {"name"}}} for one tool. */
    private static Object toolChoice(ToolChoice choice) {
        if (choice == null || choice.mode() == null) return null;
        return switch (choice.mode()) {
            case "auto", "none", "required" -> choice.mode();
            case "function" -> {
                if (choice.name() == null || choice.name().isBlank()) {
                    throw unsupported("tool_choice.function.name: a forced tool needs its name");
                }
                yield new OpenAiWire.NamedToolChoice("function", new OpenAiWire.FunctionName(choice.name()));
            }
            default -> throw unsupported("tool_choice: OpenAI takes auto, none, required or a function, not '"
                    + choice.mode() + "'");
        };
    }

    /** The effort as given; else the thinking budget's ({@link #effortOf}); else none (the model's default). */
    private static String reasoningEffort(ModelParameters p) {
        if (p.reasoningEffort() != null && !p.reasoningEffort().isBlank()) return p.reasoningEffort();
        return p.thinkingBudget() == null ? null : effortOf(p.thinkingBudget());
    }

    /**
     * The effort for a thinking budget in tokens: up to 1,024 (Anthropic's smallest budget, and 0, no thinking)
     * {@code low}, the lowest effort every OpenAI reasoning model takes ({@code none} and {@code minimal} only some);
     * up to 8,192 {@code medium} (OpenAI's default); more {@code high}.
     */
    static String effortOf(int thinkingBudget) {
        if (thinkingBudget <= 1024) return "low";
        if (thinkingBudget <= 8192) return "medium";
        return "high";
    }

    private static ProviderException unsupported(String message) {
        return new ProviderException(new ProviderFailure.Unsupported(message));
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
        OpenAiWire.ResponseMessage message = first.message();
        String content = message.content() == null ? "" : message.content();
        String model = completion.model() == null || completion.model().isBlank() ? requestedModel : completion.model();
        return new ChatResponse(content, first.finishReason(), fromWire(completion.usage()), model,
                toolCalls(message.toolCalls()), reasoning(reasoningText(message.reasoningContent(), message.reasoning())));
    }

    private static List<ToolCall> toolCalls(List<OpenAiWire.ToolCall> calls) throws NotAChatCompletion {
        if (calls == null) return List.of();
        List<ToolCall> out = new ArrayList<>(calls.size());
        for (int k = 0; k < calls.size(); k++) {
            OpenAiWire.ToolCall call = calls.get(k);
            if (call == null || call.function() == null || call.function().name() == null) {
                throw new NotAChatCompletion("choices[0].message.tool_calls[" + k + "] has no function name");
            }
            out.add(new ToolCall(call.id(), call.function().name(), call.function().arguments()));
        }
        return out;
    }

    /**
     * The reasoning text of a message or delta: {@code reasoning_content}, else {@code reasoning} (vendors that send
     * both send the same text, so it is never taken twice); null when neither has any.
     */
    static String reasoningText(String reasoningContent, String reasoning) {
        if (reasoningContent != null && !reasoningContent.isEmpty()) return reasoningContent;
        return reasoning == null || reasoning.isEmpty() ? null : reasoning;
    }

    /** One reasoning block of this text (no signature: OpenAI-compatible vendors sign none), or none. */
    static List<Reasoning> reasoning(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(Reasoning.text(text, null));
    }

    static Usage fromWire(OpenAiWire.Usage usage) {
        if (usage == null) {
            return Usage.NONE;
        }
        int cached = usage.promptTokensDetails() == null ? 0 : WireJson.orZero(usage.promptTokensDetails().cachedTokens());
        int reasoning = usage.completionTokensDetails() == null ? 0
                : WireJson.orZero(usage.completionTokensDetails().reasoningTokens());
        return new Usage(WireJson.orZero(usage.promptTokens()), WireJson.orZero(usage.completionTokens()), cached,
                reasoning);
    }

    /** A 2xx body that is not a chat completion. The message names what is wrong, never the body's content. */
    static final class NotAChatCompletion extends MalformedAnswer {
        NotAChatCompletion(String message) {
            super(message);
        }
    }
}
