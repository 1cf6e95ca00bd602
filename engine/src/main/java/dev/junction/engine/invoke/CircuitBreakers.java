package dev.junction.engine.invoke;

import dev.failsafe.CircuitBreaker;
import dev.junction.engine.provider.ProviderException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Failsafe circuit breaker per provider connection and model, shared by every deployment and version that calls
 * it: after {@code breakerFailures} consecutive failed calls (rate limits, server errors, timeouts, broken connections,
 * malformed answers; not bad requests or context-length errors, which say nothing about the provider's health) the
 * circuit opens and calls skip that model for {@code breakerOpenFor}; then one probe call is let through, and a
 * success closes it again.
 */
public final class CircuitBreakers {
    private final InvokeLimits limits;
    private final Map<String, CircuitBreaker<dev.junction.engine.provider.ChatResponse>> breakers = new ConcurrentHashMap<>();

    public CircuitBreakers(InvokeLimits limits) {
        this.limits = limits;
    }

    CircuitBreaker<dev.junction.engine.provider.ChatResponse> of(String provider, String model) {
        return breakers.computeIfAbsent(provider + "/" + model, k -> CircuitBreaker.<dev.junction.engine.provider.ChatResponse>builder()
                .handleIf((result, failure) -> failure instanceof ProviderException pe && pe.failure().retryable()
                        || failure instanceof ModelOption.NoTimeToRetry || failure instanceof StreamBrokenException)
                .withFailureThreshold(limits.breakerFailures())
                .withDelay(limits.breakerOpenFor())
                .withSuccessThreshold(1)
                .build());
    }

    /** "open", "half-open" or "closed", for the panel and tests; "closed" for a model never called. */
    public String state(String provider, String model) {
        CircuitBreaker<?> b = breakers.get(provider + "/" + model);
        if (b == null) return "closed";
        return b.isOpen() ? "open" : b.isHalfOpen() ? "half-open" : "closed";
    }
}
