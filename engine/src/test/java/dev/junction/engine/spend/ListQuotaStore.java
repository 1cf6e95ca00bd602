package dev.junction.engine.spend;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link QuotaStore} in memory, for tests. */
public final class ListQuotaStore implements QuotaStore {
    private final Map<UUID, RateLimit> limits = new ConcurrentHashMap<>();
    private final Map<UUID, Budget> budgets = new ConcurrentHashMap<>();

    @Override public List<RateLimit> limits() { return List.copyOf(limits.values()); }
    @Override public Optional<RateLimit> limit(UUID id) { return Optional.ofNullable(limits.get(id)); }
    @Override public RateLimit saveLimit(RateLimit limit) { limits.put(limit.id(), limit); return limit; }
    @Override public boolean deleteLimit(UUID id) { return limits.remove(id) != null; }
    @Override public List<Budget> budgets() { return List.copyOf(budgets.values()); }
    @Override public Optional<Budget> budget(UUID id) { return Optional.ofNullable(budgets.get(id)); }
    @Override public Budget saveBudget(Budget budget) { budgets.put(budget.id(), budget); return budget; }
    @Override public boolean deleteBudget(UUID id) { return budgets.remove(id) != null; }

    public RateLimit limit(Scope scope, String target, Integer rpm, Integer tpm, Integer concurrent) {
        return saveLimit(new RateLimit(UUID.randomUUID(), scope, target, rpm, tpm, concurrent, null, null));
    }

    public Budget budget(Scope scope, String target, String usd, BudgetPeriod period, boolean hard) {
        return saveBudget(new Budget(UUID.randomUUID(), scope, target, new java.math.BigDecimal(usd), period, null, null,
                hard, null, null, null));
    }
}
