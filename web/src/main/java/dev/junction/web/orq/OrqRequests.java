package dev.junction.web.orq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.invoke.ExtraParams;
import dev.junction.engine.invoke.InvokeRequest;
import dev.junction.engine.invoke.RequestOptions;
import dev.junction.engine.invoke.Source;
import dev.junction.web.http.ApiError;
import dev.junction.web.http.Bodies;
import dev.junction.web.http.MessageBodies;
import dev.junction.web.http.StrictJson;
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
    public record Parsed(InvokeRequest request, boolean stream) {
        /** The same request, made with the API key of this id (recorded in its log entry). */
        public Parsed withApiKey(java.util.UUID id) {
            return new Parsed(request.withApiKey(id), stream);
        }
    }

    public Parsed parse(String body, Source source) {
        JsonNode root = StrictJson.read(mapper, body, "body");
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
                source,
                options(root)), stream != null && stream.asBoolean(false));
    }

    /**
     * {@code extra_params} (checked against the parameters Junction can pass on, 422 naming each bad key),
     * {@code identity} and {@code thread} (objects whose {@code id} is a string), {@code invoke_options}.
     * {@code documents}, {@code file_ids} and {@code knowledge_filter} belong to Orquesta's knowledge bases, which
     * Junction does not have: they are ignored like any unknown field.
     */
    private RequestOptions options(JsonNode root) {
        Map<String, Object> extra = object(root, "extra_params");
        Map<String, Object> identity = withId(root, "identity");
        Map<String, Object> thread = withId(root, "thread");
        JsonNode thread_ = root.get("thread");
        if (thread_ != null && thread_.has("tags") && !thread_.get("tags").isNull()) {
            JsonNode tags = thread_.get("tags");
            if (!tags.isArray()) throw ApiError.badRequest("thread.tags", "must be an array of strings");
            for (int i = 0; i < tags.size(); i++) {
                if (!tags.get(i).isTextual()) throw ApiError.badRequest("thread.tags[" + i + "]", "must be a string");
            }
        }
        Boolean includeUsage = null;
        String mock = null;
        JsonNode o = root.get("invoke_options");
        if (o != null && !o.isNull()) {
            if (!o.isObject()) throw ApiError.badRequest("invoke_options", "must be a JSON object");
            includeUsage = bool(o, "include_usage", false);
            bool(o, "include_retrievals", false); // no knowledge bases here: accepted, nothing to retrieve
            JsonNode m = o.get("mock_response");
            if (m != null && !m.isNull()) {
                if (!m.isTextual()) throw ApiError.badRequest("invoke_options.mock_response", "must be a string");
                mock = m.asText();
            }
        }
        return new RequestOptions(ExtraParams.parse("extra_params", extra), extra, identity, thread, includeUsage, mock);
    }

    private Map<String, Object> withId(JsonNode root, String field) {
        Map<String, Object> value = object(root, field);
        if (value.isEmpty() && (root.get(field) == null || root.get(field).isNull())) return value;
        Object id = value.get("id");
        if (!(id instanceof String s) || s.isBlank()) throw ApiError.badRequest(field + ".id", "required: a non-empty string");
        if (s.length() > 256) throw ApiError.badRequest(field + ".id", "at most 256 characters");
        return value;
    }

    private static Boolean bool(JsonNode parent, String field, boolean absent) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) return absent;
        if (!n.isBoolean()) throw ApiError.badRequest("invoke_options." + field, "must be true or false");
        return n.asBoolean();
    }

    private Map<String, Object> object(JsonNode root, String field) {
        return Bodies.optionalObject(mapper, root, field);
    }

    private static List<PromptMessage> messages(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) return List.of();
        return MessageBodies.read(node, field);
    }
}
