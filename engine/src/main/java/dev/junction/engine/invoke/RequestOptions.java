package dev.junction.engine.invoke;

import dev.junction.engine.cache.CacheMode;
import dev.junction.engine.deployment.ModelParameters;
import java.util.Map;

/**
 * What an Orquesta request says beyond its prompt: parameters that override the variant's model configuration
 * ({@code extra_params}, for every option of the variant), who is asking ({@code identity}), the conversation it belongs
 * to ({@code thread}), whether the answer should carry token usage, and a canned answer that replaces the model call.
 * Everything here is recorded in the request's log entry.
 *
 * @param overrides    the parsed {@code extra_params}: a null member keeps the variant's value
 * @param extraParams  {@code extra_params} as sent, for the log
 * @param includeUsage {@code invoke_options.include_usage}; null when the request had no {@code invoke_options}
 * @param mockResponse {@code invoke_options.mock_response}: answered instead of calling a model; null for a real call
 * @param cache        what the request asks of the variant's response cache (header {@code X-Junction-Cache});
 *                     null is {@link CacheMode#DEFAULT}
 */
public record RequestOptions(
        ModelParameters overrides,
        Map<String, Object> extraParams,
        Map<String, Object> identity,
        Map<String, Object> thread,
        Boolean includeUsage,
        String mockResponse,
        CacheMode cache) {

    public static final RequestOptions NONE = new RequestOptions(null, null, null, null, null, null);

    public RequestOptions(ModelParameters overrides, Map<String, Object> extraParams, Map<String, Object> identity,
                          Map<String, Object> thread, Boolean includeUsage, String mockResponse) {
        this(overrides, extraParams, identity, thread, includeUsage, mockResponse, CacheMode.DEFAULT);
    }

    public RequestOptions {
        overrides = overrides == null ? ModelParameters.DEFAULTS : overrides;
        extraParams = extraParams == null ? Map.of() : extraParams;
        identity = identity == null ? Map.of() : identity;
        thread = thread == null ? Map.of() : thread;
        cache = cache == null ? CacheMode.DEFAULT : cache;
    }

    /** The same options with this cache mode. */
    public RequestOptions withCache(CacheMode mode) {
        return new RequestOptions(overrides, extraParams, identity, thread, includeUsage, mockResponse, mode);
    }

    /** {@code identity.id}, or null. */
    public String identityId() {
        Object id = identity.get("id");
        return id == null ? null : id.toString();
    }

    /** {@code thread.id}, or null. */
    public String threadId() {
        Object id = thread.get("id");
        return id == null ? null : id.toString();
    }

    /** Usage goes in the answer unless the request's {@code invoke_options} turned it off. */
    public boolean usageInAnswer() {
        return includeUsage == null || includeUsage;
    }

    public boolean mocked() {
        return mockResponse != null;
    }
}
