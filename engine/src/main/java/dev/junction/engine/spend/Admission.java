package dev.junction.engine.spend;

import java.math.BigDecimal;
import java.util.List;

/**
 * One admitted request's hold on its limits and budgets, from {@link QuotaGate#admit} to {@link #close}: its
 * concurrency slots, its reserved tokens and dollars. The invoke path asks {@link #allows} before each model, calls
 * {@link #settle} once with what the request really used (failed attempts' costs included), and {@link #close} always,
 * in a {@code finally}. Confined to the request's thread.
 */
public interface Admission {
    /** What one attempt cost on one model ({@code costUsd} null or 0: unpriced). */
    record Charge(String provider, String model, BigDecimal costUsd) {}

    /** Nothing to hold: no limits or budgets apply. */
    Admission NONE = new Admission() {
        @Override public boolean allows(String provider, String model) { return true; }
        @Override public void settle(long tokens, List<Charge> charges) { }
        @Override public RateLimitState state() { return null; }
        @Override public void close() { }
    };

    /**
     * Whether {@code provider/model} may be tried: false when a hard budget on the provider or the model is spent (the
     * option is skipped and the variant moves on to its fallback). A model that is allowed has the request's
     * estimated cost reserved against those budgets.
     */
    boolean allows(String provider, String model);

    /**
     * What the request really used: {@code tokens} (prompt and completion of every attempt) correct the token
     * reservation; the charges' costs are spent against every budget and the spend totals, and the rest of the
     * reservations released. At most once; a second call does nothing.
     */
    void settle(long tokens, List<Charge> charges);

    /**
     * The {@code x-ratelimit-*} state after this request (the tightest request limit and the tightest token limit that
     * applied), or null when no rate limit applied.
     */
    RateLimitState state();

    /** Gives back the concurrency slots (and settles with nothing used if {@link #settle} was not called). */
    void close();

    /** The skipped model's error, for its attempt and, when every model was skipped, the 429. */
    default QuotaExceededException refusal(String provider, String model) {
        return null;
    }
}
