package dev.junction.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.engine.catalog.CatalogModel;
import dev.junction.engine.catalog.InMemoryModelCatalog;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.invoke.ScriptedProvider.Step;
import dev.junction.engine.log.LogStatus;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.spend.BudgetPeriod;
import dev.junction.engine.spend.InMemorySharedCounters;
import dev.junction.engine.spend.ListQuotaStore;
import dev.junction.engine.spend.MutableClock;
import dev.junction.engine.spend.QuotaExceededException;
import dev.junction.engine.spend.Quotas;
import dev.junction.engine.spend.Scope;
import dev.junction.engine.support.Ids;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The invoke path under rate limits and budgets ({@link Quotas}): admitted after routing and rendering, refused with
 * a logged 429, options a provider or model budget refuses skipped for the fallback, every attempt's real cost spent,
 * the answer carrying the rate-limit state.
 * <p>Prices: $0.10 a token in and out on both models; the scripted answers take 10 prompt tokens and one completion
 * token per piece ($1.10 for a one-piece answer). The primary's {@code max_tokens} is 2, so a request is estimated at
 * its prompt (12 tokens by {@code TokenEstimate}) plus 2: $1.40.
 */
class QuotaInvokeTest {
    private static final UUID KEY = UUID.fromString("00000000-0000-7000-8000-000000000001");
    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:10Z");
    private final FakeTicker ticker = new FakeTicker();
    private final List<RequestLog> logs = new CopyOnWriteArrayList<>();
    private final ListQuotaStore store = new ListQuotaStore();
    private final InMemorySharedCounters counters = new InMemorySharedCounters(clock);
    private ScriptedProvider primary = new ScriptedProvider("p", Step.answer("primary"));
    private ScriptedProvider fallback = new ScriptedProvider("f", Step.answer("fallback"));
    private Quotas quotas;
    private InvokeService service;

    private void deploy(ModelParameters primaryParameters) {
        BigDecimal tenCents = new BigDecimal("100000");
        InMemoryModelCatalog catalog = new InMemoryModelCatalog(List.of(
                new CatalogModel("p", "gpt-4o", 128_000, 4096, tenCents, tenCents, null, true),
                new CatalogModel("f", "backup", 128_000, 4096, tenCents, tenCents, null, true)));
        ModelConfig p = ModelConfig.of("p", "gpt-4o").withParameters(primaryParameters);
        Variant main = new Variant("main", List.of(PromptMessage.system("Be brief.")), null, p, ModelConfig.of("f", "backup"), null);
        DeploymentSpec spec = new DeploymentSpec("support", "", List.of(main), RoutingTable.defaultOnly("main"));
        DeploymentVersion version = new DeploymentVersion(UUID.randomUUID(), UUID.randomUUID(), 1, "h", spec, "t", "", Instant.now());
        primary.ticker = ticker;
        fallback.ticker = ticker;
        InvokeLimits limits = new InvokeLimits(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofSeconds(1), 100, Duration.ofSeconds(30));
        InvokeRuntime runtime = InvokeRuntime.of(new Providers(List.of(primary, fallback)),
                new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(2), 0.0), limits, catalog, ticker, () -> 0.5);
        ActiveDeployments active = new ActiveDeployments();
        active.put(ActiveDeployment.build(version, InvokeServiceTest.FIRST_MATCH, runtime));
        quotas = new Quotas(store, counters, clock, "test");
        service = new InvokeService(active, logs::add, clock, new Ids(clock), limits, RequestLog.DEFAULT_TEXT_MAX_BYTES,
                ticker, InvokeService.Controls.of(quotas, null));
    }

    private void deploy() {
        deploy(ModelParameters.of(null, 2));
    }

    private static InvokeRequest ask() {
        return ask(RequestOptions.NONE);
    }

    private static InvokeRequest ask(RequestOptions options) {
        return new InvokeRequest("support", Map.of(), Map.of(), List.of(), List.of(PromptMessage.user("hi")), Map.of(),
                Source.API, options, KEY);
    }

    private BigDecimal keySpentToday() {
        return quotas.spentUsd(Scope.API_KEY, KEY.toString(), BudgetPeriod.DAY);
    }

    @Test
    void requests_over_a_rate_limit_get_a_logged_429_and_answers_under_it_carry_the_state() {
        store.limit(Scope.API_KEY, KEY.toString(), 2, 1_000, null);
        deploy();

        InvokeResult first = service.invoke(ask());
        assertThat(first.rateLimits().limitRequests()).isEqualTo(2);
        assertThat(first.rateLimits().remainingRequests()).isEqualTo(1);
        assertThat(first.rateLimits().resetRequests()).isEqualTo(Duration.ofSeconds(50));
        assertThat(first.rateLimits().remainingTokens()).as("1000 less the estimate, 12 + 2").isEqualTo(986);
        InvokeResult second = service.invoke(ask());
        assertThat(second.rateLimits().remainingRequests()).isZero();
        assertThat(second.rateLimits().remainingTokens()).as("the first one corrected to its 11 real tokens").isEqualTo(975);

        QuotaExceededException refused = catchThrowableOfType(QuotaExceededException.class, () -> service.invoke(ask()));
        assertThat(refused.code()).isEqualTo("rate_limit_exceeded");
        assertThat(refused.retryAfterSeconds()).isEqualTo(50);
        assertThat(primary.calls).hasSize(2);
        RequestLog log = logs.getLast();
        assertThat(log.status()).isEqualTo(LogStatus.ERROR);
        assertThat(log.outcome().httpStatus()).isEqualTo(429);
        assertThat(log.outcome().error()).isEqualTo(refused.getMessage());
        assertThat(log.caller().apiKeyId()).isEqualTo(KEY);
    }

    @Test
    void without_limits_the_answer_carries_no_rate_limit_state_and_spend_is_still_kept() {
        deploy();
        InvokeResult result = service.invoke(ask());
        assertThat(result.rateLimits()).isNull();
        assertThat(keySpentToday()).isEqualByComparingTo("1.10");
        assertThat(quotas.spentUsd(Scope.DEPLOYMENT, "support", BudgetPeriod.MONTH)).isEqualByComparingTo("1.10");
        assertThat(quotas.spentUsd(Scope.PROJECT, "default", BudgetPeriod.MONTH)).isEqualByComparingTo("1.10");
        assertThat(quotas.spentUsd(Scope.MODEL, "p/gpt-4o", BudgetPeriod.DAY)).isEqualByComparingTo("1.10");
    }

    @Test
    void a_spent_model_budget_skips_the_primary_unsent_and_the_fallback_answers() {
        store.budget(Scope.MODEL, "p/gpt-4o", "2.00", BudgetPeriod.DAY, true);
        deploy();

        assertThat(service.invoke(ask()).response().content()).isEqualTo("primary"); // $1.10 of $2.00
        InvokeResult second = service.invoke(ask()); // $1.40 estimated, $0.90 left

        assertThat(second.response().content()).isEqualTo("fallback");
        assertThat(primary.calls).hasSize(1);
        Attempt skipped = second.attempts().getFirst();
        assertThat(skipped.reason()).isEqualTo("budget_exceeded");
        assertThat(skipped.sent()).isFalse();
        assertThat(skipped.next()).isEqualTo(Attempt.Next.FALLBACK);
        assertThat(skipped.error()).isEqualTo(
                "the day budget of $2.00 on model 'p/gpt-4o' is spent; it resets at 2026-03-02T00:00:00Z: not sent");
        assertThat(quotas.spentUsd(Scope.MODEL, "f/backup", BudgetPeriod.DAY)).isEqualByComparingTo("1.10");
        assertThat(quotas.spentUsd(Scope.MODEL, "p/gpt-4o", BudgetPeriod.DAY)).isEqualByComparingTo("1.10");
    }

    @Test
    void when_budgets_refuse_every_model_the_request_is_a_logged_429_budget_exceeded() {
        store.budget(Scope.PROVIDER, "p", "1.00", BudgetPeriod.MONTH, true);
        store.budget(Scope.PROVIDER, "f", "1.00", BudgetPeriod.MONTH, true);
        deploy();

        QuotaExceededException e = catchThrowableOfType(QuotaExceededException.class, () -> service.invoke(ask()));

        assertThat(e.code()).isEqualTo("budget_exceeded");
        assertThat(e.scope()).isEqualTo(Scope.PROVIDER);
        assertThat(e.target()).isEqualTo("f");
        assertThat(e.resetsAt()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
        assertThat(primary.calls).isEmpty();
        assertThat(fallback.calls).isEmpty();
        RequestLog log = logs.getLast();
        assertThat(log.outcome().httpStatus()).isEqualTo(429);
        assertThat(log.attempts()).extracting(Attempt::reason).containsExactly("budget_exceeded", "budget_exceeded");
    }

    @Test
    void a_hard_key_budget_refuses_before_any_model_and_counts_failed_attempts_costs() {
        store.budget(Scope.API_KEY, KEY.toString(), "3.00", BudgetPeriod.DAY, true);
        // the primary must answer JSON and does not: its answer is billed, and the fallback answers
        deploy(ModelParameters.of(null, 2).withResponseFormat(Map.of("type", "json_object")));

        InvokeResult result = service.invoke(ask());
        assertThat(result.response().content()).isEqualTo("fallback");
        assertThat(result.attempts()).extracting(Attempt::reason).containsExactly("invalid_output", null);
        assertThat(keySpentToday()).as("both attempts").isEqualByComparingTo("2.20");

        QuotaExceededException e = catchThrowableOfType(QuotaExceededException.class, () -> service.invoke(ask()));
        assertThat(e.code()).isEqualTo("budget_exceeded");
        assertThat(e.getMessage()).isEqualTo("the day budget of $3.00 on api_key '" + KEY + "' is spent; it resets at 2026-03-02T00:00:00Z");
        assertThat(logs.getLast().outcome().httpStatus()).isEqualTo(429);
    }

    @Test
    void a_mocked_request_counts_as_a_request_and_costs_nothing() {
        store.limit(Scope.API_KEY, KEY.toString(), 1, null, null);
        deploy();
        RequestOptions mocked = new RequestOptions(null, null, null, null, null, "canned");

        InvokeResult result = service.invoke(ask(mocked));
        assertThat(result.response().content()).isEqualTo("canned");
        assertThat(result.rateLimits().remainingRequests()).isZero();
        assertThat(keySpentToday()).isEqualByComparingTo("0");
        assertThat(catchThrowableOfType(QuotaExceededException.class, () -> service.invoke(ask()))).isNotNull();
    }

    @Test
    void a_concurrency_slot_comes_back_after_a_failed_request_and_after_a_stream() {
        store.limit(Scope.IDENTITY, "u1", null, null, 1);
        primary = new ScriptedProvider("p", Step.fail(new ProviderFailure.ServerError(500, "down")), Step.answer("a", "b"));
        fallback = new ScriptedProvider("f", Step.fail(new ProviderFailure.ServerError(500, "down")), Step.answer("fallback"));
        deploy();
        RequestOptions u1 = new RequestOptions(null, null, Map.of("id", "u1"), null, null, null);

        assertThat(catchThrowableOfType(AllAttemptsFailedException.class, () -> service.invoke(ask(u1)))).isNotNull();
        List<String> pieces = new CopyOnWriteArrayList<>();
        InvokeResult streamed = service.stream(ask(u1), new InvokeStreamListener() {
            @Override public void start(Start start) { }
            @Override public void piece(dev.junction.engine.provider.StreamPiece piece) {
                if (piece instanceof dev.junction.engine.provider.StreamPiece.Text t) pieces.add(t.text());
            }
        });
        assertThat(pieces).containsExactly("a", "b");
        assertThat(streamed.response().content()).isEqualTo("ab");
        assertThat(service.invoke(ask(u1)).response().content()).isEqualTo("ab");
        assertThat(keySpentToday()).as("$1.20 twice; the failures reported no usage").isEqualByComparingTo("2.40");
    }

    @Test
    void a_stream_the_client_abandons_is_spent_at_its_prompt_and_what_was_streamed() {
        primary = new ScriptedProvider("p", Step.answer("a", "b", "c"));
        deploy();
        var thrown = catchThrowableOfType(dev.junction.engine.provider.StreamCancelledException.class,
                () -> service.stream(ask(), new InvokeStreamListener() {
                    @Override public void start(Start start) { }
                    @Override public void piece(dev.junction.engine.provider.StreamPiece piece) {
                        throw new dev.junction.engine.provider.StreamCancelledException("the client went away");
                    }
                }));
        assertThat(thrown).isNotNull();
        assertThat(logs.getLast().status()).isEqualTo(LogStatus.CANCELLED);
        // no usage came back, yet the provider bills the prompt (12 tokens estimated) and what it streamed
        assertThat(keySpentToday()).isGreaterThanOrEqualTo(new BigDecimal("1.20"));
    }
}
