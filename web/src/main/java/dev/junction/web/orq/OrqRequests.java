package dev.junction.web.orq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.invoke.ExtraParams;
import dev.junction.engine.invoke.InvokeRequest;
import dev.junction.engine.invoke.RequestOptions;
import dev.junction.engine.invoke.Source;
import dev.junction.web.http.JsonBody;
import dev.junction.web.http.MessageBodies;
import java.util.List;
import java.util.Map;

/**
 * Reads an Orquesta invoke body (reference section 3) into an {@link InvokeRequest}. Unknown fields are
 * ignored, as the SDK's newer versions add some; a field of the wrong shape is a 400 that names it ({@link JsonBody}).
 */
public final class OrqRequests {
    static final int MAX_ID = 256;

    private final ObjectMapper mapper;

    public OrqRequests(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** A parsed request, and whether it asked for a stream ({@code "stream": true} on invoke). */
    public record Parsed(InvokeRequest request, boolean stream) {
        /** The same request, made with this API key (its id recorded in the log entry, its scope checked). */
        public Parsed withCaller(dev.junction.engine.access.ApiKeyAccess key) {
            return new Parsed(request.withCaller(key), stream);
        }
    }

    public Parsed parse(String text, Source source) {
        JsonBody body = JsonBody.of(mapper, text);
        String key = body.requiredText("key", "the deployment key to invoke");
        boolean stream = body.bool("stream");
        List<PromptMessage> prefix = messages(body, "prefix_messages");
        List<PromptMessage> messages = messages(body, "messages");
        MessageBodies.requireAnsweredCalls(List.of("prefix_messages", "messages"), List.of(prefix, messages));
        return new Parsed(new InvokeRequest(
                key,
                body.map("context"),
                body.map("inputs"),
                prefix,
                messages,
                body.map("metadata"),
                source,
                options(body)), stream);
    }

    /**
     * {@code extra_params} (checked against the parameters Junction can pass on, 422 naming each bad key),
     * {@code identity} and {@code thread} (objects whose {@code id} is a string), {@code invoke_options}.
     * {@code documents}, {@code file_ids} and {@code knowledge_filter} belong to Orquesta's knowledge bases, which
     * Junction does not have: they are ignored like any unknown field.
     */
    private static RequestOptions options(JsonBody body) {
        Map<String, Object> extra = body.map("extra_params");
        Map<String, Object> identity = withId(body, "identity");
        Map<String, Object> thread = withId(body, "thread");
        body.object("thread").strings("tags");
        Boolean includeUsage = null; // no invoke_options: the usage is in the answer
        String mock = null;
        if (body.has("invoke_options")) {
            JsonBody o = body.object("invoke_options");
            includeUsage = o.bool("include_usage");
            o.bool("include_retrievals"); // no knowledge bases here: accepted, nothing to retrieve
            mock = o.text("mock_response");
        }
        return new RequestOptions(ExtraParams.parse("extra_params", extra), extra, identity, thread, includeUsage, mock);
    }

    /** An optional object whose {@code id} is a non-empty string of at most {@value #MAX_ID} characters. */
    private static Map<String, Object> withId(JsonBody body, String field) {
        if (!body.has(field)) return Map.of();
        JsonBody o = body.object(field);
        JsonNode id = o.get("id");
        if (id == null || !id.isTextual() || id.asText().isBlank()) throw o.invalid("id", "required: a non-empty string");
        if (id.asText().length() > MAX_ID) throw o.invalid("id", "at most " + MAX_ID + " characters");
        return o.toMap();
    }

    private static List<PromptMessage> messages(JsonBody body, String field) {
        return body.has(field) ? MessageBodies.read(body.get(field), body.path(field)) : List.of();
    }
}
