package dev.junction.engine.invoke;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One circuit breaker per provider connection and model, shared by every deployment and version that calls it: after
 * {@code breakerFailures} failed calls in a row the circuit opens and calls skip that model for
 * {@code breakerOpenFor} (by the {@link Ticker}); then one probe call is let through, and its success closes the
 * circuit again (its failure opens it for another {@code breakerOpenFor}).
 *
 * <p>What counts as a failure is the caller's to say ({@link ModelOption}): a call that failed in a way worth
 * retrying (rate limits, server errors, timeouts, broken connections, malformed answers) or that broke off mid-stream.
 * Any other end of a call counts as a success: a bad request or a context-length error says nothing about the
 * provider's health. A call that never starts (the deadline had passed) is not counted at all.
 */
public final class CircuitBreakers {
    private final InvokeLimits limits;
    private final Ticker ticker;
    private final Map<String, Breaker> breakers = new ConcurrentHashMap<>();

    public CircuitBreakers(InvokeLimits limits) {
        this(limits, Ticker.SYSTEM);
    }

    public CircuitBreakers(InvokeLimits limits, Ticker ticker) {
        this.limits = limits;
        this.ticker = ticker;
    }

    Breaker of(String provider, String model) {
        return breakers.computeIfAbsent(provider + "/" + model,
                k -> new Breaker(limits.breakerFailures(), limits.breakerOpenFor(), ticker));
    }

    /** "open", "half-open" or "closed", for the panel and tests; "closed" for a model never called. */
    public String state(String provider, String model) {
        Breaker b = breakers.get(provider + "/" + model);
        return b == null ? "closed" : b.state();
    }

    /**
     * The circuit of one model. Every {@link #tryAcquire()} that returns true must be followed by one
     * {@link #record(boolean)} when the call ends, however it ends.
     */
    static final class Breaker {
        private enum State { CLOSED, OPEN, HALF_OPEN }

        private final int failuresToOpen;
        private final long openForNanos;
        private final Ticker ticker;
        private State state = State.CLOSED;
        private int failuresInARow;
        private long openedAt;
        private boolean probing;

        Breaker(int failuresToOpen, Duration openFor, Ticker ticker) {
            this.failuresToOpen = failuresToOpen;
            this.openForNanos = openFor.toNanos();
            this.ticker = ticker;
        }

        /** Whether a call may start now: always while closed; once open, a single probe after {@code openFor}. */
        synchronized boolean tryAcquire() {
            if (state == State.OPEN && ticker.nanoTime() - openedAt >= openForNanos) {
                state = State.HALF_OPEN;
                probing = false;
            }
            return switch (state) {
                case CLOSED -> true;
                case OPEN -> false;
                case HALF_OPEN -> {
                    if (probing) yield false; // one probe at a time
                    probing = true;
                    yield true;
                }
            };
        }

        /** How a call that {@link #tryAcquire() started} ended. */
        synchronized void record(boolean failed) {
            switch (state) {
                case CLOSED -> {
                    failuresInARow = failed ? failuresInARow + 1 : 0;
                    if (failuresInARow >= failuresToOpen) open();
                }
                case HALF_OPEN -> {
                    if (failed) {
                        open();
                    } else {
                        state = State.CLOSED;
                        failuresInARow = 0;
                    }
                }
                case OPEN -> { } // a call that started before the circuit opened: it stays open for its time
            }
        }

        private void open() {
            state = State.OPEN;
            openedAt = ticker.nanoTime();
            probing = false;
        }

        synchronized String state() {
            return switch (state) {
                case CLOSED -> "closed";
                case OPEN -> "open";
                case HALF_OPEN -> "half-open";
            };
        }
    }
}
