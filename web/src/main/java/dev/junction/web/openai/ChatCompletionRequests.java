package dev.junction.web.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.invoke.InvokeRequest;
import dev.junction.engine.invoke.Source;
import dev.junction.web.http.ApiError;
import dev.junction.web.http.MessageBodies;
import dev.junction.web.http.StrictJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads an OpenAI chat completion body ({@code POST /v1/chat/completions}) into an {@link InvokeRequest}.
 * <ul>
 *   <li>{@code model} is the deployment key; {@code messages} go after the variant's prompt, like Orquesta's
 *       {@code messages} (roles system, developer, user, assistant, tool; content a string or text parts).</li>
 *   <li>Junction's own fields sit in one object, {@code junction: {context, inputs, metadata}} (the SDKs send it as
 *       an extra body field), and the routing context may come instead, or as well, in the header
 *       {@code X-Junction-Context} (a JSON object). Both are merged; a key given different values in both is a
 *       400 rather than a silent choice. An unknown member of {@code junction} is a 400 (a typo would otherwise
 *       route silently to the default variant).</li>
 *   <li>OpenAI's {@code metadata} and {@code user} are recorded as metadata (with {@code junction.metadata}).</li>
 *   <li>The deployment owns the model and its parameters: {@code temperature}, {@code max_tokens} and the other
 *       sampling parameters are accepted, not applied, and named in {@link Parsed#ignored}. What cannot be honoured
 *       without changing the answer's shape ({@code tools}, {@code functions}, {@code n > 1}, non-text content
 *       parts) is a 400. Other unknown fields are ignored, as OpenAI's newer SDKs add some.</li>
 * </ul>
 * A field of the wrong type is a 400 that names it ({@code messages[1].content}).
 */
public final class ChatCompletionRequests {
    public static final String CONTEXT_HEADER = "X-Junction-Context";

    /** Parameters the caller may send that the deployment's variant decides instead. */
    static final List<String> DEPLOYMENT_OWNED = List.of("temperature", "top_p", "max_tokens", "max_completion_tokens",
            "frequency_penalty", "presence_penalty", "stop", "seed", "logit_bias", "logprobs", "top_logprobs",
            "response_format", "reasoning_effort", "service_tier", "parallel_tool_calls", "prediction", "modalities",
            "audio", "verbosity", "web_search_options", "store", "prompt_cache_key");
    private static final Set<String> JUNCTION_FIELDS = Set.of("context", "inputs", "metadata");

    private final ObjectMapper mapper;

    public ChatCompletionRequests(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * @param stream       {@code stream: true}
     * @param includeUsage {@code stream_options.include_usage: true}: a last chunk with the usage
     * @param ignored      the deployment-owned parameters the caller sent, which were not applied
     */
    public record Parsed(InvokeRequest request, boolean stream, boolean includeUsage, List<String> ignored) {
        /** The same request, made with the API key of this id (recorded in its log entry). */
        public Parsed withApiKey(java.util.UUID id) {
            return new Parsed(request.withApiKey(id), stream, includeUsage, ignored);
        }
    }

    public Parsed parse(String body, String contextHeader, Source source) {
        JsonNode root = StrictJson.read(mapper, body, "body");
        if (root == null || !root.isObject()) throw ApiError.badRequest("body", "must be a JSON object");

        JsonNode model = root.get("model");
        if (model == null || model.isNull()) throw ApiError.badRequest("model", "required: the deployment key");
        if (!model.isTextual() || model.asText().isBlank()) throw ApiError.badRequest("model", "must be a non-empty string (the deployment key)");

        boolean stream = bool(root, "stream");
        boolean includeUsage = false;
        JsonNode options = root.get("stream_options");
        if (options != null && !options.isNull()) {
            if (!options.isObject()) throw ApiError.badRequest("stream_options", "must be an object");
            includeUsage = bool(options, "include_usage", "stream_options.include_usage");
        }
        refuseUnsupported(root);

        JsonNode junction = root.get("junction");
        if (junction != null && !junction.isNull()) {
            if (!junction.isObject()) throw ApiError.badRequest("junction", "must be an object: {context, inputs, metadata}");
            junction.fieldNames().forEachRemaining(name -> {
                if (!JUNCTION_FIELDS.contains(name)) {
                    throw ApiError.badRequest("junction." + name, "unknown field (expected context, inputs or metadata)");
                }
            });
        } else {
            junction = mapper.createObjectNode();
        }

        Map<String, Object> metadata = new LinkedHashMap<>(object(root, "metadata", "metadata"));
        metadata.putAll(object(junction, "metadata", "junction.metadata"));
        JsonNode user = root.get("user");
        if (user != null && !user.isNull()) {
            if (!user.isTextual()) throw ApiError.badRequest("user", "must be a string");
            metadata.putIfAbsent("user", user.asText());
        }

        List<String> ignored = new ArrayList<>();
        for (String name : DEPLOYMENT_OWNED) {
            JsonNode value = root.get(name);
            if (value != null && !value.isNull()) ignored.add(name);
        }

        InvokeRequest request = new InvokeRequest(
                model.asText(),
                context(object(junction, "context", "junction.context"), contextHeader),
                object(junction, "inputs", "junction.inputs"),
                List.of(),
                messages(root),
                metadata,
                source);
        return new Parsed(request, stream, includeUsage, List.copyOf(ignored));
    }

    private static void refuseUnsupported(JsonNode root) {
        for (String name : List.of("tools", "functions")) {
            JsonNode value = root.get(name);
            if (value != null && !value.isNull() && !(value.isArray() && value.isEmpty())) {
                throw ApiError.badRequest(name, "not supported: the deployment decides the model's tools");
            }
        }
        JsonNode n = root.get("n");
        if (n != null && !n.isNull()) {
            if (!n.isIntegralNumber()) throw ApiError.badRequest("n", "must be an integer");
            if (n.asInt() != 1) throw ApiError.badRequest("n", "only 1 choice per request is supported");
        }
    }

    /** The body's context merged with the header's; one key with two different values is a 400. */
    private Map<String, Object> context(Map<String, Object> fromBody, String header) {
        if (header == null || header.isBlank()) return fromBody;
        JsonNode node = StrictJson.read(mapper, header, CONTEXT_HEADER);
        if (node == null || !node.isObject()) throw ApiError.badRequest(CONTEXT_HEADER, "must be a JSON object");
        @SuppressWarnings("unchecked")
        Map<String, Object> merged = new LinkedHashMap<>(mapper.convertValue(node, Map.class));
        for (Map.Entry<String, Object> e : fromBody.entrySet()) {
            if (merged.containsKey(e.getKey()) && !Objects.equals(merged.get(e.getKey()), e.getValue())) {
                throw ApiError.badRequest("junction.context." + e.getKey(),
                        "conflicts with the " + CONTEXT_HEADER + " header; send each context key once");
            }
            merged.put(e.getKey(), e.getValue());
        }
        return merged;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) return Map.of();
        if (!node.isObject()) throw ApiError.badRequest(path, "must be a JSON object");
        return mapper.convertValue(node, Map.class);
    }

    private static boolean bool(JsonNode parent, String field) {
        return bool(parent, field, field);
    }

    private static boolean bool(JsonNode parent, String field, String path) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) return false;
        if (!node.isBoolean()) throw ApiError.badRequest(path, "must be true or false");
        return node.asBoolean();
    }

    private static List<PromptMessage> messages(JsonNode root) {
        JsonNode node = root.get("messages");
        if (node == null || node.isNull()) throw ApiError.badRequest("messages", "required: an array of messages (it may be empty)");
        return MessageBodies.read(node, "messages");
    }
}
