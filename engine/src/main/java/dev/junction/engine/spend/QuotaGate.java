package dev.junction.engine.spend;

import java.math.BigDecimal;

/**
 * What the invoke path asks before a request goes to a model ({@link Quotas}; {@link #NONE} when the gateway runs
 * without limits and budgets). Never a database round trip unless a local allowance has run dry.
 */
public interface QuotaGate {
    /**
     * The answer's tokens a request is estimated at when it sets no {@code max_tokens} (for the token limits and the
     * budgets' reservations; corrected with the real usage when it ends).
     */
    int DEFAULT_OUTPUT_TOKENS = 1024;

    QuotaGate NONE = new QuotaGate() {
        @Override public boolean enforcing() { return false; }
        @Override public Admission admit(Spender who, long estimatedTokens, BigDecimal estimatedCostUsd) { return Admission.NONE; }
    };

    /**
     * Whether any limit or budget exists: when not, {@link #admit} ignores its estimates and the caller need not
     * compute them.
     */
    boolean enforcing();

    /**
     * Admits a request (counting it against every rate limit and reserving its estimates against token limits and hard
     * budgets), or refuses it.
     *
     * @param estimatedTokens  the prompt's estimated tokens plus the most the answer may take
     * @param estimatedCostUsd those tokens at the primary model's prices (0 when unpriced)
     * @throws QuotaExceededException a rate limit ({@code rate_limit_exceeded}) or a hard budget
     *                                ({@code budget_exceeded}) of the request's API key, identity, deployment, project
     *                                or workspace is used up
     */
    Admission admit(Spender who, long estimatedTokens, BigDecimal estimatedCostUsd);
}
