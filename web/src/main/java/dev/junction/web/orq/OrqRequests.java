package dev.junction.web.orq;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.invoke.InvokeRequest;
import dev.junction.engine.invoke.Source;
import dev.junction.web.http.ApiError;
import dev.junction.web.http.Bodies;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads an Orquesta invoke body (reference section 3) into an {@link InvokeRequest}. Unknown fields are
 * ignored, as the SDK's newer versions add some; a field of the wrong shape is a 400 that names it.
 */
public final class OrqRequests {
    private final ObjectMapper mapper;

    public OrqRequests(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A parsed request, and whether it asked for a stream ({@code "stream": true} on invoke). */
    public record Parsed(InvokeRequest request, boolean stream) {}

    public Parsed parse(String body, Source source) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : mapper.readTree(body);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("body", "malformed JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw ApiError.badRequest("body", "must be a JSON object");
        JsonNode key = root.get("key");
        if (key == null || key.isNull()) throw ApiError.badRequest("key", "required: the deployment key to invoke");
        if (!key.isTextual() || key.asText().isBlank()) throw ApiError.badRequest("key", "must be a non-empty string");
        JsonNode stream = root.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) throw ApiError.badRequest("stream", "must be true or false");
        return new Parsed(new InvokeRequest(
                key.asText(),
                object(root, "context"),
                object(root, "inputs"),
                messages(root, "prefix_messages"),
                messages(root, "messages"),
                object(root, "metadata"),
                source), stream != null && stream.asBoolean(false));
    }

    private Map<String, Object> object(JsonNode root, String field) {
        return Bodies.optionalObject(mapper, root, field);
    }

    private static List<PromptMessage> messages(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) return List.of();
        if (!node.isArray()) throw ApiError.badRequest(field, "must be an array of messages");
        List<PromptMessage> out = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            String path = field + "[" + i + "]";
            JsonNode m = node.get(i);
            if (!m.isObject()) throw ApiError.badRequest(path, "must be an object with role and content");
            JsonNode role = m.get("role");
            if (role == null || !role.isTextual()) throw ApiError.badRequest(path + ".role", "required");
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

    /** A string, or an array of parts whose text parts are joined; other part types are not carried yet. */
    private static String content(JsonNode content, String path) {
        if (content == null || content.isNull()) return "";
        if (content.isTextual()) return content.asText();
        if (!content.isArray()) throw ApiError.badRequest(path, "must be a string or an array of content parts");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < content.size(); i++) {
            JsonNode part = content.get(i);
            String type = part.path("type").asText("");
            if (!type.equals("text")) {
                throw ApiError.badRequest(path + "[" + i + "].type",
                        "'" + type + "' parts are not supported yet; only text parts are");
            }
            text.append(part.path("text").asText(""));
        }
        return text.toString();
    }
}
