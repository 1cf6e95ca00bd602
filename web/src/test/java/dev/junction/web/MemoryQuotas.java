package dev.junction.web;

import dev.junction.engine.spend.Budget;
import dev.junction.engine.spend.QuotaStore;
import dev.junction.engine.spend.QuotaUsage;
import dev.junction.engine.spend.RateLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rate limits and budgets kept in memory, for tests of the web side that do not need the engine's counters:
 * a {@link QuotaStore} in insertion order, and a {@link QuotaUsage} whose {@link #current()} is what the test set
 * ({@link #uses}) and whose {@link #reload()} is counted.
 */
final class MemoryQuotas implements QuotaStore, QuotaUsage {
    private final Map<UUID, RateLimit> limits = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    private final Map<UUID, Budget> budgets = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    final List<Use> uses = new CopyOnWriteArrayList<>();
    final AtomicInteger reloads = new AtomicInteger();

    @Override
    public List<RateLimit> limits() {
        synchronized (limits) {
            return new ArrayList<>(limits.values());
        }
    }

    @Override
    public Optional<RateLimit> limit(UUID id) {
        return Optional.ofNullable(limits.get(id));
    }

    @Override
    public RateLimit saveLimit(RateLimit limit) {
        limits.put(limit.id(), limit);
        return limit;
    }

    @Override
    public boolean deleteLimit(UUID id) {
        return limits.remove(id) != null;
    }

    @Override
    public List<Budget> budgets() {
        synchronized (budgets) {
            return new ArrayList<>(budgets.values());
        }
    }

    @Override
    public Optional<Budget> budget(UUID id) {
        return Optional.ofNullable(budgets.get(id));
    }

    @Override
    public Budget saveBudget(Budget budget) {
        budgets.put(budget.id(), budget);
        return budget;
    }

    @Override
    public boolean deleteBudget(UUID id) {
        return budgets.remove(id) != null;
    }

    @Override
    public List<Use> current() {
        return List.copyOf(uses);
    }

    @Override
    public void reload() {
        reloads.incrementAndGet();
    }

}
