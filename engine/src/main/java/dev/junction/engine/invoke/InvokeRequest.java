package dev.junction.engine.invoke;

import dev.junction.engine.deployment.PromptMessage;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A request to invoke a deployment, independent of the API it arrived through.
 * {@code prefixMessages} go after the variant's system messages; {@code messages} go last. {@code metadata} is
 * recorded with the log entry; {@code options} carries the rest of an Orquesta request. {@code apiKeyId} is the id of
 * the API key the request came with (recorded with the log entry); null for a request without one (the simulator).
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
        UUID apiKeyId) {

    public InvokeRequest {
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
                         Map<String, Object> metadata, Source source, RequestOptions options) {
        this(key, context, inputs, prefixMessages, messages, metadata, source, options, null);
    }

    public InvokeRequest(String key, Map<String, Object> context, Map<String, Object> inputs,
                         List<PromptMessage> prefixMessages, List<PromptMessage> messages,
                         Map<String, Object> metadata, Source source) {
        this(key, context, inputs, prefixMessages, messages, metadata, source, RequestOptions.NONE);
    }

    /** The same request, made with the API key of this id. */
    public InvokeRequest withApiKey(UUID id) {
        return new InvokeRequest(key, context, inputs, prefixMessages, messages, metadata, source, options, id);
    }

    /** The same request with other options. */
    public InvokeRequest withOptions(RequestOptions value) {
        return new InvokeRequest(key, context, inputs, prefixMessages, messages, metadata, source, value, apiKeyId);
    }

    public static InvokeRequest of(String key, Map<String, Object> context, Map<String, Object> inputs) {
        return new InvokeRequest(key, context, inputs, null, null, null, Source.API);
    }
}
