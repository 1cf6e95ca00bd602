package dev.junction.engine.invoke;

import java.time.Duration;

/**
 * Gateway-wide shape of the retry backoff: exponential from {@code baseDelay} up to {@code maxDelay},
 * with ± {@code jitter} (a fraction) so that many clients do not retry in step.
 * How many retries a model gets is the variant's to say.
 */
public record RetrySettings(Duration baseDelay, Duration maxDelay, double jitter) {
    public static final RetrySettings DEFAULTS = new RetrySettings(Duration.ofMillis(200), Duration.ofSeconds(5), 0.25);

    public RetrySettings {
        if (baseDelay.isNegative() || baseDelay.isZero()) throw new IllegalArgumentException("baseDelay must be positive");
        if (maxDelay.compareTo(baseDelay) < 0) throw new IllegalArgumentException("maxDelay must be >= baseDelay");
        if (jitter < 0 || jitter >= 1) throw new IllegalArgumentException("jitter must be in [0, 1)");
    }
}
