package dev.junction.web.http;

import dev.junction.engine.cache.CacheMode;
import dev.junction.engine.invoke.InvokeRequest;
import io.javalin.http.Context;

/**
 * The response cache's header on both invoke front doors. A request may say what it wants of its variant's cache in
 * {@code X-Junction-Cache: default|bypass|refresh|read-only} ({@link CacheMode}; any other value is a 400 naming the
 * header); an answer of a variant that caches says what the cache did in the same header: {@code hit}, {@code miss},
 * {@code bypass} or {@code refresh}.
 */
public final class CacheHeader {
    public static final String NAME = "X-Junction-Cache";

    private CacheHeader() {}

    /** The request's mode from the header, or null when it has none. */
    public static CacheMode of(Context ctx) {
        String value = ctx.header(NAME);
        if (value == null || value.isBlank()) return null;
        CacheMode mode = CacheMode.parse(value);
        if (mode == null) throw ApiError.badRequest(NAME, "unknown cache mode '" + value.strip() + "': one of " + CacheMode.choices());
        return mode;
    }

    /** The request with the header's mode, when it has one. */
    static InvokeRequest apply(Context ctx, InvokeRequest request) {
        CacheMode mode = of(ctx);
        return mode == null ? request : request.withOptions(request.options().withCache(mode));
    }
}
