package dev.junction.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.provider.simulator.SimulatorProvider;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.RouterCompiler;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class InvokeServiceTest {
    /** A plain-Java first-match router: the engine's tests do not need Drools. */
    static final RouterCompiler FIRST_MATCH = (name, table, schema) ->
            context -> dev.junction.engine.routing.RoutingExplainer.decide(table, schema, context);

    private final Clock clock = Clock.systemUTC();
    private final List<RequestLog> logs = new CopyOnWriteArrayList<>();
    private final ActiveDeployments active = new ActiveDeployments();
    private final InvokeService service = new InvokeService(active, logs::add, clock, new Ids(clock));
    private final RetrySettings fastRetries = new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(2), 0.0);

    private void deploy(ModelConfig primary, ModelConfig fallback) {
        deploy(primary, fallback, null);
    }

    private void deploy(ModelConfig primary, ModelConfig fallback, Map<String, String> defaults) {
        Variant main = new Variant("main", List.of(PromptMessage.system("Be brief."), PromptMessage.user("{{question}}")),
                defaults, primary, fallback, "never sent");
        Variant other = new Variant("other", List.of(PromptMessage.user("other: {{question}}")),
                ModelConfig.of("simulator", "echo"), null, null);
        DeploymentSpec spec = new DeploymentSpec("d", "", List.of(main, other),
                new RoutingTable(List.of(RoutingRule.of("to-other", "other", Condition.equalsTo("tier", "gold"))), "main"));
        DeploymentVersion version = new DeploymentVersion(UUID.randomUUID(), UUID.randomUUID(), 3, "h", spec, "t", "", Instant.now());
        active.put(ActiveDeployment.build(version, FIRST_MATCH,
                new Providers(List.of(new SimulatorProvider())), fastRetries));
    }

    private static InvokeRequest ask(Map<String, Object> context) {
        return InvokeRequest.of("d", context, Map.of("question", "Where is my order?"));
    }

    @Test
    void routes_renders_the_prompt_calls_the_model_and_logs_the_request() {
        deploy(ModelConfig.of("simulator", "echo"), null);

        InvokeResult result = service.invoke(ask(Map.of()));

        assertThat(result.decision()).isEqualTo(new RoutingDecision.DefaultMatched("main"));
        assertThat(result.response().content()).isEqualTo("system: Be brief.\nuser: Where is my order?");
        assertThat(result.version().number()).isEqualTo(3);
        assertThat(result.attempts()).hasSize(1).first().satisfies(a -> assertThat(a.success()).isTrue());
        assertThat(logs).singleElement().satisfies(log -> {
            assertThat(log.id()).isEqualTo(result.id());
            assertThat(log.status()).isEqualTo(dev.junction.engine.log.LogStatus.SUCCESS);
            assertThat(log.route().variantKey()).isEqualTo("main");
            assertThat(log.route().evaluation()).isEqualTo("Default Matched");
            assertThat(log.route().versionNumber()).isEqualTo(3);
            assertThat(log.usage().totalTokens()).isEqualTo(result.response().usage().totalTokens());
        });
    }

    @Test
    void a_matching_rule_picks_its_variant_and_the_log_names_the_rule() {
        deploy(ModelConfig.of("simulator", "echo"), null);

        InvokeResult result = service.invoke(ask(Map.of("tier", "gold")));

        assertThat(result.decision()).isEqualTo(new RoutingDecision.Matched("other", "to-other"));
        assertThat(result.response().content()).isEqualTo("user: other: Where is my order?");
        assertThat(logs.getFirst().route().evaluation()).isEqualTo("Matched");
        assertThat(logs.getFirst().route().ruleId()).isEqualTo("to-other");
    }

    @Test
    void prefix_messages_go_after_the_system_prompt_and_request_messages_go_last() {
        deploy(ModelConfig.of("simulator", "echo"), null);
        InvokeRequest request = new InvokeRequest("d", Map.of(), Map.of("question", "Q"),
                List.of(PromptMessage.system("prefix")), List.of(PromptMessage.user("follow-up")), Map.of(), Source.SDK);

        assertThat(service.invoke(request).response().content())
                .isEqualTo("system: Be brief.\nsystem: prefix\nuser: Q\nuser: follow-up");
    }

    @Test
    void a_retryable_failure_is_retried_on_the_primary_model_through_the_retry_policy() {
        deploy(ModelConfig.of("simulator", "flaky").withRetries(1), null);

        InvokeResult result = service.invoke(ask(Map.of()));

        assertThat(result.model().model()).isEqualTo("flaky");
        assertThat(result.attempts()).extracting(Attempt::number, Attempt::success, Attempt::next)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, false, Attempt.Next.RETRY),
                        org.assertj.core.groups.Tuple.tuple(2, true, null));
        assertThat(result.attempts().getFirst().upstreamStatus()).isEqualTo(503);
    }

    @Test
    void without_retries_a_failure_goes_to_the_fallback_model() {
        deploy(ModelConfig.of("simulator", "flaky"), ModelConfig.of("simulator", "echo"));

        InvokeResult result = service.invoke(ask(Map.of()));

        assertThat(result.model().model()).isEqualTo("echo");
        assertThat(result.attempts()).extracting(Attempt::option, Attempt::success, Attempt::next)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Attempt.Option.PRIMARY, false, Attempt.Next.FALLBACK),
                        org.assertj.core.groups.Tuple.tuple(Attempt.Option.FALLBACK, true, null));
    }

    @Test
    void a_failure_that_is_not_retryable_skips_the_retries_and_goes_to_the_fallback() {
        deploy(ModelConfig.of("simulator", "tiny-context").withRetries(3), ModelConfig.of("simulator", "echo"));
        InvokeRequest big = InvokeRequest.of("d", Map.of(), Map.of("question", "x".repeat(500)));

        InvokeResult result = service.invoke(big);

        assertThat(result.attempts()).hasSize(2);
        assertThat(result.attempts().getFirst().reason()).isEqualTo("context_window");
        assertThat(result.attempts().getFirst().next()).isEqualTo(Attempt.Next.FALLBACK);
    }

    @Test
    void when_every_option_fails_the_error_lists_every_attempt_and_the_request_is_logged_as_an_error() {
        deploy(ModelConfig.of("simulator", "broken").withRetries(2), ModelConfig.of("simulator", "rate-limited"));

        assertThatThrownBy(() -> service.invoke(ask(Map.of())))
                .isInstanceOfSatisfying(AllAttemptsFailedException.class, e -> {
                    assertThat(e.attempts()).extracting(Attempt::option, Attempt::reason, Attempt::next).containsExactly(
                            org.assertj.core.groups.Tuple.tuple(Attempt.Option.PRIMARY, "server_error", Attempt.Next.RETRY),
                            org.assertj.core.groups.Tuple.tuple(Attempt.Option.PRIMARY, "server_error", Attempt.Next.RETRY),
                            org.assertj.core.groups.Tuple.tuple(Attempt.Option.PRIMARY, "server_error", Attempt.Next.FALLBACK),
                            org.assertj.core.groups.Tuple.tuple(Attempt.Option.FALLBACK, "rate_limited", Attempt.Next.NONE));
                    assertThat(e.httpStatus()).isEqualTo(502);
                });
        assertThat(logs).singleElement().satisfies(log -> {
            assertThat(log.status()).isEqualTo(dev.junction.engine.log.LogStatus.ERROR);
            assertThat(log.outcome().httpStatus()).isEqualTo(502);
            assertThat(log.attempts()).hasSize(4);
        });
    }

    @Test
    void when_every_attempt_was_rate_limited_the_status_is_429() {
        deploy(ModelConfig.of("simulator", "rate-limited"), null);
        assertThatThrownBy(() -> service.invoke(ask(Map.of())))
                .isInstanceOfSatisfying(AllAttemptsFailedException.class, e -> assertThat(e.httpStatus()).isEqualTo(429));
    }

    @Test
    void a_prompt_variable_without_input_is_a_clear_error_naming_the_input() {
        deploy(ModelConfig.of("simulator", "echo"), null);

        assertThatThrownBy(() -> service.invoke(InvokeRequest.of("d", Map.of(), Map.of())))
                .isInstanceOfSatisfying(InvalidInputException.class, e ->
                        assertThat(e.errors()).singleElement().satisfies(err -> assertThat(err.path()).isEqualTo("inputs.question")));
        assertThat(logs).singleElement().satisfies(log -> assertThat(log.outcome().httpStatus()).isEqualTo(422));
    }

    @Test
    void an_unknown_deployment_key_is_not_found() {
        deploy(ModelConfig.of("simulator", "echo"), null);
        assertThatThrownBy(() -> service.invoke(InvokeRequest.of("nope", Map.of(), Map.of())))
                .isInstanceOfSatisfying(DeploymentNotFoundException.class, e -> assertThat(e.key()).isEqualTo("nope"));
        assertThat(logs).isEmpty();
    }

    @Test
    void a_variable_default_fills_in_when_the_request_has_no_input_and_an_input_wins_over_it() {
        deploy(ModelConfig.of("simulator", "echo"), null, Map.of("question", "What can you do?"));

        assertThat(service.invoke(InvokeRequest.of("d", Map.of(), Map.of())).response().content())
                .isEqualTo("system: Be brief.\nuser: What can you do?");
        assertThat(service.invoke(InvokeRequest.of("d", Map.of(), Map.of("question", "Q"))).response().content())
                .isEqualTo("system: Be brief.\nuser: Q");
    }

    @Test
    void retry_on_limits_which_failures_are_retried() {
        ModelConfig onlyRateLimits = new ModelConfig("simulator", "flaky", null, 3, List.of("rate_limited"));
        deploy(onlyRateLimits, ModelConfig.of("simulator", "echo"));

        InvokeResult result = service.invoke(ask(Map.of()));

        assertThat(result.attempts()).extracting(Attempt::option, Attempt::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Attempt.Option.PRIMARY, "server_error"),
                org.assertj.core.groups.Tuple.tuple(Attempt.Option.FALLBACK, null));
    }
}
