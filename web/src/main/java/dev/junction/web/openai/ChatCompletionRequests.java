package dev.junction.web.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.invoke.InvokeRequest;
import dev.junction.engine.invoke.Source;
import dev.junction.web.http.ApiError;
import dev.junction.web.http.MessageBodies;
import dev.junction.web.http.JsonBody;
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

    public Parsed parse(String text, String contextHeader, Source source) {
        JsonBody body = JsonBody.of(mapper, text);
        String model = body.requiredText("model", "the deployment key to invoke");
        boolean stream = body.bool("stream");
        boolean includeUsage = body.object("stream_options").bool("include_usage");
        refuseUnsupported(body);

        JsonBody junction = junction(body);
        Map<String, Object> metadata = new LinkedHashMap<>(body.map("metadata"));
        metadata.putAll(junction.map("metadata"));
        String user = body.text("user");
        if (user != null) metadata.putIfAbsent("user", user);

        List<String> ignored = DEPLOYMENT_OWNED.stream().filter(body::has).toList();

        InvokeRequest request = new InvokeRequest(
                model,
                context(junction.map("context"), contextHeader),
                junction.map("inputs"),
                List.of(),
                messages(body),
                metadata,
                source);
        return new Parsed(request, stream, includeUsage, ignored);
    }

    private static void refuseUnsupported(JsonBody body) {
        for (String name : List.of("tools", "functions")) {
            JsonNode value = body.get(name);
            if (value != null && !(value.isArray() && value.isEmpty())) {
                throw body.invalid(name, "not supported: the deployment decides the model's tools");
            }
        }
        Integer n = body.wholeNumber("n");
        if (n != null && n != 1) throw body.invalid("n", "only 1 choice per request is supported");
    }

    /** Junction's own object, {@code junction: {context, inputs, metadata}}; any other member is a 400. */
    private static JsonBody junction(JsonBody body) {
        JsonNode node = body.get("junction");
        if (node != null && !node.isObject()) throw body.invalid("junction", JsonBody.NOT_AN_OBJECT + ": {context, inputs, metadata}");
        JsonBody junction = body.object("junction");
        for (String name : junction.fieldNames()) {
            if (!JUNCTION_FIELDS.contains(name)) throw junction.invalid(name, "unknown field (expected context, inputs or metadata)");
        }
        return junction;
    }

    /** The body's context merged with the header's; one key with two different values is a 400. */
    private Map<String, Object> context(Map<String, Object> fromBody, String header) {
        if (header == null || header.isBlank()) return fromBody;
        Map<String, Object> merged = new LinkedHashMap<>(JsonBody.header(mapper, header, CONTEXT_HEADER).toMap());
        for (Map.Entry<String, Object> e : fromBody.entrySet()) {
            if (merged.containsKey(e.getKey()) && !Objects.equals(merged.get(e.getKey()), e.getValue())) {
                throw ApiError.badRequest("junction.context." + e.getKey(),
                        "conflicts with the " + CONTEXT_HEADER + " header; send each context key once");
            }
            merged.put(e.getKey(), e.getValue());
        }
        return merged;
    }

    private static List<PromptMessage> messages(JsonBody body) {
        if (!body.has("messages")) throw body.invalid("messages", "required: an array of messages (it may be empty)");
        return MessageBodies.read(body.get("messages"), "messages");
    }
}
