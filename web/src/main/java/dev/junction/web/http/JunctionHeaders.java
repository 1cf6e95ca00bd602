package dev.junction.web.http;

import dev.junction.engine.invoke.AllAttemptsFailedException;
import dev.junction.engine.invoke.Attempt;
import dev.junction.engine.invoke.InvalidInputException;
import dev.junction.engine.invoke.Routed;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers every invoke API answers with, whatever its wire format (Orquesta's or OpenAI's):
 * {@code X-Junction-Request-Id}, {@code X-Junction-Variant}, {@code X-Junction-Deployment-Version}, and
 * {@code X-Junction-Overhead-Ms}, the gateway's own added time. A request that failed after it was routed (every
 * option failed, an input missing) is answered with the first three as well; one that failed before gets the last.
 */
final class JunctionHeaders {
    static final String OVERHEAD = "X-Junction-Overhead-Ms";

    private JunctionHeaders() {}

    /** The request id, the variant that answered and the deployment version, in that order (a mutable map). */
    static Map<String, String> of(String id, String variant, String version) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Junction-Request-Id", id);
        h.put("X-Junction-Variant", variant);
        h.put("X-Junction-Deployment-Version", version);
        return h;
    }

    /** {@link #of} with {@code X-Junction-Cache} when the variant caches ({@code cache} not null). */
    static Map<String, String> of(String id, String variant, String version, String cache) {
        Map<String, String> h = of(id, variant, version);
        if (cache != null) h.put(CacheHeader.NAME, cache);
        return h;
    }

    /**
     * The overhead header of a request that failed before its answer started (an answer already under way keeps
     * what it sent): the time in the gateway minus the provider calls' (the sum of its attempts; waits between them
     * count as the gateway's).
     */
    static void onFailure(Context ctx, long startNanos, RuntimeException e) {
        if (ctx.res().isCommitted()) return;
        Routed routed = routed(e);
        if (routed != null) of(routed.requestId().toString(), routed.variant(), routed.version()).forEach(ctx::header);
        long provider = e instanceof AllAttemptsFailedException failed
                ? failed.attempts().stream().mapToLong(Attempt::latencyMicros).sum() : 0;
        ctx.header(OVERHEAD, millis((System.nanoTime() - startNanos) / 1_000 - provider));
    }

    /** Where a failed request was routed, when it got that far. */
    private static Routed routed(RuntimeException e) {
        return switch (e) {
            case AllAttemptsFailedException failed -> failed.routed();
            case InvalidInputException invalid -> invalid.routed();
            default -> null;
        };
    }

    /** Milliseconds with three decimals, e.g. {@code 0.412}; a negative time counts as 0. */
    static String millis(long micros) {
        long m = Math.max(0, micros);
        long fraction = m % 1000;
        return (m / 1000) + (fraction < 10 ? ".00" : fraction < 100 ? ".0" : ".") + fraction;
    }
}
