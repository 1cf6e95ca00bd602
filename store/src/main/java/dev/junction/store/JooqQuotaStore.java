package dev.junction.store;

import static dev.junction.store.generated.Tables.BUDGETS;
import static dev.junction.store.generated.Tables.RATE_LIMITS;

import dev.junction.engine.spend.Budget;
import dev.junction.engine.spend.BudgetPeriod;
import dev.junction.engine.spend.QuotaStore;
import dev.junction.engine.spend.RateLimit;
import dev.junction.engine.spend.Scope;
import dev.junction.store.generated.tables.records.BudgetsRecord;
import dev.junction.store.generated.tables.records.RateLimitsRecord;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;

/**
 * Rate limits and budgets in PostgreSQL (tables {@code rate_limits} and {@code budgets}). Every change tells the
 * other instances through {@link Notifications} (event {@code quotas}), in the transaction that makes it. Saving an
 * existing id replaces everything but its {@code created_at}, which stays the first save's.
 */
public final class JooqQuotaStore implements QuotaStore {
    /** The notification every change of a limit or a budget sends. */
    public static final String EVENT = "quotas";

    private final DSLContext dsl;

    public JooqQuotaStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public List<RateLimit> limits() {
        return dsl.selectFrom(RATE_LIMITS).orderBy(RATE_LIMITS.CREATED_AT, RATE_LIMITS.ID).fetch(JooqQuotaStore::limit);
    }

    @Override
    public Optional<RateLimit> limit(UUID id) {
        return dsl.selectFrom(RATE_LIMITS).where(RATE_LIMITS.ID.eq(id)).fetchOptional().map(JooqQuotaStore::limit);
    }

    @Override
    public RateLimit saveLimit(RateLimit limit) {
        return Notifications.changing(dsl, EVENT, t -> t.insertInto(RATE_LIMITS)
                .set(RATE_LIMITS.ID, limit.id())
                .set(RATE_LIMITS.SCOPE, limit.scope().wire())
                .set(RATE_LIMITS.TARGET, limit.target())
                .set(RATE_LIMITS.REQUESTS_PER_MINUTE, limit.requestsPerMinute())
                .set(RATE_LIMITS.TOKENS_PER_MINUTE, limit.tokensPerMinute())
                .set(RATE_LIMITS.CONCURRENT, limit.concurrent())
                .set(RATE_LIMITS.CREATED_AT, utc(limit.createdAt()))
                .set(RATE_LIMITS.UPDATED_AT, utc(limit.updatedAt()))
                .onConflict(RATE_LIMITS.ID).doUpdate()
                .set(RATE_LIMITS.SCOPE, limit.scope().wire())
                .set(RATE_LIMITS.TARGET, limit.target())
                .set(RATE_LIMITS.REQUESTS_PER_MINUTE, limit.requestsPerMinute())
                .set(RATE_LIMITS.TOKENS_PER_MINUTE, limit.tokensPerMinute())
                .set(RATE_LIMITS.CONCURRENT, limit.concurrent())
                .set(RATE_LIMITS.UPDATED_AT, utc(limit.updatedAt()))
                .returning()
                .fetchOne(JooqQuotaStore::limit));
    }

    @Override
    public boolean deleteLimit(UUID id) {
        return Notifications.changing(dsl, EVENT, t -> t.deleteFrom(RATE_LIMITS).where(RATE_LIMITS.ID.eq(id)).execute() > 0);
    }

    @Override
    public List<Budget> budgets() {
        return dsl.selectFrom(BUDGETS).orderBy(BUDGETS.CREATED_AT, BUDGETS.ID).fetch(JooqQuotaStore::budget);
    }

    @Override
    public Optional<Budget> budget(UUID id) {
        return dsl.selectFrom(BUDGETS).where(BUDGETS.ID.eq(id)).fetchOptional().map(JooqQuotaStore::budget);
    }

    @Override
    public Budget saveBudget(Budget budget) {
        Integer[] thresholds = budget.thresholds().toArray(Integer[]::new);
        return Notifications.changing(dsl, EVENT, t -> t.insertInto(BUDGETS)
                .set(BUDGETS.ID, budget.id())
                .set(BUDGETS.SCOPE, budget.scope().wire())
                .set(BUDGETS.TARGET, budget.target())
                .set(BUDGETS.AMOUNT_USD, budget.amountUsd())
                .set(BUDGETS.PERIOD, budget.period().wire())
                .set(BUDGETS.STARTS_AT, utc(budget.startsAt()))
                .set(BUDGETS.ENDS_AT, utc(budget.endsAt()))
                .set(BUDGETS.HARD, budget.hard())
                .set(BUDGETS.THRESHOLDS, thresholds)
                .set(BUDGETS.CREATED_AT, utc(budget.createdAt()))
                .set(BUDGETS.UPDATED_AT, utc(budget.updatedAt()))
                .onConflict(BUDGETS.ID).doUpdate()
                .set(BUDGETS.SCOPE, budget.scope().wire())
                .set(BUDGETS.TARGET, budget.target())
                .set(BUDGETS.AMOUNT_USD, budget.amountUsd())
                .set(BUDGETS.PERIOD, budget.period().wire())
                .set(BUDGETS.STARTS_AT, utc(budget.startsAt()))
                .set(BUDGETS.ENDS_AT, utc(budget.endsAt()))
                .set(BUDGETS.HARD, budget.hard())
                .set(BUDGETS.THRESHOLDS, thresholds)
                .set(BUDGETS.UPDATED_AT, utc(budget.updatedAt()))
                .returning()
                .fetchOne(JooqQuotaStore::budget));
    }

    @Override
    public boolean deleteBudget(UUID id) {
        return Notifications.changing(dsl, EVENT, t -> t.deleteFrom(BUDGETS).where(BUDGETS.ID.eq(id)).execute() > 0);
    }

    private static RateLimit limit(RateLimitsRecord r) {
        return new RateLimit(r.getId(), scope(r.getScope()), r.getTarget(), r.getRequestsPerMinute(),
                r.getTokensPerMinute(), r.getConcurrent(), instant(r.getCreatedAt()), instant(r.getUpdatedAt()));
    }

    private static Budget budget(BudgetsRecord r) {
        BudgetPeriod period = BudgetPeriod.parse(r.getPeriod())
                .orElseThrow(() -> new IllegalStateException("budget " + r.getId() + " has an unknown period " + r.getPeriod()));
        return new Budget(r.getId(), scope(r.getScope()), r.getTarget(), usd(r.getAmountUsd()), period,
                instant(r.getStartsAt()), instant(r.getEndsAt()), r.getHard(), Arrays.asList(r.getThresholds()),
                instant(r.getCreatedAt()), instant(r.getUpdatedAt()));
    }

    /** numeric(20,10) comes back with 10 decimals: 25 reads as 25 (not 25.0000000000, nor 2.5E+1). */
    private static BigDecimal usd(BigDecimal stored) {
        BigDecimal v = stored.stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }

    private static Scope scope(String wire) {
        return Scope.parse(wire).orElseThrow(() -> new IllegalStateException("unknown scope in the store: " + wire));
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime at) {
        return at == null ? null : at.toInstant();
    }
}
