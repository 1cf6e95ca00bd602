package dev.junction.web.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.cache.CacheMode;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.invoke.ExtraParams;
import dev.junction.engine.invoke.InvokeRequest;
import dev.junction.engine.invoke.RequestOptions;
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
 *   <li>Junction's own fields sit in one object, {@code junction: {context, inputs, metadata, cache}} (the SDKs send it as
 *       an extra body field), and the routing context may come instead, or as well, in the header
 *       {@code X-Junction-Context} (a JSON object). Both are merged; a key given different values in both is a
 *       400 rather than a silent choice. An unknown member of {@code junction} is a 400 (a typo would otherwise
 *       route silently to the default variant).</li>
 *   <li>OpenAI's {@code metadata} and {@code user} are recorded as metadata (with {@code junction.metadata}).</li>
 *   <li>The deployment owns the model and its sampling parameters: {@code temperature}, {@code max_tokens} and the
 *       others are accepted, not applied, and named in {@link Parsed#ignored} (the header
 *       {@code X-Junction-Ignored-Params}).</li>
 *   <li>What shapes the answer is honoured ({@link #HONOURED}, read by {@link ExtraParams} as Orquesta's
 *       {@code extra_params}): {@code tools} are added to the variant's (a request tool named like one of the
 *       variant's is a 422 naming it); {@code tool_choice}, {@code parallel_tool_calls}, {@code response_format},
 *       {@code reasoning_effort} replace the variant's. The legacy {@code functions}/{@code function_call} are a 400
 *       pointing to {@code tools}/{@code tool_choice} (answering them would need the legacy
 *       {@code message.function_call} shape); {@code n > 1} is a 400. Other unknown fields are ignored, as OpenAI's
 *       newer SDKs add some.</li>
 *   <li>Messages take every part of {@link MessageBodies} (images, files, audio, tool calls and results).</li>
 * </ul>
 * A field of the wrong type is a 400 that names it ({@code messages[1].content}).
 */
public final class ChatCompletionRequests {
    public static final String CONTEXT_HEADER = "X-Junction-Context";

    /** Parameters the caller may send that the deployment's variant decides instead. */
    static final List<String> DEPLOYMENT_OWNED = List.of("temperature", "top_p", "max_tokens", "max_completion_tokens",
            "frequency_penalty", "presence_penalty", "stop", "seed", "logit_bias", "logprobs", "top_logprobs",
            "service_tier", "prediction", "modalities", "audio", "verbosity", "web_search_options", "store",
            "prompt_cache_key");
    /** Parameters of the request that are applied, over the variant's (see the class comment for the rule). */
    static final List<String> HONOURED = List.of("tools", "tool_choice", "parallel_tool_calls", "response_format",
            "reasoning_effort");
    private static final Set<String> JUNCTION_FIELDS = Set.of("context", "inputs", "metadata", "cache");

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
        /** The same request, made with this API key (its id recorded in the log entry, its scope checked). */
        public Parsed withCaller(dev.junction.engine.access.ApiKeyAccess key) {
            return new Parsed(request.withCaller(key), stream, includeUsage, ignored);
        }
    }

    public Parsed parse(String text, String contextHeader, Source source) {
        return parse(text, contextHeader, null, source);
    }

    /**
     * @param cacheHeader the mode of the {@code X-Junction-Cache} header (null: none); {@code junction.cache} in the
     *                    body says the same, and the two must agree when both are given
     */
    public Parsed parse(String text, String contextHeader, CacheMode cacheHeader, Source source) {
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

        List<PromptMessage> messages = messages(body);
        MessageBodies.requireAnsweredCalls(List.of("messages"), List.of(messages));
        Map<String, Object> honoured = new LinkedHashMap<>();
        for (String name : HONOURED) {
            if (body.has(name)) honoured.put(name, body.toMap().get(name));
        }
        RequestOptions options = new RequestOptions(ExtraParams.parse("", honoured), honoured, null, null, null, null,
                cache(junction, cacheHeader));
        InvokeRequest request = new InvokeRequest(
                model,
                context(junction.map("context"), contextHeader),
                junction.map("inputs"),
                List.of(),
                messages,
                metadata,
                source,
                options);
        return new Parsed(request, stream, includeUsage, ignored);
    }

    private static void refuseUnsupported(JsonBody body) {
        JsonNode functions = body.get("functions");
        if (functions != null && !(functions.isArray() && functions.isEmpty())) {
            throw body.invalid("functions", "deprecated by OpenAI and not supported: send tools ({type: \"function\", function: {...}})");
        }
        if (body.has("function_call")) {
            throw body.invalid("function_call", "deprecated by OpenAI and not supported: send tool_choice");
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
            if (!JUNCTION_FIELDS.contains(name)) throw junction.invalid(name, "unknown field (expected context, inputs, metadata or cache)");
        }
        return junction;
    }

    /** {@code junction.cache} and the header's mode: either, or both when they agree. */
    private static CacheMode cache(JsonBody junction, CacheMode header) {
        String text = junction.text("cache");
        if (text == null) return header;
        CacheMode mode = CacheMode.parse(text);
        if (mode == null) throw junction.invalid("cache", "unknown cache mode '" + text + "': one of " + CacheMode.choices());
        if (header != null && header != mode) {
            throw junction.invalid("cache", "conflicts with the X-Junction-Cache header; send the mode once");
        }
        return mode;
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
