package dev.junction.engine.spend;

import java.math.BigDecimal;
import java.util.OptionalDouble;

/**
 * Spend as the router sees it (fields {@code spend.<scope>.day_usd}, {@code spend.<scope>.month_usd},
 * {@code budget.<scope>.remaining_pct}): read from in-memory totals kept fresh in the background, never a database
 * round trip on the request's path (a member first seen reads as its last known total, 0 until the refresh).
 */
public interface SpendView {
    SpendView NONE = new SpendView() {
        @Override
        public BigDecimal spentUsd(Scope scope, String target, BudgetPeriod window) {
            return BigDecimal.ZERO;
        }

        @Override
        public OptionalDouble remainingPct(Scope scope, String target) {
            return OptionalDouble.empty();
        }
    };

    /** What {@code target} of {@code scope} has spent in the current UTC day or month ({@code window}). */
    BigDecimal spentUsd(Scope scope, String target, BudgetPeriod window);

    /** Of the tightest budget that applies to this member, the percentage left (0..100); empty without a budget. */
    OptionalDouble remainingPct(Scope scope, String target);
}
