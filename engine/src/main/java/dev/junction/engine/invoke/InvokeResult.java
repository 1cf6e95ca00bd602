package dev.junction.engine.invoke;

import dev.junction.engine.spend.RateLimitState;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.routing.RoutingDecision;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A successful invocation: the answer, where it came from, and every attempt it took. {@code providerMicros} is the
 * time from the first provider call to the end of the last (retries, backoff and fallback included).
 * {@code rateLimits}: the {@code x-ratelimit-*} state after this request, null when no rate limit applied;
 * {@code cache}: the response cache's part ({@code hit}, {@code miss}, {@code bypass}, {@code refresh}), null when the
 * variant does not cache.
 */
public record InvokeResult(
        UUID id,
        Instant created,
        DeploymentVersion version,
        RoutingDecision decision,
        ModelConfig model,
        String orqProvider,
        ChatResponse response,
        List<Attempt> attempts,
        long latencyMicros,
        long providerMicros,
        RateLimitState rateLimits,
        String cache) {

    public InvokeResult(UUID id, Instant created, DeploymentVersion version, RoutingDecision decision, ModelConfig model,
                        String orqProvider, ChatResponse response, List<Attempt> attempts, long latencyMicros,
                        long providerMicros) {
        this(id, created, version, decision, model, orqProvider, response, attempts, latencyMicros, providerMicros, null, null);
    }

    /** The same result with the rate limits that applied (the {@code x-ratelimit-*} headers of the answer). */
    public InvokeResult withRateLimits(RateLimitState state) {
        return new InvokeResult(id, created, version, decision, model, orqProvider, response, attempts, latencyMicros,
                providerMicros, state, cache);
    }

    /** The gateway's own part of {@code latencyMicros}: everything but the provider calls and the waits between them. */
    public long overheadMicros() {
        return latencyMicros - providerMicros;
    }
}
