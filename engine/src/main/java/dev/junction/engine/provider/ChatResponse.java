package dev.junction.engine.provider;

import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.ToolCall;
import java.util.List;

/**
 * A provider's answer: the assistant text, the tool calls it asked for (ids as the provider gave them), its reasoning
 * blocks (text and signatures, or redacted data, where the provider returns them), why it stopped, token usage and
 * the model that answered. {@code finishReason} is the provider's own word, except that every adapter says
 * {@code tool_calls} when the model stopped to call tools (Anthropic's {@code tool_use}, Gemini's {@code STOP} with
 * function calls), so both front doors can say it as their wire does.
 */
public record ChatResponse(String content, String finishReason, Usage usage, String model, List<ToolCall> toolCalls,
                           List<Reasoning> reasoning) {
    public static final String TOOL_CALLS = "tool_calls";

    public ChatResponse {
        usage = usage == null ? Usage.NONE : usage;
        content = content == null ? "" : content;
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
        reasoning = reasoning == null ? List.of() : List.copyOf(reasoning);
    }

    public ChatResponse(String content, String finishReason, Usage usage, String model) {
        this(content, finishReason, usage, model, null, null);
    }

    public boolean hasToolCalls() {
        return !toolCalls.isEmpty();
    }

    /** The reasoning text of all blocks, joined (null when there is none). */
    public String reasoningText() {
        StringBuilder b = new StringBuilder();
        for (Reasoning r : reasoning) if (r.text() != null) b.append(r.text());
        return b.isEmpty() ? null : b.toString();
    }

    /** The answer as the next turn's assistant message (tool calls and reasoning kept). */
    public dev.junction.engine.deployment.PromptMessage asMessage() {
        return new dev.junction.engine.deployment.PromptMessage(dev.junction.engine.deployment.Role.ASSISTANT, content,
                null, toolCalls, null, reasoning);
    }
}
