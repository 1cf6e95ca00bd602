package dev.junction.engine.spend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Rate limits and budgets over real {@link Quotas} instances sharing one {@link InMemorySharedCounters} (two
 * "instances" in one JVM), on an injected clock, the sync driven by hand.
 */
class QuotasTest {
    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:10Z");
    private final InMemorySharedCounters counters = new InMemorySharedCounters(clock);
    private final ListQuotaStore store = new ListQuotaStore();
    private static final Spender KEY_A = new Spender("key-a", "user-1", "support", "default");

    private Quotas instance(String id) {
        return new Quotas(store, counters, clock, id);
    }

    private static BigDecimal usd(String v) {
        return new BigDecimal(v);
    }

    private static boolean tryAdmit(Quotas q, Spender who) {
        try {
            q.admit(who, 0, BigDecimal.ZERO).close();
            return true;
        } catch (QuotaExceededException e) {
            return false;
        }
    }

    @Test
    void requests_per_minute_hold_exactly_across_two_instances_and_come_back_in_the_next_minute() {
        store.limit(Scope.API_KEY, "key-a", 100, null, null);
        Quotas a = instance("a");
        Quotas b = instance("b");
        int admitted = 0;
        int refusedInARow = 0;
        for (int i = 0; i < 400 && refusedInARow < 4; i++) {
            boolean ok = tryAdmit(i % 2 == 0 ? a : b, KEY_A);
            admitted += ok ? 1 : 0;
            refusedInARow = ok ? 0 : refusedInARow + 1;
            if (i % 7 == 0) (i % 2 == 0 ? a : b).syncNow();
        }
        assertThat(admitted).as("at most the limit, and (no allowance left idle) exactly it").isEqualTo(100);
        a.syncNow();
        b.syncNow();
        assertThat(tryAdmit(a, KEY_A)).isFalse();
        assertThat(tryAdmit(b, KEY_A)).isFalse();

        clock.advance(Duration.ofSeconds(50)); // 10:01:00, a new minute
        assertThat(tryAdmit(a, KEY_A)).isTrue();
        assertThat(tryAdmit(b, KEY_A)).isTrue();
    }

    @Test
    void an_idle_instance_gives_its_allowance_back_at_its_sync_so_the_busy_one_gets_the_rest() {
        store.limit(Scope.API_KEY, "key-a", 100, null, null);
        Quotas a = instance("a");
        Quotas b = instance("b");
        assertThat(tryAdmit(a, KEY_A)).isTrue(); // a claims a chunk (an eighth of 100) and keeps the rest idle
        int admitted = 1;
        while (tryAdmit(b, KEY_A)) admitted++;
        assertThat(admitted).as("a still holds its allowance").isLessThan(100);
        a.syncNow(); // a's allowance was not used since... its first sync marks it used; the second gives it back
        a.syncNow();
        b.syncNow();
        while (tryAdmit(b, KEY_A)) admitted++;
        assertThat(admitted).isEqualTo(100);
    }

    @Test
    void many_threads_on_two_instances_never_admit_more_than_the_limit() throws Exception {
        store.limit(Scope.PROJECT, "default", 1_000, null, null);
        Quotas a = instance("a");
        Quotas b = instance("b");
        AtomicInteger admitted = new AtomicInteger();
        AtomicBoolean done = new AtomicBoolean();
        Thread syncer = new Thread(() -> {
            while (!done.get()) {
                a.syncNow();
                b.syncNow();
            }
        });
        syncer.start();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < 8; t++) {
            Quotas q = t % 2 == 0 ? a : b;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 500; i++) if (tryAdmit(q, KEY_A)) admitted.incrementAndGet();
            }));
        }
        go.countDown();
        for (Thread t : threads) t.join();
        done.set(true);
        syncer.join();
        assertThat(admitted.get()).isLessThanOrEqualTo(1_000).isGreaterThan(900);
    }

    @Test
    void a_refusal_says_when_the_minute_resets_and_carries_the_headers() {
        store.limit(Scope.API_KEY, "key-a", 2, null, null);
        Quotas q = instance("a");
        assertThat(tryAdmit(q, KEY_A)).isTrue();
        assertThat(tryAdmit(q, KEY_A)).isTrue();
        QuotaExceededException e = catchThrowableOfType(QuotaExceededException.class, () -> q.admit(KEY_A, 0, BigDecimal.ZERO));
        assertThat(e.code()).isEqualTo("rate_limit_exceeded");
        assertThat(e.limit()).isEqualTo("requests");
        assertThat(e.scope()).isEqualTo(Scope.API_KEY);
        assertThat(e.target()).isEqualTo("key-a");
        assertThat(e.resetsAt()).isEqualTo(Instant.parse("2026-03-01T10:01:00Z"));
        assertThat(e.retryAfterSeconds()).isEqualTo(50);
        assertThat(e.state().headers()).containsEntry("x-ratelimit-limit-requests", "2")
                .containsEntry("x-ratelimit-remaining-requests", "0")
                .containsEntry("x-ratelimit-reset-requests", "50s");
        assertThat(e.getMessage()).isEqualTo("rate limit of 2 requests per minute on api_key 'key-a' reached; retry after 50s");
    }

    @Test
    void the_state_names_the_tightest_request_and_token_limits_after_the_request() {
        store.limit(Scope.API_KEY, "key-a", 10, 1_000, null);
        store.limit(Scope.PROJECT, "default", 5, 50_000, null);
        Quotas q = instance("a");
        clock.advance(Duration.ofMillis(500)); // 10:00:10.5
        Admission admission = q.admit(KEY_A, 300, BigDecimal.ZERO);
        RateLimitState s = admission.state();
        assertThat(s.limitRequests()).isEqualTo(5);
        assertThat(s.remainingRequests()).isEqualTo(4);
        assertThat(s.resetRequests()).isEqualTo(Duration.ofMillis(49_500));
        assertThat(s.limitTokens()).isEqualTo(1_000);
        assertThat(s.remainingTokens()).isEqualTo(700);
        assertThat(s.headers()).containsEntry("x-ratelimit-reset-tokens", "49.5s");
        admission.settle(320, List.of());
        admission.close();
        assertThat(q.admit(KEY_A, 0, BigDecimal.ZERO).state().remainingTokens()).isEqualTo(680);
    }

    @Test
    void tokens_per_minute_reserve_the_estimate_and_are_corrected_with_the_real_usage() {
        store.limit(Scope.API_KEY, "key-a", null, 1_000, null);
        Quotas q = instance("a");
        Admission first = q.admit(KEY_A, 600, BigDecimal.ZERO);
        QuotaExceededException e = catchThrowableOfType(QuotaExceededException.class, () -> q.admit(KEY_A, 600, BigDecimal.ZERO));
        assertThat(e.limit()).isEqualTo("tokens");
        first.settle(100, List.of()); // used far less than estimated: 500 come back
        first.close();
        Admission second = q.admit(KEY_A, 600, BigDecimal.ZERO); // 100 + 600 of 1000
        second.settle(1_500, List.of()); // overdraw: 900 beyond its estimate, owed to the shared counter
        second.close();
        q.syncNow();
        SharedCounters.Key key = new SharedCounters.Key("tpm:" + store.limits().getFirst().id() + ":key-a",
                Instant.parse("2026-03-01T10:00:00Z"));
        assertThat(counters.total(key)).isEqualTo(1_600);
        assertThat(catchThrowableOfType(QuotaExceededException.class, () -> q.admit(KEY_A, 1, BigDecimal.ZERO))).isNotNull();
        assertThat(catchThrowableOfType(QuotaExceededException.class, () -> q.admit(KEY_A, 1_001, BigDecimal.ZERO))
                .limit()).as("an estimate above the limit never fits").isEqualTo("tokens");
    }

    @Test
    void concurrent_slots_come_back_on_close_on_another_instance_after_its_sync_and_after_a_dead_instances_lease() {
        store.limit(Scope.IDENTITY, "user-1", null, null, 2);
        Quotas a = instance("a");
        Quotas b = instance("b");
        Admission one = a.admit(KEY_A, 0, BigDecimal.ZERO);
        Admission two = a.admit(KEY_A, 0, BigDecimal.ZERO);
        QuotaExceededException e = catchThrowableOfType(QuotaExceededException.class, () -> a.admit(KEY_A, 0, BigDecimal.ZERO));
        assertThat(e.limit()).isEqualTo("concurrent");
        assertThat(catchThrowableOfType(QuotaExceededException.class, () -> b.admit(KEY_A, 0, BigDecimal.ZERO))).isNotNull();
        one.close();
        a.admit(KEY_A, 0, BigDecimal.ZERO); // the slot is back (held by a: no round trip)
        assertThat(catchThrowableOfType(QuotaExceededException.class, () -> b.admit(KEY_A, 0, BigDecimal.ZERO))).isNotNull();

        // a dies with two requests in flight: b gets the slots once a's lease (10 s) has expired
        clock.advance(Duration.ofSeconds(9));
        assertThat(catchThrowableOfType(QuotaExceededException.class, () -> b.admit(KEY_A, 0, BigDecimal.ZERO))).isNotNull();
        clock.advance(Duration.ofMillis(1_001));
        Admission onB = b.admit(KEY_A, 0, BigDecimal.ZERO);
        onB.close();
        two.close();
    }

    @Test
    void an_idle_instance_shrinks_its_lease_at_its_sync() {
        store.limit(Scope.IDENTITY, "user-1", null, null, 2);
        Quotas a = instance("a");
        Quotas b = instance("b");
        a.admit(KEY_A, 0, BigDecimal.ZERO).close(); // a leased a slot and some headroom
        b.admit(KEY_A, 0, BigDecimal.ZERO).close();
        Admission held = b.admit(KEY_A, 0, BigDecimal.ZERO);
        assertThat(catchThrowableOfType(QuotaExceededException.class, () -> b.admit(KEY_A, 0, BigDecimal.ZERO)))
                .as("a still holds its headroom").isNotNull();
        a.syncNow();
        a.syncNow(); // unused since the last sync: the lease drops to what is in use, none
        b.admit(KEY_A, 0, BigDecimal.ZERO).close();
        held.close();
    }

    @Test
    void thresholds_of_the_largest_budget_allowed_do_not_overflow() {
        store.budget(Scope.API_KEY, "key-a", QuotaValidator.MAX_AMOUNT_USD.toPlainString(), BudgetPeriod.DAY, true);
        Quotas q = instance("a");
        Admission admission = q.admit(KEY_A, 100, usd("0.10"));
        admission.settle(100, List.of(new Admission.Charge("openai", "gpt-4o", usd("0.40"))));
        admission.close();
        q.syncNow();
        assertThat(q.budgetLevels()).extracting(Quotas.BudgetLevel::crossedPct).containsExactly(0);
    }

    @Test
    void a_hard_budget_refuses_once_spent_naming_the_scope_and_the_reset_and_a_soft_one_only_records() {
        store.budget(Scope.API_KEY, "key-a", "1.00", BudgetPeriod.DAY, true);
        store.budget(Scope.PROJECT, "default", "0.50", BudgetPeriod.MONTH, false);
        Quotas q = instance("a");
        for (int i = 0; i < 3; i++) { // each costs four times its estimate: 1.20 spent after the third
            Admission admission = q.admit(KEY_A, 100, usd("0.10"));
            admission.settle(100, List.of(new Admission.Charge("openai", "gpt-4o", usd("0.40"))));
            admission.close();
        }
        QuotaExceededException e = catchThrowableOfType(QuotaExceededException.class, () -> q.admit(KEY_A, 100, usd("0.10")));
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo("budget_exceeded");
        assertThat(e.scope()).isEqualTo(Scope.API_KEY);
        assertThat(e.target()).isEqualTo("key-a");
        assertThat(e.resetsAt()).isEqualTo(Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(e.getMessage()).isEqualTo("the day budget of $1.00 on api_key 'key-a' is spent; it resets at 2026-03-02T00:00:00Z");

        q.syncNow();
        assertThat(q.spentUsd(Scope.API_KEY, "key-a", BudgetPeriod.DAY)).isEqualByComparingTo("1.20");
        assertThat(q.spentUsd(Scope.PROJECT, "default", BudgetPeriod.MONTH)).isEqualByComparingTo("1.20");
        assertThat(q.remainingPct(Scope.API_KEY, "key-a")).hasValue(0.0);
        assertThat(q.budgetLevels()).extracting(Quotas.BudgetLevel::scope, Quotas.BudgetLevel::crossedPct)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(Scope.API_KEY, 100),
                        org.assertj.core.groups.Tuple.tuple(Scope.PROJECT, 100));

        Spender otherKey = new Spender("key-b", null, "support", "default");
        q.admit(otherKey, 100, usd("0.10")).close(); // the project's budget is soft: it only records
        clock.set(Instant.parse("2026-03-02T00:00:00Z"));
        q.admit(KEY_A, 100, usd("0.10")).close(); // a new UTC day
        assertThat(q.spentUsd(Scope.API_KEY, "key-a", BudgetPeriod.DAY)).isEqualByComparingTo("0");
        assertThat(q.spentUsd(Scope.API_KEY, "key-a", BudgetPeriod.MONTH)).isEqualByComparingTo("1.20");
    }

    @Test
    void a_budget_created_mid_month_counts_what_was_spent_before_it() {
        Quotas q = instance("a");
        Admission before = q.admit(KEY_A, 0, BigDecimal.ZERO);
        before.settle(0, List.of(new Admission.Charge("openai", "gpt-4o", usd("4.00"))));
        before.close();
        q.syncNow();
        store.budget(Scope.IDENTITY, "*", "5.00", BudgetPeriod.MONTH, true);
        q.reload();
        Admission next = q.admit(KEY_A, 0, usd("0.50"));
        next.settle(0, List.of(new Admission.Charge("openai", "gpt-4o", usd("1.00"))));
        next.close();
        assertThat(catchThrowableOfType(QuotaExceededException.class, () -> q.admit(KEY_A, 0, usd("0.50"))).scope())
                .isEqualTo(Scope.IDENTITY);
        assertThat(tryAdmit(q, new Spender("key-a", "user-2", "support", "default")))
                .as("'*': every identity has its own budget").isTrue();
    }

    @Test
    void reservations_keep_many_concurrent_requests_on_two_instances_within_a_hard_budget() throws Exception {
        store.budget(Scope.WORKSPACE, "*", "1.00", BudgetPeriod.MONTH, true);
        Quotas a = instance("a");
        Quotas b = instance("b");
        AtomicInteger admitted = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch allAdmittedOrRefused = new CountDownLatch(8);
        List<Admission> inFlight = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 8; t++) {
            Quotas q = t % 2 == 0 ? a : b;
            threads.add(Thread.ofPlatform().start(() -> {
                try {
                    go.await();
                    for (int i = 0; i < 100; i++) {
                        try {
                            inFlight.add(q.admit(KEY_A, 0, usd("0.01")));
                            admitted.incrementAndGet();
                        } catch (QuotaExceededException e) {
                            // spent
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    allAdmittedOrRefused.countDown();
                }
            }));
        }
        go.countDown();
        allAdmittedOrRefused.await();
        // every request is still in flight (none has settled): only the reservations held them back
        assertThat(admitted.get()).as("$0.01 reserved each: at most $1.00").isLessThanOrEqualTo(100).isGreaterThan(80);
        for (Admission ad : inFlight) {
            ad.settle(0, List.of(new Admission.Charge("openai", "gpt-4o", usd("0.01"))));
            ad.close();
        }
        for (Thread t : threads) t.join();
        a.syncNow();
        b.syncNow();
        a.syncNow();
        assertThat(a.spentUsd(Scope.WORKSPACE, "*", BudgetPeriod.MONTH)).isLessThanOrEqualTo(usd("1.00"))
                .isEqualByComparingTo(usd("0.01").multiply(BigDecimal.valueOf(admitted.get())));
    }

    @Test
    void a_spent_provider_or_model_budget_refuses_that_model_only() {
        store.budget(Scope.MODEL, "openai/gpt-4o", "0.10", BudgetPeriod.DAY, true);
        store.budget(Scope.PROVIDER, "anthropic", "5.00", BudgetPeriod.DAY, true);
        Quotas q = instance("a");
        Admission first = q.admit(KEY_A, 0, usd("0.05"));
        assertThat(first.allows("openai", "gpt-4o")).isTrue();
        first.settle(0, List.of(new Admission.Charge("openai", "gpt-4o", usd("0.20"))));
        first.close();
        Admission second = q.admit(KEY_A, 0, usd("0.05"));
        assertThat(second.allows("openai", "gpt-4o")).isFalse();
        assertThat(second.refusal("openai", "gpt-4o").getMessage())
                .isEqualTo("the day budget of $0.10 on model 'openai/gpt-4o' is spent; it resets at 2026-03-02T00:00:00Z");
        assertThat(second.refusal("openai", "gpt-4o").scope()).isEqualTo(Scope.MODEL);
        assertThat(second.allows("openai", "gpt-4o-mini")).isTrue();
        assertThat(second.allows("anthropic", "claude-sonnet-4")).isTrue();
        second.settle(0, List.of(new Admission.Charge("anthropic", "claude-sonnet-4", usd("0.30"))));
        second.close();
        assertThat(q.spentUsd(Scope.PROVIDER, "anthropic", BudgetPeriod.DAY)).isEqualByComparingTo("0.30");
        assertThat(q.spentUsd(Scope.MODEL, "openai/gpt-4o", BudgetPeriod.DAY)).isEqualByComparingTo("0.20");
        assertThat(q.spentUsd(Scope.PROVIDER, "openai", BudgetPeriod.DAY)).isEqualByComparingTo("0.20");
    }

    @Test
    void a_fixed_budget_applies_only_in_its_period_and_refuses_until_its_end() {
        store.saveBudget(new Budget(java.util.UUID.randomUUID(), Scope.DEPLOYMENT, "support", usd("1.00"), BudgetPeriod.FIXED,
                Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-15T00:00:00Z"), true, null, null, null));
        Quotas q = instance("a");
        Admission a = q.admit(KEY_A, 0, usd("0.10"));
        a.settle(0, List.of(new Admission.Charge("openai", "gpt-4o", usd("1.00"))));
        a.close();
        QuotaExceededException e = catchThrowableOfType(QuotaExceededException.class, () -> q.admit(KEY_A, 0, usd("0.10")));
        assertThat(e.resetsAt()).isEqualTo(Instant.parse("2026-03-15T00:00:00Z"));
        assertThat(e.getMessage()).isEqualTo("the budget of $1.00 on deployment 'support' is spent; it ends at 2026-03-15T00:00:00Z");
        clock.set(Instant.parse("2026-03-15T00:00:00Z"));
        q.admit(KEY_A, 0, usd("0.10")).close();
        assertThat(q.remainingPct(Scope.DEPLOYMENT, "support")).isEmpty();
    }

    @Test
    void each_member_of_a_star_target_has_its_own_limit() {
        store.limit(Scope.IDENTITY, Scope.EACH, 2, null, null);
        Quotas q = instance("a");
        Spender u1 = new Spender("k", "u1", "d", "p");
        Spender u2 = new Spender("k", "u2", "d", "p");
        Spender nobody = new Spender("k", null, "d", "p");
        assertThat(List.of(tryAdmit(q, u1), tryAdmit(q, u1), tryAdmit(q, u1))).containsExactly(true, true, false);
        assertThat(List.of(tryAdmit(q, u2), tryAdmit(q, u2), tryAdmit(q, u2))).containsExactly(true, true, false);
        assertThat(tryAdmit(q, nobody)).as("no identity: the identity limit does not apply").isTrue();
        assertThat(tryAdmit(q, nobody)).isTrue();
        assertThat(tryAdmit(q, nobody)).isTrue();
        assertThat(q.current()).filteredOn(u -> u.what().equals("requests"))
                .extracting(QuotaUsage.Use::member).containsExactlyInAnyOrder("u1", "u2");
    }

    @Test
    void spend_is_kept_per_member_per_day_and_month_without_budgets_and_every_instance_sees_it_after_its_sync() {
        Quotas a = instance("a");
        Quotas b = instance("b");
        assertThat(a.enforcing()).isFalse();
        Admission ad = a.admit(KEY_A, 0, BigDecimal.ZERO);
        assertThat(ad.state()).isNull();
        ad.settle(50, List.of(new Admission.Charge("openai", "gpt-4o", usd("0.25")),
                new Admission.Charge("anthropic", "claude", usd("0.50"))));
        ad.close();
        assertThat(a.spentUsd(Scope.IDENTITY, "user-1", BudgetPeriod.MONTH)).isEqualByComparingTo("0.75");
        assertThat(b.spentUsd(Scope.IDENTITY, "user-1", BudgetPeriod.MONTH)).as("not synced yet").isEqualByComparingTo("0");
        a.syncNow();
        b.syncNow(); // b read the member it was asked about
        assertThat(b.spentUsd(Scope.IDENTITY, "user-1", BudgetPeriod.MONTH)).isEqualByComparingTo("0.75");
        assertThat(b.spentUsd(Scope.WORKSPACE, "*", BudgetPeriod.DAY)).isEqualByComparingTo("0");
        b.syncNow();
        assertThat(b.spentUsd(Scope.WORKSPACE, "*", BudgetPeriod.DAY)).isEqualByComparingTo("0.75");
        assertThat(b.spentUsd(Scope.MODEL, "anthropic/claude", BudgetPeriod.DAY)).isEqualByComparingTo("0");
        b.syncNow();
        assertThat(b.spentUsd(Scope.MODEL, "anthropic/claude", BudgetPeriod.DAY)).isEqualByComparingTo("0.50");

        clock.set(Instant.parse("2026-04-01T00:00:00Z")); // month end
        assertThat(a.spentUsd(Scope.IDENTITY, "user-1", BudgetPeriod.MONTH)).isEqualByComparingTo("0");
    }

    @Test
    void spend_settled_just_before_midnight_and_flushed_after_it_stays_in_its_day() {
        clock.set(Instant.parse("2028-02-28T23:59:59.950Z"));
        Quotas q = instance("a");
        Admission ad = q.admit(KEY_A, 0, BigDecimal.ZERO);
        ad.settle(0, List.of(new Admission.Charge("openai", "gpt-4o", usd("2.00"))));
        ad.close();
        clock.set(Instant.parse("2028-02-29T00:00:00.050Z")); // the leap day
        assertThat(q.spentUsd(Scope.API_KEY, "key-a", BudgetPeriod.DAY)).isEqualByComparingTo("0");
        q.syncNow();
        assertThat(counters.total(Quotas.committedKey(Scope.API_KEY, "key-a", BudgetPeriod.DAY,
                Instant.parse("2028-02-28T00:00:00Z")))).isEqualTo(2_000_000_000L);
        assertThat(q.spentUsd(Scope.API_KEY, "key-a", BudgetPeriod.MONTH)).isEqualByComparingTo("2.00");
        clock.set(Instant.parse("2028-03-01T00:00:00Z"));
        assertThat(q.spentUsd(Scope.API_KEY, "key-a", BudgetPeriod.MONTH)).isEqualByComparingTo("0");
    }

    @Test
    void members_kept_in_memory_are_capped() {
        Quotas q = new Quotas(store, counters, clock, "a", new Quotas.Settings(Duration.ofMillis(100), Duration.ofSeconds(10), 20));
        for (int i = 0; i < 200; i++) {
            Admission ad = q.admit(new Spender("k", "user-" + i, "d", "p"), 0, BigDecimal.ZERO);
            ad.settle(0, List.of(new Admission.Charge("openai", "gpt-4o", usd("0.01"))));
            ad.close();
        }
        q.syncNow();
        assertThat(q.ledger.size()).isLessThanOrEqualTo(20);
        q.spentUsd(Scope.WORKSPACE, "*", BudgetPeriod.DAY); // a member forgotten or not: read at the next sync
        q.syncNow();
        assertThat(q.spentUsd(Scope.WORKSPACE, "*", BudgetPeriod.DAY)).as("the shared totals stay").isEqualByComparingTo("2.00");
    }

    @Test
    void a_limit_changed_by_reload_takes_effect_on_the_counters_in_use() {
        RateLimit limit = store.limit(Scope.API_KEY, "key-a", 1, null, null);
        Quotas q = instance("a");
        assertThat(tryAdmit(q, KEY_A)).isTrue();
        assertThat(tryAdmit(q, KEY_A)).isFalse();
        store.saveLimit(new RateLimit(limit.id(), Scope.API_KEY, "key-a", 3, null, null, null, null));
        q.reload();
        q.syncNow(); // re-reads the exhausted counter against its new cap
        assertThat(List.of(tryAdmit(q, KEY_A), tryAdmit(q, KEY_A), tryAdmit(q, KEY_A))).containsExactly(true, true, false);
        store.deleteLimit(limit.id());
        q.reload();
        assertThat(q.enforcing()).isFalse();
        assertThat(tryAdmit(q, KEY_A)).isTrue();
    }

    @Test
    void a_refused_request_gives_back_what_it_took_from_other_limits() {
        store.limit(Scope.API_KEY, "key-a", 100, null, 1);
        Quotas q = instance("a");
        Admission held = q.admit(KEY_A, 0, BigDecimal.ZERO);
        for (int i = 0; i < 5; i++) assertThat(tryAdmit(q, KEY_A)).isFalse(); // refused on concurrency
        assertThat(held.state().remainingRequests()).isEqualTo(99);
        held.close();
        assertThat(q.admit(KEY_A, 0, BigDecimal.ZERO).state().remainingRequests())
                .as("the five refused requests were not counted").isEqualTo(98);
    }

    @Test
    void when_the_shared_counters_fail_requests_are_admitted_on_what_the_instance_knows() {
        store.limit(Scope.API_KEY, "key-a", 2, null, null);
        AtomicBoolean down = new AtomicBoolean();
        SharedCounters flaky = new SharedCounters() {
            @Override public Grant claim(Key key, long want, long cap, Instant expires) {
                if (down.get()) throw new IllegalStateException("database down");
                return counters.claim(key, want, cap, expires);
            }
            @Override public java.util.Map<Key, Long> add(java.util.Map<Key, Long> d, Instant e) { return counters.add(d, e); }
            @Override public java.util.Map<Key, Long> read(java.util.Collection<Key> k) { return counters.read(k); }
            @Override public long lease(String n, String i, long w, long c, Instant e) { return counters.lease(n, i, w, c, e); }
            @Override public void purge(Instant now) { counters.purge(now); }
        };
        Quotas q = new Quotas(store, flaky, clock, "a");
        assertThat(tryAdmit(q, KEY_A)).isTrue();
        assertThat(tryAdmit(q, KEY_A)).isTrue();
        assertThat(tryAdmit(q, KEY_A)).as("known to be used up: still refused").isFalse();
        clock.advance(Duration.ofMinutes(1));
        down.set(true);
        assertThat(tryAdmit(q, KEY_A)).as("unknown: admitted").isTrue();
    }

    @Test
    void after_a_failure_requests_stop_asking_the_shared_counters_for_a_while() {
        store.limit(Scope.API_KEY, "*", 1_000, null, null);
        java.util.concurrent.atomic.AtomicInteger claims = new java.util.concurrent.atomic.AtomicInteger();
        SharedCounters down = new SharedCounters() {
            @Override public Grant claim(Key key, long want, long cap, Instant expires) {
                claims.incrementAndGet();
                throw new IllegalStateException("database down");
            }
            @Override public java.util.Map<Key, Long> add(java.util.Map<Key, Long> d, Instant e) { throw new IllegalStateException("down"); }
            @Override public java.util.Map<Key, Long> read(java.util.Collection<Key> k) { throw new IllegalStateException("down"); }
            @Override public long lease(String n, String i, long w, long c, Instant e) { throw new IllegalStateException("down"); }
            @Override public void purge(Instant now) { }
        };
        Quotas q = new Quotas(store, down, clock, "a");
        for (int i = 0; i < 20; i++) {
            Spender who = new Spender("key-" + i, null, "support", "default"); // each its own counter
            assertThat(tryAdmit(q, who)).isTrue();
        }
        assertThat(claims.get()).as("the first request's failure backs the others off").isEqualTo(1);
    }

    @Test
    void a_fixed_budget_whose_dates_change_counts_in_its_new_window() {
        java.util.UUID id = java.util.UUID.randomUUID();
        Budget march = new Budget(id, Scope.DEPLOYMENT, "support", usd("1.00"), BudgetPeriod.FIXED,
                Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-03-15T00:00:00Z"), true, null, null, null);
        store.saveBudget(march);
        Quotas q = instance("a");
        Admission first = q.admit(KEY_A, 0, usd("0.01"));
        first.settle(0, List.of(new Admission.Charge("openai", "gpt-4o", usd("0.50"))));
        first.close();
        store.saveBudget(new Budget(id, Scope.DEPLOYMENT, "support", usd("1.00"), BudgetPeriod.FIXED,
                march.startsAt(), Instant.parse("2026-03-31T00:00:00Z"), true, null, null, null));
        q.reload();
        q.syncNow(); // what the old window's meter owed reaches the counters
        clock.set(Instant.parse("2026-03-20T00:00:00Z"));
        int admitted = 0;
        for (int i = 0; i < 60; i++) {
            try {
                Admission a = q.admit(KEY_A, 0, usd("0.01"));
                a.settle(0, List.of(new Admission.Charge("openai", "gpt-4o", usd("0.01"))));
                a.close();
                admitted++;
            } catch (QuotaExceededException e) {
                break;
            }
        }
        assertThat(admitted).as("$0.50 left of the extended period, at $0.01 each").isEqualTo(50);
    }

    @Test
    void a_request_larger_than_a_token_limit_is_refused_as_not_worth_retrying() {
        store.limit(Scope.API_KEY, "key-a", null, 1_000, null);
        Quotas q = instance("a");
        QuotaExceededException e = catchThrowableOfType(QuotaExceededException.class, () -> q.admit(KEY_A, 1_500, BigDecimal.ZERO));
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("can never pass");
        QuotaExceededException later = catchThrowableOfType(QuotaExceededException.class, () -> {
            Admission used = q.admit(KEY_A, 900, BigDecimal.ZERO);
            used.settle(900, List.of());
            used.close();
            q.admit(KEY_A, 900, BigDecimal.ZERO);
        });
        assertThat(later.retryable()).as("fits a fresh minute: worth retrying").isTrue();
    }

    @Test
    void budget_claims_stay_small_and_an_instance_that_closes_gives_its_claim_back() {
        store.budget(Scope.DEPLOYMENT, "support", "1.00", BudgetPeriod.DAY, true);
        Quotas a = instance("a");
        Admission one = a.admit(KEY_A, 0, usd("0.01"));
        one.settle(0, List.of(new Admission.Charge("openai", "gpt-4o", usd("0.01"))));
        one.close();
        a.close();
        Quotas b = instance("b");
        int admitted = 0;
        for (int i = 0; i < 200; i++) {
            try {
                Admission x = b.admit(KEY_A, 0, usd("0.01"));
                x.settle(0, List.of(new Admission.Charge("openai", "gpt-4o", usd("0.01"))));
                x.close();
                admitted++;
            } catch (QuotaExceededException e) {
                break;
            }
        }
        assertThat(admitted).as("the whole budget but the first cent, none of it held by the closed instance").isEqualTo(99);
    }
}
