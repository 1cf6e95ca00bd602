package dev.junction.engine.spend;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** A {@link SpendView} for tests: totals and budget percentages set by hand, and every read recorded. */
public final class MapSpendView implements SpendView {
    private final Map<String, BigDecimal> spent = new HashMap<>();
    private final Map<String, Double> remaining = new HashMap<>();
    /** Each read, as {@code scope/target/window} or {@code scope/target/remaining}. */
    public final List<String> reads = new ArrayList<>();

    public MapSpendView spent(Scope scope, String target, BudgetPeriod window, String usd) {
        spent.put(scope.wire() + "/" + target + "/" + window.wire(), new BigDecimal(usd));
        return this;
    }

    public MapSpendView remaining(Scope scope, String target, double pct) {
        remaining.put(scope.wire() + "/" + target, pct);
        return this;
    }

    @Override
    public synchronized BigDecimal spentUsd(Scope scope, String target, BudgetPeriod window) {
        String key = scope.wire() + "/" + target + "/" + window.wire();
        reads.add(key);
        return spent.getOrDefault(key, BigDecimal.ZERO);
    }

    @Override
    public synchronized OptionalDouble remainingPct(Scope scope, String target) {
        reads.add(scope.wire() + "/" + target + "/remaining");
        Double pct = remaining.get(scope.wire() + "/" + target);
        return pct == null ? OptionalDouble.empty() : OptionalDouble.of(pct);
    }
}
