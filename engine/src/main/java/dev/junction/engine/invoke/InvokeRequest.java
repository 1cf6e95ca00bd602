package dev.junction.engine.invoke;

import dev.junction.engine.access.ApiKeyAccess;
import dev.junction.engine.deployment.PromptMessage;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A request to invoke a deployment, independent of the API it arrived through.
 * {@code prefixMessages} go after the variant's system messages; {@code messages} go last. {@code metadata} is
 * recorded with the log entry; {@code options} carries the rest of an Orquesta request. {@code apiKeyId} is the id of
 * the API key the request came with (recorded with the log entry); null for a request without one (the simulator).
 * {@code apiKey} is that key's scope and name when the request came through a front door: a deployment outside the
 * scope is refused before anything else happens (null: no limit, as for the simulator).
 */
public record InvokeRequest(
        String key,
        Map<String, Object> context,
        Map<String, Object> inputs,
        List<PromptMessage> prefixMessages,
        List<PromptMessage> messages,
        Map<String, Object> metadata,
        Source source,
        RequestOptions options,
        UUID apiKeyId,
        ApiKeyAccess apiKey) {

    public InvokeRequest {
        if (apiKey != null) apiKeyId = apiKey.id();
        context = context == null ? Map.of() : context;
        inputs = inputs == null ? Map.of() : inputs;
        prefixMessages = prefixMessages == null ? List.of() : List.copyOf(prefixMessages);
        messages = messages == null ? List.of() : List.copyOf(messages);
        metadata = metadata == null ? Map.of() : metadata;
        source = source == null ? Source.API : source;
        options = options == null ? RequestOptions.NONE : options;
    }

    public InvokeRequest(String key, Map<String, Object> context, Map<String, Object> inputs,
                         List<PromptMessage> prefixMessages, List<PromptMessage> messages,
                         Map<String, Object> metadata, Source source, RequestOptions options, UUID apiKeyId) {
        this(key, context, inputs, prefixMessages, messages, metadata, source, options, apiKeyId, null);
    }

    public InvokeRequest(String key, Map<String, Object> context, Map<String, Object> inputs,
                         List<PromptMessage> prefixMessages, List<PromptMessage> messages,
                         Map<String, Object> metadata, Source source, RequestOptions options) {
        this(key, context, inputs, prefixMessages, messages, metadata, source, options, null, null);
    }

    public InvokeRequest(String key, Map<String, Object> context, Map<String, Object> inputs,
                         List<PromptMessage> prefixMessages, List<PromptMessage> messages,
                         Map<String, Object> metadata, Source source) {
        this(key, context, inputs, prefixMessages, messages, metadata, source, RequestOptions.NONE);
    }

    /** The same request, made with the API key of this id. */
    public InvokeRequest withApiKey(UUID id) {
        return new InvokeRequest(key, context, inputs, prefixMessages, messages, metadata, source, options, id, null);
    }

    /** The same request, made with this API key (its id is logged, its scope checked). */
    public InvokeRequest withCaller(ApiKeyAccess caller) {
        return new InvokeRequest(key, context, inputs, prefixMessages, messages, metadata, source, options, null, caller);
    }

    /**
     * The live version of the deployment this request names, if the request's API key may use it.
     *
     * @throws dev.junction.engine.access.OutOfScopeException outside the key's scope (whether the deployment exists or not)
     * @throws DeploymentNotFoundException no live deployment has the key
     */
    ActiveDeployment live(ActiveDeployment active) {
        if (apiKey != null) {
            var spec = active == null ? null : active.version().spec();
            apiKey.check(key, spec == null ? null : spec.project(), spec == null ? null : spec.folder());
        }
        if (active == null) throw new DeploymentNotFoundException(key);
        return active;
    }

    /** The same request with other options. */
    public InvokeRequest withOptions(RequestOptions value) {
        return new InvokeRequest(key, context, inputs, prefixMessages, messages, metadata, source, value, apiKeyId, apiKey);
    }

    public static InvokeRequest of(String key, Map<String, Object> context, Map<String, Object> inputs) {
        return new InvokeRequest(key, context, inputs, null, null, null, Source.API);
    }
}
