package dev.junction.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.deployment.ToolCall;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Chat messages as both wire formats send them (Orquesta's {@code messages}/{@code prefix_messages}, reference
 * section 3.1, and OpenAI's chat-completion {@code messages}), read into {@link PromptMessage}s:
 * <ul>
 *   <li>{@code system}, {@code developer}: content a string or text parts;</li>
 *   <li>{@code user}: content a string or parts of text, image, file and audio ({@link MessageParts});</li>
 *   <li>{@code assistant}: content a string, null, or parts of text, {@code refusal}, {@code reasoning}
 *       ({@code {reasoning, signature}}) and {@code redacted_reasoning} ({@code {data}}); {@code tool_calls}
 *       ({@code {id, type: "function", function: {name, arguments}, thought_signature?}}, arguments a JSON object
 *       as text); {@code reasoning_content} (DeepSeek's spelling, which Junction answers with) and {@code refusal}.
 *       A refusal is what the assistant said, so it is kept as the turn's text;</li>
 *   <li>{@code tool}: content a string or text parts, and the {@code tool_call_id} it answers.</li>
 * </ul>
 * An assistant's {@code audio} ({@code {id}}, OpenAI's stored audio answer) is a 400: only OpenAI could read it. A
 * message's {@code name} (a participant's label) is not passed on.
 * Text parts of a message are joined with a line break ({@code Hello}, {@code world} is {@code "Hello\nworld"}), as
 * vLLM's OpenAI-compatible server joins them; a message with any other part keeps all its parts in order. Any other
 * shape is a 400 that names the field ({@code messages[3].content[1].image_url.url}); {@link #requireAnsweredCalls}
 * checks that each tool result answers an earlier call.
 */
public final class MessageBodies {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TEXT_ONLY = Set.of("text");
    private static final Set<String> USER_PARTS = Set.of("text", "image_url", "file", "input_audio");
    private static final Set<String> ASSISTANT_PARTS = Set.of("text", "refusal", "reasoning", "redacted_reasoning");

    private MessageBodies() {}

    /** The messages of {@code node} (an array), each error path under {@code field}: {@code messages[1].content}. */
    public static List<PromptMessage> read(JsonNode node, String field) {
        if (!node.isArray()) throw ApiError.badRequest(field, "must be an array of messages");
        List<PromptMessage> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String path = field + "[" + i + "]";
            JsonNode m = node.get(i);
            if (!m.isObject()) throw ApiError.badRequest(path, "must be an object with role and content");
            out.add(message(m, path, role(m, path)));
        }
        return out;
    }

    /**
     * Every {@code tool} message of the conversation (the messages of each field in order, {@code prefix_messages}
     * before {@code messages}) must answer a call of an earlier assistant message: else a 400 naming its
     * {@code tool_call_id} ({@code messages[3].tool_call_id}).
     */
    public static void requireAnsweredCalls(List<String> fields, List<List<PromptMessage>> conversation) {
        Set<String> calls = new HashSet<>();
        for (int f = 0; f < fields.size(); f++) {
            List<PromptMessage> messages = conversation.get(f);
            for (int i = 0; i < messages.size(); i++) {
                PromptMessage m = messages.get(i);
                if (m.toolCalls() != null) m.toolCalls().forEach(c -> calls.add(c.id()));
                if (m.role() == Role.TOOL && !calls.contains(m.toolCallId())) {
                    throw ApiError.badRequest(fields.get(f) + "[" + i + "].tool_call_id", "'" + m.toolCallId()
                            + "' answers no tool call of an earlier assistant message");
                }
            }
        }
    }

    private static Role role(JsonNode m, String path) {
        JsonNode role = m.get("role");
        if (role == null || !role.isTextual()) {
            throw ApiError.badRequest(path + ".role", "required: system, developer, user, assistant or tool");
        }
        try {
            return Role.fromWire(role.asText());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(path + ".role", e.getMessage());
        }
    }

    private static PromptMessage message(JsonNode m, String path, Role role) {
        return switch (role) {
            case SYSTEM, DEVELOPER -> plain(role, m.get("content"), path + ".content", TEXT_ONLY);
            case USER -> plain(role, m.get("content"), path + ".content", USER_PARTS);
            case TOOL -> toolResult(m, path);
            case ASSISTANT -> assistant(m, path);
        };
    }

    /** A message of text or parts: text alone is one string; any other part keeps the parts. */
    private static PromptMessage plain(Role role, JsonNode content, String path, Set<String> allowed) {
        List<ContentPart> parts = parts(content, path, allowed, role.wireName());
        if (parts == null) return new PromptMessage(role, content == null || content.isNull() ? "" : content.asText());
        if (parts.stream().allMatch(p -> p instanceof ContentPart.Text)) return new PromptMessage(role, PromptMessage.textOf(parts));
        return PromptMessage.of(role, parts);
    }

    private static PromptMessage toolResult(JsonNode m, String path) {
        JsonNode id = m.get("tool_call_id");
        if (id == null || !id.isTextual() || id.asText().isEmpty()) {
            throw ApiError.badRequest(path + ".tool_call_id", "required: the id of the tool call this message answers");
        }
        List<ContentPart> parts = parts(m.get("content"), path + ".content", TEXT_ONLY, "tool");
        JsonNode content = m.get("content");
        String text = parts != null ? PromptMessage.textOf(parts) : content == null || content.isNull() ? "" : content.asText();
        return PromptMessage.toolResult(id.asText(), text);
    }

    private static PromptMessage assistant(JsonNode m, String path) {
        List<ContentPart> parts = parts(m.get("content"), path + ".content", ASSISTANT_PARTS, "assistant");
        List<Reasoning> reasoning = new ArrayList<>();
        List<ContentPart> text = new ArrayList<>();
        JsonNode content = m.get("content");
        if (parts == null && content != null && !content.isNull()) text.add(new ContentPart.Text(content.asText()));
        if (parts != null) {
            for (int i = 0; i < parts.size(); i++) {
                ContentPart p = parts.get(i);
                if (p instanceof ContentPart.Text) text.add(p);
            }
            assistantExtras(content, path + ".content", reasoning, text);
        }
        JsonNode refusal = m.get("refusal");
        if (refusal != null && !refusal.isNull()) {
            if (!refusal.isTextual()) throw ApiError.badRequest(path + ".refusal", JsonBody.NOT_A_STRING);
            text.add(new ContentPart.Text(refusal.asText()));
        }
        JsonNode rc = m.get("reasoning_content");
        if (rc != null && !rc.isNull()) {
            if (!rc.isTextual()) throw ApiError.badRequest(path + ".reasoning_content", JsonBody.NOT_A_STRING);
            reasoning.addFirst(Reasoning.text(rc.asText(), null));
        }
        if (m.hasNonNull("audio")) {
            throw ApiError.badRequest(path + ".audio", "not supported: a reference to OpenAI's stored audio answer, which no "
                    + "other provider can read; send the turn's text as content");
        }
        List<ToolCall> calls = toolCalls(m.get("tool_calls"), path + ".tool_calls");
        return new PromptMessage(Role.ASSISTANT, PromptMessage.textOf(text), null, calls, null, reasoning);
    }

    /** The refusal and reasoning parts of an assistant's content (text parts were read by {@link #parts}). */
    private static void assistantExtras(JsonNode content, String path, List<Reasoning> reasoning, List<ContentPart> text) {
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String pp = path + "[" + i + "]";
            switch (part.get("type").asText()) {
                case "refusal" -> text.add(new ContentPart.Text(MessageParts.string(part, "refusal", pp, true)));
                case "reasoning" -> reasoning.add(Reasoning.text(MessageParts.string(part, "reasoning", pp, true), MessageParts.string(part, "signature", pp, false)));
                case "redacted_reasoning" -> reasoning.add(Reasoning.redacted(MessageParts.string(part, "data", pp, true)));
                default -> { } // text: already read
            }
        }
    }

    private static List<ToolCall> toolCalls(JsonNode node, String path) {
        if (node == null || node.isNull()) return null;
        if (!node.isArray()) throw ApiError.badRequest(path, "must be an array of tool calls");
        List<ToolCall> calls = new ArrayList<>(node.size());
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode c = node.get(i);
            String cp = path + "[" + i + "]";
            if (!c.isObject()) throw ApiError.badRequest(cp, "must be an object {id, type, function}");
            String id = MessageParts.string(c, "id", cp, true);
            if (id.isEmpty()) throw ApiError.badRequest(cp + ".id", JsonBody.NOT_A_NON_EMPTY_STRING);
            if (!ids.add(id)) throw ApiError.badRequest(cp + ".id", "'" + id + "' is the id of another call of this message");
            String type = MessageParts.string(c, "type", cp, false);
            if (type != null && !type.equals("function")) throw ApiError.badRequest(cp + ".type", "must be \"function\"");
            JsonNode function = c.get("function");
            if (function == null || !function.isObject()) throw ApiError.badRequest(cp + ".function", "required: {name, arguments}");
            String name = MessageParts.string(function, "name", cp + ".function", true);
            if (name.isBlank()) throw ApiError.badRequest(cp + ".function.name", JsonBody.NOT_A_NON_EMPTY_STRING);
            String arguments = MessageParts.string(function, "arguments", cp + ".function", false);
            requireJsonObject(arguments, cp + ".function.arguments");
            calls.add(new ToolCall(id, name, arguments, MessageParts.string(c, "thought_signature", cp, false)));
        }
        return calls;
    }

    /** Arguments are a JSON object as text (blank is {@code {}}): every provider but OpenAI takes them as an object. */
    private static void requireJsonObject(String arguments, String path) {
        if (arguments == null || arguments.isBlank()) return;
        try {
            if (JSON.readTree(arguments).isObject()) return;
        } catch (java.io.IOException e) {
            // reported below
        }
        throw ApiError.badRequest(path, "must be a JSON object as text ({\"city\": \"Paris\"})");
    }

    /** The parts of an array content, null when the content is a string or null; any other shape is a 400. */
    private static List<ContentPart> parts(JsonNode content, String path, Set<String> allowed, String role) {
        if (content == null || content.isNull() || content.isTextual()) return null;
        if (!content.isArray()) throw ApiError.badRequest(path, "must be a string or an array of content parts");
        List<ContentPart> parts = new ArrayList<>(content.size());
        for (int i = 0; i < content.size(); i++) {
            String pp = path + "[" + i + "]";
            JsonNode part = content.get(i);
            if (part.isObject() && part.path("type").isTextual() && ASSISTANT_PARTS.contains(part.get("type").asText())
                    && !part.get("type").asText().equals("text") && allowed.contains(part.get("type").asText())) {
                continue; // refusal and reasoning parts are not content: the assistant reads them
            }
            parts.add(MessageParts.read(part, pp, allowed, role));
        }
        return parts;
    }
}
