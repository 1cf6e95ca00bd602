package dev.junction.engine.spend;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where rate limits and budgets are kept (PostgreSQL: {@code JooqQuotaStore}). */
public interface QuotaStore {
    List<RateLimit> limits();

    Optional<RateLimit> limit(UUID id);

    /** Inserts or replaces by id. */
    RateLimit saveLimit(RateLimit limit);

    boolean deleteLimit(UUID id);

    List<Budget> budgets();

    Optional<Budget> budget(UUID id);

    /** Inserts or replaces by id. */
    Budget saveBudget(Budget budget);

    boolean deleteBudget(UUID id);
}
