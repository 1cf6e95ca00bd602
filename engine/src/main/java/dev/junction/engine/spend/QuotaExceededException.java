package dev.junction.engine.spend;

import java.time.Duration;
import java.time.Instant;

/**
 * A request refused by a rate limit ({@code rate_limit_exceeded}) or a hard budget ({@code budget_exceeded}): both
 * are HTTP 429 with {@code Retry-After} (whole seconds, rounded up) and, for rate limits, the {@code x-ratelimit-*}
 * headers of {@link #state()}. {@code limit} names what ran out: {@code requests}, {@code tokens},
 * {@code concurrent} or {@code budget}; {@code resetsAt} is when it is available again (for a fixed-period budget
 * that has ended, its end: it never resets).
 */
public final class QuotaExceededException extends RuntimeException {
    public enum Kind { RATE_LIMIT, BUDGET }

    private final Kind kind;
    private final Scope scope;
    private final String target;
    private final String limit;
    private final Instant resetsAt;
    private final Duration retryAfter;
    private final RateLimitState state;
    private final boolean retryable;

    public QuotaExceededException(Kind kind, Scope scope, String target, String limit, Instant resetsAt,
                                  Duration retryAfter, RateLimitState state, String message) {
        this(kind, scope, target, limit, resetsAt, retryAfter, state, message, kind == Kind.RATE_LIMIT);
    }

    /** @param retryable whether waiting {@code retryAfter} can help (not for a budget, nor a request too large for a limit) */
    public QuotaExceededException(Kind kind, Scope scope, String target, String limit, Instant resetsAt,
                                  Duration retryAfter, RateLimitState state, String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
        this.kind = kind;
        this.scope = scope;
        this.target = target;
        this.limit = limit;
        this.resetsAt = resetsAt;
        this.retryAfter = retryAfter;
        this.state = state;
    }

    /** {@code rate_limit_exceeded} or {@code budget_exceeded}. */
    public String code() {
        return kind == Kind.BUDGET ? "budget_exceeded" : "rate_limit_exceeded";
    }

    public Kind kind() { return kind; }
    public Scope scope() { return scope; }
    public String target() { return target; }
    public String limit() { return limit; }
    public Instant resetsAt() { return resetsAt; }
    public Duration retryAfter() { return retryAfter; }
    /** The x-ratelimit state to send with the 429, or null. */
    public RateLimitState state() { return state; }

    /** Whether a client should retry after {@link #retryAfter}: a rate limit that resets, not a budget or a request too large. */
    public boolean retryable() {
        return retryable;
    }

    /** {@code Retry-After} in whole seconds, at least 1. */
    public long retryAfterSeconds() {
        long s = (retryAfter.toMillis() + 999) / 1_000;
        return Math.max(1, s);
    }
}
