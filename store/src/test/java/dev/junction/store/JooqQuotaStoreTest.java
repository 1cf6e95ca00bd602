package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.engine.spend.Budget;
import dev.junction.engine.spend.BudgetPeriod;
import dev.junction.engine.spend.RateLimit;
import dev.junction.engine.spend.Scope;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

class JooqQuotaStoreTest {
    private final TestDatabase db = TestDatabase.fresh();
    private final JooqQuotaStore store = new JooqQuotaStore(db.dsl());
    private final Instant t0 = Instant.parse("2026-02-28T10:00:00Z");
    private final Instant t1 = t0.plusSeconds(3_600);

    private RateLimit limit(UUID id, Scope scope, String target, Integer rpm, Integer tpm, Integer concurrent, Instant at) {
        return new RateLimit(id, scope, target, rpm, tpm, concurrent, at, at);
    }

    private Budget monthly(UUID id, Scope scope, String target, String usd, boolean hard, List<Integer> thresholds) {
        return new Budget(id, scope, target, new BigDecimal(usd), BudgetPeriod.MONTH, null, null, hard, thresholds, t0, t0);
    }

    @Test
    void rate_limits_round_trip_oldest_first_and_a_save_by_id_replaces_all_but_the_creation_time() {
        RateLimit perKey = limit(UUID.randomUUID(), Scope.API_KEY, "0b5d7c1e-0000-4000-8000-000000000001", 100, null, null, t1);
        RateLimit eachIdentity = limit(UUID.randomUUID(), Scope.IDENTITY, Scope.EACH, null, 50_000, 4, t0);
        assertThat(store.saveLimit(perKey)).isEqualTo(perKey);
        assertThat(store.saveLimit(eachIdentity)).isEqualTo(eachIdentity);
        assertThat(store.limits()).containsExactly(eachIdentity, perKey);

        Instant t2 = t1.plusSeconds(60);
        RateLimit edited = new RateLimit(perKey.id(), Scope.PROJECT, "shop", null, 20_000, null, t2, t2);
        RateLimit stored = store.saveLimit(edited);

        assertThat(stored).isEqualTo(new RateLimit(perKey.id(), Scope.PROJECT, "shop", null, 20_000, null, t1, t2));
        assertThat(store.limit(perKey.id())).contains(stored);
        assertThat(store.limits()).hasSize(2);
        assertThat(store.deleteLimit(perKey.id())).isTrue();
        assertThat(store.deleteLimit(perKey.id())).isFalse();
        assertThat(store.limit(perKey.id())).isEmpty();
        assertThat(store.limits()).containsExactly(eachIdentity);
    }

    @Test
    void budgets_round_trip_with_their_amount_period_and_thresholds() {
        Budget month = monthly(UUID.randomUUID(), Scope.MODEL, "openai/gpt-4o", "250", true, List.of(25, 90));
        Budget day = new Budget(UUID.randomUUID(), Scope.IDENTITY, Scope.EACH, new BigDecimal("0.125"), BudgetPeriod.DAY,
                null, null, false, null, t1, t1);
        Budget fixed = new Budget(UUID.randomUUID(), Scope.PROJECT, "launch", new BigDecimal("1234.5678901234"),
                BudgetPeriod.FIXED, Instant.parse("2026-02-01T00:00:00Z"), Instant.parse("2026-03-01T00:00:00Z"), true,
                List.of(50, 80, 100), t1.plusSeconds(1), t1.plusSeconds(1));
        store.saveBudget(month);
        store.saveBudget(day);
        store.saveBudget(fixed);

        assertThat(store.budgets()).containsExactly(month, day, fixed);
        assertThat(store.budget(day.id()).orElseThrow().thresholds()).isEqualTo(Budget.DEFAULT_THRESHOLDS);
        assertThat(store.budget(month.id()).orElseThrow().amountUsd()).isEqualTo(new BigDecimal("250"));

        Budget softer = new Budget(month.id(), Scope.PROVIDER, "anthropic", new BigDecimal("99.99"), BudgetPeriod.DAY,
                null, null, false, List.of(100), t1, t1);
        assertThat(store.saveBudget(softer)).isEqualTo(new Budget(month.id(), Scope.PROVIDER, "anthropic",
                new BigDecimal("99.99"), BudgetPeriod.DAY, null, null, false, List.of(100), t0, t1));
        assertThat(store.deleteBudget(fixed.id())).isTrue();
        assertThat(store.deleteBudget(UUID.randomUUID())).isFalse();
        assertThat(store.budgets()).extracting(Budget::id).containsExactly(month.id(), day.id());
    }

    @Test
    void the_schema_refuses_limits_and_budgets_that_make_no_sense() {
        UUID id = UUID.randomUUID();
        assertThatThrownBy(() -> store.saveLimit(limit(id, Scope.API_KEY, "k", 0, null, null, t0)))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("rate_limits_positive");
        assertThatThrownBy(() -> store.saveLimit(limit(id, Scope.API_KEY, "k", null, null, null, t0)))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("rate_limits_one_set");
        assertThatThrownBy(() -> store.saveLimit(limit(id, Scope.MODEL, "openai/gpt-4o", 10, null, null, t0)))
                .as("provider and model are for budgets only")
                .isInstanceOf(DataAccessException.class).hasMessageContaining("rate_limits_scope");
        assertThatThrownBy(() -> store.saveLimit(limit(id, Scope.API_KEY, "", 10, null, null, t0)))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("rate_limits_target");

        assertThatThrownBy(() -> store.saveBudget(new Budget(id, Scope.PROJECT, "p", BigDecimal.TEN, BudgetPeriod.FIXED,
                t1, t0, true, null, t0, t0)))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("budgets_ends_after_start");
        assertThatThrownBy(() -> store.saveBudget(new Budget(id, Scope.PROJECT, "p", BigDecimal.TEN, BudgetPeriod.FIXED,
                t0, null, true, null, t0, t0)))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("budgets_fixed_dates");
        assertThatThrownBy(() -> store.saveBudget(new Budget(id, Scope.PROJECT, "p", BigDecimal.TEN, BudgetPeriod.DAY,
                t0, t1, true, null, t0, t0)))
                .as("dates are for a fixed period only")
                .isInstanceOf(DataAccessException.class).hasMessageContaining("budgets_fixed_dates");
        assertThatThrownBy(() -> store.saveBudget(monthly(id, Scope.PROJECT, "p", "0", true, null)))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("budgets_amount");
        assertThatThrownBy(() -> store.saveBudget(monthly(id, Scope.PROJECT, "p", "5", true, List.of(50, 101))))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("budgets_thresholds");
        assertThat(store.limits()).isEmpty();
        assertThat(store.budgets()).isEmpty();
    }

    @Test
    void every_change_tells_the_listening_instances_when_it_commits() throws Exception {
        LinkedBlockingQueue<Notifications.Event> events = new LinkedBlockingQueue<>();
        try (Notifications ignored = Notifications.listen(db.jdbcUrl(), events::add)) {
            RateLimit l = limit(UUID.randomUUID(), Scope.WORKSPACE, Scope.EACH, 1_000, null, null, t0);
            store.saveLimit(l);
            store.deleteLimit(l.id());
            Budget b = monthly(UUID.randomUUID(), Scope.WORKSPACE, Scope.EACH, "10", true, null);
            store.saveBudget(b);
            store.deleteBudget(b.id());

            for (int i = 0; i < 4; i++) {
                assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo(new Notifications.Event("quotas", null));
            }
            // a refused change sends nothing
            assertThatThrownBy(() -> store.saveLimit(limit(UUID.randomUUID(), Scope.API_KEY, "k", -1, null, null, t0)))
                    .isInstanceOf(DataAccessException.class);
            assertThat(events.poll(1, TimeUnit.SECONDS)).isNull();
        }
    }
}
