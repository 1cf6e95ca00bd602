package dev.junction.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Role;
import java.util.ArrayList;
import java.util.List;

/**
 * Chat messages as both wire formats send them (Orquesta's {@code messages}/{@code prefix_messages} and OpenAI's
 * {@code messages}): {@code {role, content}} with content a string, null (an assistant turn that only called tools),
 * or an array of text parts. A message holds one string, so parts are joined with a line break ({@code Hello},
 * {@code world} is {@code "Hello\nworld"}, never {@code "Helloworld"}), as vLLM's OpenAI-compatible server joins them;
 * OpenAI does not document a separator. Any other shape is a 400 that names the field.
 */
public final class MessageBodies {
    private MessageBodies() {}

    /** The messages of {@code node} (an array), each error path under {@code field}: {@code messages[1].content}. */
    public static List<PromptMessage> read(JsonNode node, String field) {
        if (!node.isArray()) throw ApiError.badRequest(field, "must be an array of messages");
        List<PromptMessage> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String path = field + "[" + i + "]";
            JsonNode m = node.get(i);
            if (!m.isObject()) throw ApiError.badRequest(path, "must be an object with role and content");
            JsonNode role = m.get("role");
            if (role == null || !role.isTextual()) {
                throw ApiError.badRequest(path + ".role", "required: system, developer, user, assistant or tool");
            }
            Role parsed;
            try {
                parsed = Role.fromWire(role.asText());
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest(path + ".role", e.getMessage());
            }
            out.add(new PromptMessage(parsed, content(m.get("content"), path + ".content")));
        }
        return out;
    }

    private static String content(JsonNode content, String path) {
        if (content == null || content.isNull()) return "";
        if (content.isTextual()) return content.asText();
        if (!content.isArray()) throw ApiError.badRequest(path, "must be a string or an array of content parts");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String partPath = path + "[" + i + "]";
            if (!part.isObject()) throw ApiError.badRequest(partPath, "must be a content part object");
            String type = part.path("type").asText("");
            if (!type.equals("text")) {
                throw ApiError.badRequest(partPath + ".type", "'" + type + "' parts are not supported; only text parts are");
            }
            JsonNode partText = part.get("text");
            if (partText == null || !partText.isTextual()) throw ApiError.badRequest(partPath + ".text", JsonBody.NOT_A_STRING);
            if (i > 0) text.append('\n');
            text.append(partText.asText());
        }
        return text.toString();
    }
}
