package dev.junction.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.engine.catalog.CatalogModel;
import dev.junction.engine.catalog.InMemoryModelCatalog;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.invoke.ScriptedProvider.Step;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.provider.StreamCancelledException;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.support.Ids;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

/**
 * Retry-After, backoff, circuit breaking, the context window, the deadline, and streams, through the real invoke loop,
 * on a {@link FakeTicker}: no test waits, and none depends on how fast the machine is.
 */
class InvokeResilienceTest {
    private final Clock clock = Clock.systemUTC();
    private final FakeTicker ticker = new FakeTicker();
    private final List<RequestLog> logs = new CopyOnWriteArrayList<>();
    private final ActiveDeployments active = new ActiveDeployments();
    private RetrySettings retrySettings = new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(2), 0.0);
    private DoubleSupplier random = () -> 0.5;
    private final InMemoryModelCatalog catalog = new InMemoryModelCatalog(List.of());
    private InvokeRuntime runtime;
    private InvokeService service;

    private InvokeLimits limits(Duration deadline, int breakerFailures) {
        return new InvokeLimits(Duration.ofSeconds(5), deadline, Duration.ofSeconds(5), Duration.ofSeconds(1), breakerFailures,
                Duration.ofSeconds(30));
    }

    private void deploy(InvokeLimits limits, ScriptedProvider primary, int retries, ScriptedProvider fallback, Integer maxTokens) {
        ModelConfig p = new ModelConfig(primary.name(), "gpt-4o-mini", null, retries, null);
        if (maxTokens != null) p = p.withParameters(new dev.junction.engine.deployment.ModelParameters(null, maxTokens, null, null, null, null, null, null, null, null));
        ModelConfig f = fallback == null ? null : ModelConfig.of(fallback.name(), "backup");
        Variant main = new Variant("main", List.of(PromptMessage.user("{{question}}")), null, p, f, null);
        DeploymentSpec spec = new DeploymentSpec("d", "", List.of(main), RoutingTable.defaultOnly("main"));
        DeploymentVersion version = new DeploymentVersion(UUID.randomUUID(), UUID.randomUUID(), 1, "h", spec, "t", "", Instant.now());
        List<dev.junction.engine.provider.ProviderAdapter> adapters = new ArrayList<>(List.of(primary));
        if (fallback != null) adapters.add(fallback);
        primary.ticker = ticker;
        if (fallback != null) fallback.ticker = ticker;
        runtime = InvokeRuntime.of(new Providers(adapters), retrySettings, limits, catalog, ticker, random);
        active.put(ActiveDeployment.build(version, InvokeServiceTest.FIRST_MATCH, runtime));
        service = new InvokeService(active, logs::add, clock, new Ids(clock), limits, RequestLog.DEFAULT_TEXT_MAX_BYTES, ticker);
    }

    private static InvokeRequest ask(String question) {
        return InvokeRequest.of("d", Map.of(), Map.of("question", question));
    }

    @Test
    void a_rate_limit_is_retried_after_its_retry_after_and_one_beyond_the_cap_goes_to_the_fallback_at_once() {
        ScriptedProvider primary = new ScriptedProvider("p", Step.fail(new ProviderFailure.RateLimited(Duration.ofMillis(300), "slow down")),
                Step.answer("ok"));
        deploy(limits(Duration.ofSeconds(10), 100), primary, 2, new ScriptedProvider("f", Step.answer("fallback")), null);

        InvokeResult result = service.invoke(ask("hi"));

        assertThat(result.response().content()).isEqualTo("ok");
        long gapMillis = (primary.calls.get(1).startNanos() - primary.calls.get(0).startNanos()) / 1_000_000;
        assertThat(gapMillis).as("the retry waited for Retry-After").isEqualTo(300);
        assertThat(ticker.sleeps).containsExactly(Duration.ofMillis(300));

        ScriptedProvider capped = new ScriptedProvider("p", Step.fail(new ProviderFailure.RateLimited(Duration.ofSeconds(60), "come back in a minute")));
        deploy(limits(Duration.ofSeconds(10), 100), capped, 3, new ScriptedProvider("f", Step.answer("fallback")), null);

        InvokeResult fallback = service.invoke(ask("hi"));

        assertThat(fallback.response().content()).isEqualTo("fallback");
        assertThat(capped.calls).as("a Retry-After above the cap is not waited for").hasSize(1);
        assertThat(ticker.sleeps).hasSize(1);
        assertThat(fallback.attempts()).extracting(Attempt::reason, Attempt::next)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("rate_limited", Attempt.Next.FALLBACK), org.assertj.core.groups.Tuple.tuple(null, null));
    }

    @Test
    void a_retry_that_could_only_start_after_the_deadline_is_not_waited_for_the_fallback_gets_the_time() {
        // Retry-After 800 ms is under the cap (1 s) but beyond the 500 ms deadline: waiting would only end in a 504
        ScriptedProvider primary = new ScriptedProvider("p", Step.fail(new ProviderFailure.RateLimited(Duration.ofMillis(800), "slow down")),
                Step.answer("too late"));
        deploy(limits(Duration.ofMillis(500), 100), primary, 2, new ScriptedProvider("f", Step.answer("fallback")), null);

        InvokeResult result = service.invoke(ask("hi"));

        assertThat(result.response().content()).isEqualTo("fallback");
        assertThat(primary.calls).hasSize(1);
        assertThat(ticker.sleeps).isEmpty();
        assertThat(result.attempts()).extracting(Attempt::reason, Attempt::next)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("rate_limited", Attempt.Next.FALLBACK), org.assertj.core.groups.Tuple.tuple(null, null));
    }

    @Test
    void a_retry_after_of_centuries_goes_to_the_fallback_instead_of_failing_the_request() {
        // Duration.toNanos overflows beyond 292 years: the cap is checked before the wait is computed
        ScriptedProvider primary = new ScriptedProvider("p", Step.fail(new ProviderFailure.RateLimited(Duration.ofDays(365L * 10_000), "never")));
        deploy(limits(Duration.ofSeconds(10), 100), primary, 2, new ScriptedProvider("f", Step.answer("fallback")), null);

        InvokeResult result = service.invoke(ask("hi"));

        assertThat(result.response().content()).isEqualTo("fallback");
        assertThat(primary.calls).hasSize(1);
        assertThat(ticker.sleeps).isEmpty();
    }

    @Test
    void rate_limits_that_opened_a_circuit_still_answer_429_not_502() {
        ScriptedProvider limited = new ScriptedProvider("p", Step.fail(new ProviderFailure.RateLimited(null, "slow down")));
        ScriptedProvider backup = new ScriptedProvider("f", Step.answer("one"), Step.answer("two"),
                Step.fail(new ProviderFailure.RateLimited(null, "you too")));
        deploy(limits(Duration.ofSeconds(10), 2), limited, 0, backup, null);

        service.invoke(ask("1")); // the primary's circuit opens on its second rate limit
        service.invoke(ask("2"));
        AllAttemptsFailedException e = catchThrowableOfType(AllAttemptsFailedException.class, () -> service.invoke(ask("hi")));

        assertThat(e.attempts()).extracting(Attempt::reason).containsExactly("circuit_open", "rate_limited");
        assertThat(e.httpStatus()).isEqualTo(429);
    }

    @Test
    void a_model_that_keeps_failing_opens_its_circuit_and_later_requests_skip_it_without_calling() {
        ScriptedProvider broken = new ScriptedProvider("p", Step.fail(new ProviderFailure.ServerError(500, "down")));
        ScriptedProvider backup = new ScriptedProvider("f", Step.answer("fallback"));
        deploy(limits(Duration.ofSeconds(10), 2), broken, 0, backup, null);

        service.invoke(ask("1"));
        service.invoke(ask("2"));
        InvokeResult third = service.invoke(ask("3"));

        assertThat(broken.calls).as("the third request did not call the open circuit").hasSize(2);
        assertThat(third.attempts().getFirst().reason()).isEqualTo("circuit_open");
        assertThat(third.attempts().getFirst().next()).isEqualTo(Attempt.Next.FALLBACK);
        assertThat(third.response().content()).isEqualTo("fallback");
    }

    @Test
    void a_prompt_too_large_for_the_primarys_window_goes_straight_to_the_fallback_and_says_why() {
        catalog.put(new CatalogModel("p", "gpt-4o-mini", 40, 16, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, true));
        ScriptedProvider primary = new ScriptedProvider("p", Step.answer("primary"));
        deploy(limits(Duration.ofSeconds(10), 100), primary, 2, new ScriptedProvider("f", Step.answer("fallback")), 16);

        InvokeResult small = service.invoke(ask("Where is my order?"));
        InvokeResult large = service.invoke(ask("Where is my order? ".repeat(10)));

        assertThat(small.response().content()).as("a short prompt fits: 3 + 3 + 5 tokens + 16 for the answer").isEqualTo("primary");
        assertThat(large.response().content()).isEqualTo("fallback");
        assertThat(primary.calls).as("the long prompt was never sent to the primary").hasSize(1);
        Attempt skipped = large.attempts().getFirst();
        assertThat(skipped.reason()).isEqualTo("context_window");
        assertThat(skipped.error()).contains("plus 16 for the answer", "40-token context window of p/gpt-4o-mini");
        assertThat(skipped.next()).isEqualTo(Attempt.Next.FALLBACK);
    }

    @Test
    void once_the_deadline_has_passed_no_new_attempt_starts_and_the_status_is_504() {
        ScriptedProvider hanging = new ScriptedProvider("p", Step.hang());
        ScriptedProvider backup = new ScriptedProvider("f", Step.answer("too late"));
        deploy(limits(Duration.ofMillis(300), 100), hanging, 3, backup, null);

        AllAttemptsFailedException e = catchThrowableOfType(AllAttemptsFailedException.class, () -> service.invoke(ask("hi")));

        assertThat(e.httpStatus()).isEqualTo(504);
        assertThat(hanging.calls.getFirst().request().timeout()).as("the attempt got what was left").isEqualTo(Duration.ofMillis(300));
        assertThat(hanging.calls).as("the deadline's timeout is not retried").hasSize(1);
        assertThat(backup.calls).isEmpty();
        assertThat(logs.getLast().outcome().httpStatus()).isEqualTo(504);
    }

    /** Records what a stream listener was told. */
    private static final class Recorder implements InvokeStreamListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void start(Start start) {
            events.add("start:" + start.model().provider());
        }

        @Override
        public void piece(dev.junction.engine.provider.StreamPiece piece) {
            String text = piece instanceof dev.junction.engine.provider.StreamPiece.Text t ? t.text() : String.valueOf(piece);
            events.add(text);
        }
    }

    @Test
    void a_stream_retries_and_falls_back_before_its_first_token_and_starts_once_with_the_model_that_answers() {
        ScriptedProvider primary = new ScriptedProvider("p", Step.fail(new ProviderFailure.ServerError(503, "busy")));
        deploy(limits(Duration.ofSeconds(10), 100), primary, 1, new ScriptedProvider("f", Step.answer("Hel", "lo")), null);
        Recorder recorder = new Recorder();

        InvokeResult result = service.stream(ask("hi"), recorder);

        assertThat(recorder.events).containsExactly("start:f", "Hel", "lo");
        assertThat(result.response().content()).isEqualTo("Hello");
        assertThat(primary.calls).hasSize(2);
        assertThat(logs.getLast().status()).isEqualTo(dev.junction.engine.log.LogStatus.SUCCESS);
    }

    @Test
    void a_failure_after_the_first_token_is_neither_retried_nor_sent_to_the_fallback_and_is_logged_truncated() {
        ScriptedProvider primary = new ScriptedProvider("p", Step.failAfter(new ProviderFailure.ServerError(500, "died"), "Hel"));
        ScriptedProvider backup = new ScriptedProvider("f", Step.answer("fallback"));
        deploy(limits(Duration.ofSeconds(10), 100), primary, 3, backup, null);
        Recorder recorder = new Recorder();

        StreamTruncatedException e = catchThrowableOfType(StreamTruncatedException.class, () -> service.stream(ask("hi"), recorder));

        assertThat(recorder.events).containsExactly("start:p", "Hel");
        assertThat(primary.calls).hasSize(1);
        assertThat(backup.calls).isEmpty();
        assertThat(e.failure().reason()).isEqualTo("server_error");
        assertThat(logs.getLast().status()).isEqualTo(dev.junction.engine.log.LogStatus.TRUNCATED);
    }

    @Test
    void a_client_that_goes_away_ends_the_call_and_the_log_says_cancelled() {
        ScriptedProvider primary = new ScriptedProvider("p", Step.answer("a", "b", "c"));
        deploy(limits(Duration.ofSeconds(10), 100), primary, 3, new ScriptedProvider("f", Step.answer("x")), null);

        catchThrowableOfType(StreamCancelledException.class, () -> service.stream(ask("hi"), new InvokeStreamListener() {
            @Override
            public void start(Start start) {}

            @Override
            public void piece(dev.junction.engine.provider.StreamPiece piece) {
            String text = piece instanceof dev.junction.engine.provider.StreamPiece.Text t ? t.text() : String.valueOf(piece);
                throw new StreamCancelledException("gone");
            }
        }));

        assertThat(primary.calls).hasSize(1);
        assertThat(logs.getLast().status()).isEqualTo(dev.junction.engine.log.LogStatus.CANCELLED);
        assertThat(logs.getLast().attempts().getFirst().reason()).isEqualTo("client_cancelled");
    }

    @Test
    void a_client_that_goes_away_from_a_mocked_stream_is_logged_as_cancelled_too() {
        ScriptedProvider primary = new ScriptedProvider("p", Step.answer("never called"));
        deploy(limits(Duration.ofSeconds(10), 100), primary, 0, null, null);
        InvokeRequest mocked = new InvokeRequest("d", Map.of(), Map.of("question", "hi"), null, null, null, null,
                new RequestOptions(null, null, null, null, null, "a mocked answer"));

        catchThrowableOfType(StreamCancelledException.class, () -> service.stream(mocked, new InvokeStreamListener() {
            @Override
            public void start(Start start) {}

            @Override
            public void piece(dev.junction.engine.provider.StreamPiece piece) {
            String text = piece instanceof dev.junction.engine.provider.StreamPiece.Text t ? t.text() : String.valueOf(piece);
                throw new StreamCancelledException("gone");
            }
        }));

        assertThat(primary.calls).isEmpty();
        assertThat(logs).singleElement().satisfies(log -> {
            assertThat(log.status()).isEqualTo(dev.junction.engine.log.LogStatus.CANCELLED);
            assertThat(log.outcome().httpStatus()).isEqualTo(499);
        });
    }

    @Test
    void retries_back_off_exponentially_up_to_the_max_delay_with_the_jitter_from_the_injected_random() {
        retrySettings = new RetrySettings(Duration.ofMillis(100), Duration.ofMillis(300), 0.25);
        random = () -> 0.0; // the top of the jitter: × 1.25
        ScriptedProvider primary = new ScriptedProvider("p", Step.fail(new ProviderFailure.ServerError(503, "busy")));
        deploy(limits(Duration.ofSeconds(10), 100), primary, 4, new ScriptedProvider("f", Step.answer("fallback")), null);

        InvokeResult result = service.invoke(ask("hi"));

        assertThat(result.response().content()).isEqualTo("fallback");
        assertThat(primary.calls).hasSize(5);
        assertThat(ticker.sleeps).containsExactly(Duration.ofMillis(125), Duration.ofMillis(250), Duration.ofMillis(375),
                Duration.ofMillis(375));
        assertThat(result.attempts()).extracting(Attempt::next)
                .containsExactly(Attempt.Next.RETRY, Attempt.Next.RETRY, Attempt.Next.RETRY, Attempt.Next.RETRY, Attempt.Next.FALLBACK, null);
    }

    @Test
    void a_backoff_that_would_end_after_the_deadline_is_not_waited_for_the_fallback_gets_the_time() {
        retrySettings = new RetrySettings(Duration.ofMillis(400), Duration.ofSeconds(5), 0.0);
        ScriptedProvider primary = new ScriptedProvider("p", Step.fail(new ProviderFailure.ServerError(500, "down")));
        deploy(limits(Duration.ofSeconds(1), 100), primary, 3, new ScriptedProvider("f", Step.answer("fallback")), null);

        InvokeResult result = service.invoke(ask("hi"));

        assertThat(result.response().content()).isEqualTo("fallback");
        assertThat(ticker.sleeps).as("400 ms fit in the second left; 800 ms more did not fit in the 600 ms then left")
                .containsExactly(Duration.ofMillis(400));
        assertThat(primary.calls).hasSize(2);
    }

    @Test
    void a_timeout_on_the_attempts_own_limit_is_retried_one_on_the_deadline_is_not() {
        ScriptedProvider slow = new ScriptedProvider("p", Step.hang(), Step.answer("second try"));
        deploy(limits(Duration.ofSeconds(60), 100), slow, 1, new ScriptedProvider("f", Step.answer("fallback")), null);

        InvokeResult result = service.invoke(ask("hi"));

        assertThat(result.response().content()).isEqualTo("second try");
        assertThat(slow.calls.getFirst().request().timeout()).as("the attempt's own limit").isEqualTo(Duration.ofSeconds(5));
        assertThat(ticker.sleeps).containsExactly(Duration.ofSeconds(5), Duration.ofMillis(1));
        assertThat(result.attempts()).extracting(Attempt::reason, Attempt::next)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("timeout", Attempt.Next.RETRY), org.assertj.core.groups.Tuple.tuple(null, null));
    }

    @Test
    void an_open_circuit_lets_one_probe_through_after_its_time_and_the_probes_answer_closes_it() {
        ScriptedProvider flaky = new ScriptedProvider("p", Step.fail(new ProviderFailure.ServerError(500, "down")),
                Step.fail(new ProviderFailure.ServerError(500, "down")), Step.fail(new ProviderFailure.ServerError(500, "still down")),
                Step.answer("back"));
        deploy(limits(Duration.ofSeconds(10), 2), flaky, 0, new ScriptedProvider("f", Step.answer("fallback")), null);
        CircuitBreakers breakers = runtime.breakers();

        service.invoke(ask("1"));
        service.invoke(ask("2"));
        assertThat(breakers.state("p", "gpt-4o-mini")).isEqualTo("open");
        ticker.advance(Duration.ofSeconds(30).minusNanos(1));
        assertThat(service.invoke(ask("3")).attempts().getFirst().reason()).as("open one nanosecond short of 30 s").isEqualTo("circuit_open");

        ticker.advance(Duration.ofNanos(1));
        InvokeResult probe = service.invoke(ask("4"));
        assertThat(probe.attempts().getFirst().error()).as("the probe failed: open again for 30 s").isEqualTo("still down");
        assertThat(breakers.state("p", "gpt-4o-mini")).isEqualTo("open");
        assertThat(service.invoke(ask("5")).attempts().getFirst().reason()).isEqualTo("circuit_open");

        ticker.advance(Duration.ofSeconds(30));
        InvokeResult closing = service.invoke(ask("6"));
        InvokeResult after = service.invoke(ask("7"));

        assertThat(closing.response().content()).isEqualTo("back");
        assertThat(after.response().content()).isEqualTo("back");
        assertThat(breakers.state("p", "gpt-4o-mini")).isEqualTo("closed");
        assertThat(flaky.calls).hasSize(5);
    }
}
