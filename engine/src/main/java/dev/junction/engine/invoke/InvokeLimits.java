package dev.junction.engine.invoke;

import java.time.Duration;

/**
 * Gateway-wide time limits and circuit breaking of the invoke path.
 *
 * @param attemptTimeout    one call to a provider, whole answer included (for a stream: the longest gap between chunks)
 * @param deadline          one request, every retry and fallback included; once spent, no new attempt starts and the
 *                          client gets 504
 * @param firstTokenTimeout for a stream, from sending the request to the first piece of text; retries and fallback
 *                          still happen when it runs out
 * @param maxRetryAfter     a rate limit's {@code Retry-After} up to this long is waited out before the retry; a longer
 *                          one skips the remaining retries of that model (the fallback is tried at once)
 * @param breakerFailures   consecutive failed calls (5xx, timeouts, broken connections, rate limits) that open the
 *                          circuit of a provider's model, so calls skip it and go to the fallback
 * @param breakerOpenFor    how long an open circuit stays open before one probe call is let through
 */
public record InvokeLimits(Duration attemptTimeout, Duration deadline, Duration firstTokenTimeout, Duration maxRetryAfter,
                           int breakerFailures, Duration breakerOpenFor) {
    /** The longest any of these limits may be: far beyond a useful one, and safe from overflow in nanoseconds. */
    public static final Duration LONGEST = Duration.ofDays(1);

    public static final InvokeLimits DEFAULTS = new InvokeLimits(Duration.ofSeconds(60), Duration.ofSeconds(120),
            Duration.ofSeconds(20), Duration.ofSeconds(10), 5, Duration.ofSeconds(30));

    public InvokeLimits {
        for (Duration d : new Duration[] {attemptTimeout, deadline, firstTokenTimeout, breakerOpenFor}) {
            if (d == null || d.isNegative() || d.isZero()) throw new IllegalArgumentException("time limits must be positive");
        }
        if (maxRetryAfter == null || maxRetryAfter.isNegative()) throw new IllegalArgumentException("maxRetryAfter must not be negative");
        for (Duration d : new Duration[] {attemptTimeout, deadline, firstTokenTimeout, maxRetryAfter, breakerOpenFor}) {
            if (d.compareTo(LONGEST) > 0) {
                throw new IllegalArgumentException("time limits must be at most a day (86400000 ms), got " + d.toMillis() + " ms");
            }
        }
        if (breakerFailures < 1) throw new IllegalArgumentException("breakerFailures must be at least 1");
    }
}
