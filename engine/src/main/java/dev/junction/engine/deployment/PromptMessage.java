package dev.junction.engine.deployment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation, provider-neutral. In a variant, text may hold {@code {{variables}}}.
 * <ul>
 *   <li>{@code content}: the message's text. With {@code parts}, it is the text parts joined by a line break (derived,
 *       never set apart from them), so token counts and text-only readers need not look at parts.</li>
 *   <li>{@code parts}: null for a text-only message; else every part in order, text included (images, files, audio).</li>
 *   <li>{@code toolCalls}: on an assistant message, the calls the model asked for (ids kept as the provider gave them).</li>
 *   <li>{@code toolCallId}: on a {@code tool} message, the call it answers.</li>
 *   <li>{@code reasoning}: on an assistant message, the reasoning blocks a provider returned with its signatures,
 *       to be sent back on the next turn of a tool loop where the provider requires it (Anthropic).</li>
 * </ul>
 * Only non-null members are written, so a text-only message keeps its old JSON form ({@code {role, content}}) and a
 * stored version's content hash does not change.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PromptMessage(Role role, String content, List<ContentPart> parts, List<ToolCall> toolCalls,
                            String toolCallId, List<Reasoning> reasoning) {
    public PromptMessage {
        Objects.requireNonNull(role, "role");
        parts = parts == null || parts.isEmpty() ? null : List.copyOf(parts);
        toolCalls = toolCalls == null || toolCalls.isEmpty() ? null : List.copyOf(toolCalls);
        reasoning = reasoning == null || reasoning.isEmpty() ? null : List.copyOf(reasoning);
        if (parts != null) content = textOf(parts);
        content = content == null ? "" : content;
    }

    public PromptMessage(Role role, String content) {
        this(role, content, null, null, null, null);
    }

    public static PromptMessage system(String content) { return new PromptMessage(Role.SYSTEM, content); }
    public static PromptMessage user(String content) { return new PromptMessage(Role.USER, content); }
    public static PromptMessage assistant(String content) { return new PromptMessage(Role.ASSISTANT, content); }

    /** A message of parts (text parts hold its text). */
    public static PromptMessage of(Role role, List<ContentPart> parts) {
        return new PromptMessage(role, null, parts, null, null, null);
    }

    /** An assistant turn that called tools (with whatever text came with the calls). */
    public static PromptMessage toolCalls(String content, List<ToolCall> calls, List<Reasoning> reasoning) {
        return new PromptMessage(Role.ASSISTANT, content, null, calls, null, reasoning);
    }

    /** A tool's result, answering the call {@code toolCallId}. */
    public static PromptMessage toolResult(String toolCallId, String content) {
        return new PromptMessage(Role.TOOL, content, null, null, toolCallId, null);
    }

    /** The same message with other text (its parts, if any, become one text part followed by the media parts). */
    public PromptMessage withContent(String text) {
        if (parts == null) return new PromptMessage(role, text, null, toolCalls, toolCallId, reasoning);
        throw new IllegalStateException("a message with parts is changed part by part");
    }

    /** The same message with these parts. */
    public PromptMessage withParts(List<ContentPart> value) {
        return new PromptMessage(role, value == null ? content : null, value, toolCalls, toolCallId, reasoning);
    }

    /** The parts as a list: the message's parts, or its text as one text part (none when the text is empty). */
    @JsonIgnore
    public List<ContentPart> partsOrText() {
        if (parts != null) return parts;
        return content.isEmpty() ? List.of() : List.of(new ContentPart.Text(content));
    }

    @JsonIgnore
    public boolean hasToolCalls() {
        return toolCalls != null;
    }

    /** The text parts' texts joined by a line break: a message's {@code content} when it has parts. */
    public static String textOf(List<ContentPart> parts) {
        StringBuilder text = new StringBuilder();
        for (ContentPart p : parts) {
            if (p instanceof ContentPart.Text t) {
                if (!text.isEmpty()) text.append('\n');
                text.append(t.text());
            }
        }
        return text.toString();
    }
}
