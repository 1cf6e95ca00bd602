package dev.junction.engine.spend;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A spend budget in US dollars on one scope and target. {@code hard}: requests are refused (429
 * {@code budget_exceeded}) once it is spent; otherwise it only records. {@code thresholds} are the percentages
 * (ascending, each 1..100; default 50, 80, 100) at which the panel and {@code /metrics} show it crossed.
 * {@code startsAt}/{@code endsAt} are set for {@link BudgetPeriod#FIXED} only.
 */
public record Budget(UUID id, Scope scope, String target, BigDecimal amountUsd, BudgetPeriod period,
                     Instant startsAt, Instant endsAt, boolean hard, List<Integer> thresholds,
                     Instant createdAt, Instant updatedAt) {
    public static final List<Integer> DEFAULT_THRESHOLDS = List.of(50, 80, 100);

    public Budget {
        thresholds = thresholds == null || thresholds.isEmpty() ? DEFAULT_THRESHOLDS : List.copyOf(thresholds);
    }
}
