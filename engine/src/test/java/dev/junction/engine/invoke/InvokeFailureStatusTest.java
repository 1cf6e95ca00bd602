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
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.Providers;
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
import org.junit.jupiter.api.Test;

/**
 * The status a client gets when every option failed: a request the providers refused as invalid is the client's
 * (400, 404, 413, 422: retrying it cannot help), a local context-window refusal is a 400
 * {@code context_length_exceeded} whose attempt says nothing was sent, refused gateway credentials stay a 502.
 */
class InvokeFailureStatusTest {
    private final Clock clock = Clock.systemUTC();
    private final List<RequestLog> logs = new CopyOnWriteArrayList<>();
    private final ActiveDeployments active = new ActiveDeployments();
    private final InMemoryModelCatalog catalog = new InMemoryModelCatalog(List.of());
    private InvokeService service;

    private void deploy(ScriptedProvider primary, ScriptedProvider fallback) {
        ModelConfig p = new ModelConfig(primary.name(), "gpt-4o-mini", null, 2, null);
        ModelConfig f = fallback == null ? null : ModelConfig.of(fallback.name(), "backup");
        Variant main = new Variant("main", List.of(PromptMessage.user("{{question}}")), null, p, f, null);
        DeploymentSpec spec = new DeploymentSpec("d", "", List.of(main), RoutingTable.defaultOnly("main"));
        DeploymentVersion version = new DeploymentVersion(UUID.randomUUID(), UUID.randomUUID(), 3, "h", spec, "t", "", Instant.now());
        List<ProviderAdapter> adapters = new ArrayList<>(List.of(primary));
        if (fallback != null) adapters.add(fallback);
        InvokeLimits limits = new InvokeLimits(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofSeconds(1), 100, Duration.ofSeconds(30));
        InvokeRuntime runtime = InvokeRuntime.of(new Providers(adapters),
                new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(2), 0.0), limits, catalog);
        active.put(ActiveDeployment.build(version, InvokeServiceTest.FIRST_MATCH, runtime));
        service = new InvokeService(active, logs::add, clock, new Ids(clock), limits);
    }

    private AllAttemptsFailedException failure(String question) {
        return catchThrowableOfType(AllAttemptsFailedException.class,
                () -> service.invoke(InvokeRequest.of("d", Map.of(), Map.of("question", question))));
    }

    @Test
    void a_request_every_provider_refused_as_invalid_is_a_400_with_the_providers_message() {
        ScriptedProvider primary = new ScriptedProvider("p",
                Step.fail(new ProviderFailure.BadRequest(400, "Invalid value for 'temperature': must be at most 2")));
        ScriptedProvider fallback = new ScriptedProvider("f",
                Step.fail(new ProviderFailure.BadRequest(400, "temperature: must be at most 2")));
        deploy(primary, fallback);

        AllAttemptsFailedException e = failure("hi");

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.code()).isEqualTo(InvokeErrorCode.PROVIDER_INVALID_REQUEST);
        assertThat(e.getMessage()).contains("refused the request as invalid", "Invalid value for 'temperature'");
        assertThat(primary.calls).as("a 400 is not retried").hasSize(1);
        assertThat(logs).singleElement().satisfies(log -> assertThat(log.outcome().httpStatus()).isEqualTo(400));
    }

    @Test
    void a_model_the_provider_does_not_know_or_a_body_too_large_keeps_its_client_status() {
        deploy(new ScriptedProvider("p", Step.fail(new ProviderFailure.ModelNotFound("The model `gpt-9` does not exist"))), null);
        AllAttemptsFailedException notFound = failure("hi");
        assertThat(notFound.httpStatus()).isEqualTo(404);
        assertThat(notFound.code()).isEqualTo(InvokeErrorCode.PROVIDER_MODEL_NOT_FOUND);

        deploy(new ScriptedProvider("p", Step.fail(new ProviderFailure.BadRequest(413, "request too large"))), null);
        assertThat(failure("hi").httpStatus()).isEqualTo(413);

        deploy(new ScriptedProvider("p", Step.fail(new ProviderFailure.BadRequest(422, "unprocessable"))),
                new ScriptedProvider("f", Step.fail(new ProviderFailure.BadRequest(400, "bad"))));
        assertThat(failure("hi").httpStatus()).as("different client statuses: 400").isEqualTo(400);
    }

    @Test
    void an_invalid_request_on_one_option_and_a_server_error_on_the_other_is_still_a_502() {
        deploy(new ScriptedProvider("p", Step.fail(new ProviderFailure.BadRequest(400, "bad"))),
                new ScriptedProvider("f", Step.fail(new ProviderFailure.ServerError(503, "overloaded"))));

        AllAttemptsFailedException e = failure("hi");

        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(e.code()).isEqualTo(InvokeErrorCode.ALL_ATTEMPTS_FAILED);
    }

    @Test
    void a_redirect_or_a_payment_demand_is_the_gateways_problem_not_the_clients() {
        deploy(new ScriptedProvider("p", Step.fail(new ProviderFailure.BadRequest(302, "HTTP 302 (a redirect)"))), null);
        assertThat(failure("hi").httpStatus()).isEqualTo(502);
        deploy(new ScriptedProvider("p", Step.fail(new ProviderFailure.BadRequest(402, "billing"))), null);
        assertThat(failure("hi").httpStatus()).isEqualTo(502);
    }

    @Test
    void a_prompt_too_large_for_the_window_with_no_fallback_is_a_400_and_its_attempt_says_nothing_was_sent() {
        catalog.put(new CatalogModel("p", "gpt-4o-mini", 40, 16, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, true));
        ScriptedProvider primary = new ScriptedProvider("p", Step.answer("never"));
        deploy(primary, null);

        AllAttemptsFailedException e = failure("Where is my order? ".repeat(20));

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.code()).isEqualTo(InvokeErrorCode.CONTEXT_LENGTH_EXCEEDED);
        assertThat(e.code().wire()).isEqualTo("context_length_exceeded");
        assertThat(e.getMessage()).contains("40-token context window", "not sent");
        assertThat(primary.calls).isEmpty();
        Attempt attempt = e.attempts().getFirst();
        assertThat(attempt.reason()).isEqualTo("context_window");
        assertThat(attempt.upstreamStatus()).as("nothing was sent, so no provider answered").isNull();
        assertThat(attempt.sent()).isFalse();
    }

    @Test
    void the_providers_own_context_length_error_is_a_400_too_and_keeps_its_upstream_status() {
        deploy(new ScriptedProvider("p", Step.fail(new ProviderFailure.ContextLengthExceeded(400,
                "This model's maximum context length is 128000 tokens"))), null);

        AllAttemptsFailedException e = failure("hi");

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.code()).isEqualTo(InvokeErrorCode.CONTEXT_LENGTH_EXCEEDED);
        assertThat(e.attempts().getFirst().upstreamStatus()).isEqualTo(400);
        assertThat(e.attempts().getFirst().sent()).isNull();
    }

    @Test
    void a_provider_refusing_the_gateways_credentials_stays_a_502_that_says_so() {
        deploy(new ScriptedProvider("p", Step.fail(new ProviderFailure.Unauthorized(401, "Incorrect API key provided"))), null);

        AllAttemptsFailedException e = failure("hi");

        assertThat(e.httpStatus()).isEqualTo(502);
        assertThat(e.code()).isEqualTo(InvokeErrorCode.PROVIDER_CREDENTIALS_REFUSED);
        assertThat(e.getMessage()).contains("refused the gateway's credentials", "connection 'p'");
    }

    @Test
    void the_failure_names_the_variant_and_version_it_was_routed_to() {
        deploy(new ScriptedProvider("p", Step.fail(new ProviderFailure.ServerError(500, "down"))), null);

        AllAttemptsFailedException e = failure("hi");

        assertThat(e.routed().requestId()).isEqualTo(e.requestId());
        assertThat(e.routed().variant()).isEqualTo("main");
        assertThat(e.routed().version()).isEqualTo("v3");
    }

    @Test
    void a_missing_input_names_the_variant_and_version_it_was_routed_to() {
        deploy(new ScriptedProvider("p", Step.answer("ok")), null);

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
                () -> service.invoke(InvokeRequest.of("d", Map.of(), Map.of())));

        assertThat(e.routed()).isNotNull();
        assertThat(e.routed().variant()).isEqualTo("main");
        assertThat(e.routed().requestId()).isEqualTo(logs.getFirst().id());
    }
}
