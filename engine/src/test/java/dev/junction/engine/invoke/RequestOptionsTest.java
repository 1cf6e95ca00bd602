package dev.junction.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.engine.catalog.CatalogModel;
import dev.junction.engine.catalog.Cost;
import dev.junction.engine.catalog.InMemoryModelCatalog;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.invoke.ScriptedProvider.Step;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.support.Ids;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** extra_params, invoke_options.mock_response, identity/thread/metadata recording, and cost per attempt. */
class RequestOptionsTest {
    private final Clock clock = Clock.systemUTC();
    private final List<RequestLog> logs = new CopyOnWriteArrayList<>();
    private final ActiveDeployments active = new ActiveDeployments();
    private final InMemoryModelCatalog catalog = new InMemoryModelCatalog(List.of());
    private InvokeService service;

    private void deploy(ScriptedProvider primary, int retries, ScriptedProvider fallback) {
        deploy(primary, retries, fallback, null);
    }

    private void deploy(ScriptedProvider primary, int retries, ScriptedProvider fallback, Boolean logBodies) {
        ModelConfig p = new ModelConfig(primary.name(), "gpt-4o-mini", null, retries, null)
                .withParameters(new ModelParameters(0.7, 100, null, null, null, null, null, null, null, null));
        ModelConfig f = fallback == null ? null : ModelConfig.of(fallback.name(), "backup");
        Variant main = new Variant("main", List.of(PromptMessage.user("{{question}}")), null, p, f, null);
        DeploymentSpec spec = new DeploymentSpec("d", "", null, null, null, List.of(main), RoutingTable.defaultOnly("main"),
                null, logBodies);
        DeploymentVersion version = new DeploymentVersion(UUID.randomUUID(), UUID.randomUUID(), 1, "h", spec, "t", "", Instant.now());
        List<dev.junction.engine.provider.ProviderAdapter> adapters = new ArrayList<>(List.of(primary));
        if (fallback != null) adapters.add(fallback);
        InvokeRuntime runtime = InvokeRuntime.of(new Providers(adapters),
                new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(2), 0.0), InvokeLimits.DEFAULTS, catalog);
        active.put(ActiveDeployment.build(version, InvokeServiceTest.FIRST_MATCH, runtime));
        service = new InvokeService(active, logs::add, clock, new Ids(clock));
    }

    private static InvokeRequest ask(RequestOptions options) {
        return new InvokeRequest("d", Map.of(), Map.of("question", "hi"), null, null, Map.of("customer", "c-42"),
                Source.SDK, options);
    }

    @Test
    void extra_params_override_the_variants_parameters_for_every_option_and_keep_the_rest() {
        ScriptedProvider primary = new ScriptedProvider("p", Step.fail(new ProviderFailure.ServerError(500, "down")));
        ScriptedProvider fallback = new ScriptedProvider("f", Step.answer("ok"));
        deploy(primary, 0, fallback);
        Map<String, Object> extra = Map.of("temperature", 0.1, "stop", "END");
        service.invoke(ask(new RequestOptions(ExtraParams.parse("extra_params", extra), extra, null, null, null, null)));

        ModelParameters sentToPrimary = primary.calls.getFirst().request().parameters();
        assertThat(sentToPrimary.temperature()).isEqualTo(0.1);
        assertThat(sentToPrimary.maxTokens()).as("kept from the variant").isEqualTo(100);
        assertThat(sentToPrimary.stop()).containsExactly("END");
        assertThat(fallback.calls.getFirst().request().parameters().temperature()).isEqualTo(0.1);
        assertThat(logs.getFirst().caller().request()).containsEntry("extra_params", extra);
    }

    @Test
    void extra_params_name_every_key_that_is_unknown_mistyped_or_out_of_range() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("temperature", "hot");
        extra.put("max_tokens", 1.5);
        extra.put("logit_bias", Map.of());
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> ExtraParams.parse("extra_params", extra));
        assertThat(e.errors()).extracting(FieldError::path)
                .containsExactly("extra_params.temperature", "extra_params.max_tokens", "extra_params.logit_bias");
        assertThat(e.errors().get(2).message()).contains("supported: temperature, max_tokens");

        InvalidInputException range = catchThrowableOfType(InvalidInputException.class,
                () -> ExtraParams.parse("extra_params", Map.of("top_p", 3, "max_tokens", 0)));
        assertThat(range.errors()).extracting(FieldError::path)
                .containsExactlyInAnyOrder("extra_params.top_p", "extra_params.max_tokens");
        assertThat(ExtraParams.parse("extra_params", Map.of())).isEqualTo(ModelParameters.DEFAULTS);
    }

    @Test
    void a_mock_response_is_routed_and_rendered_but_calls_no_model_and_is_logged_as_mocked() {
        ScriptedProvider primary = new ScriptedProvider("p", Step.answer("real"));
        deploy(primary, 0, null);
        InvokeResult result = service.invoke(ask(new RequestOptions(null, null, null, null, false, "canned answer")));
        assertThat(result.response().content()).isEqualTo("canned answer");
        assertThat(primary.calls).isEmpty();
        RequestLog log = logs.getFirst();
        assertThat(log.status()).isEqualTo(dev.junction.engine.log.LogStatus.MOCKED);
        assertThat(log.attempts()).isEmpty();
        assertThat(log.usage().costUsd()).isEqualByComparingTo("0");
        assertThat(log.caller().request()).containsEntry("invoke_options", Map.of("include_usage", false, "mock_response", "canned answer"));

        List<String> pieces = new ArrayList<>();
        service.stream(ask(new RequestOptions(null, null, null, null, null, "one two  three")), new InvokeStreamListener() {
            @Override public void start(Start start) {}
            @Override public void piece(dev.junction.engine.provider.StreamPiece piece) {
            String text = piece instanceof dev.junction.engine.provider.StreamPiece.Text t ? t.text() : String.valueOf(piece); pieces.add(text); }
        });
        assertThat(pieces).containsExactly("one", " two", "  three");
        assertThat(primary.calls).isEmpty();
    }

    @Test
    void identity_thread_and_metadata_are_recorded_with_the_log() {
        deploy(new ScriptedProvider("p", Step.answer("ok")), 0, null);
        service.invoke(ask(new RequestOptions(null, null, Map.of("id", "contact_1", "display_name", "Jane"),
                Map.of("id", "thread_1", "tags", List.of("t")), true, null)));
        RequestLog log = logs.getFirst();
        assertThat(log.caller().metadata()).containsEntry("customer", "c-42");
        assertThat(log.caller().identityId()).isEqualTo("contact_1");
        assertThat(log.caller().threadId()).isEqualTo("thread_1");
        assertThat(log.caller().request()).containsKeys("identity", "thread", "invoke_options");
    }

    @Test
    void each_successful_attempt_is_priced_from_the_garden_with_its_price_source_and_failures_cost_nothing() {
        catalog.put(new CatalogModel("p", "gpt-4o-mini", 128_000, 16_000, new BigDecimal("0.15"), new BigDecimal("0.60"),
                new BigDecimal("0.075"), true), "2026-11-01");
        ScriptedProvider primary = new ScriptedProvider("p", Step.fail(new ProviderFailure.ServerError(503, "busy")),
                Step.answer("a", "b", "c"));
        deploy(primary, 1, null);
        service.invoke(ask(RequestOptions.NONE));
        RequestLog log = logs.getFirst();
        assertThat(log.attempts().get(0).costUsd()).isNull();
        Attempt ok = log.attempts().get(1);
        // ScriptedProvider reports 10 prompt tokens and one completion token per piece: 10 * 0.15 + 3 * 0.60 per million
        assertThat(ok.costUsd()).isEqualByComparingTo("0.0000033");
        assertThat(ok.priceSource()).isEqualTo("2026-11-01");
        assertThat(log.usage().costUsd()).isEqualByComparingTo("0.0000033");
        assertThat(log.usage().priceSource()).isEqualTo("2026-11-01");
    }

    @Test
    void cached_input_is_billed_at_its_own_price_or_the_input_price_when_the_model_has_none() {
        CatalogModel m = new CatalogModel("p", "m", 1000, 100, new BigDecimal("2.00"), new BigDecimal("8.00"),
                new BigDecimal("0.50"), true);
        Cost cost = Cost.of(m, "v1", new Usage(1_000_000, 500_000, 400_000));
        assertThat(cost.inputUsd()).isEqualByComparingTo("1.20");      // 600k uncached at 2.00
        assertThat(cost.cachedInputUsd()).isEqualByComparingTo("0.20"); // 400k cached at 0.50
        assertThat(cost.outputUsd()).isEqualByComparingTo("4.00");
        assertThat(cost.totalUsd()).isEqualByComparingTo("5.40");
        CatalogModel noCachedPrice = new CatalogModel("p", "m", 1000, 100, new BigDecimal("2.00"), new BigDecimal("8.00"), null, true);
        assertThat(Cost.of(noCachedPrice, "v1", new Usage(1_000_000, 0, 400_000)).totalUsd()).isEqualByComparingTo("2.00");
    }

    @Test
    void the_log_keeps_the_inputs_the_messages_sent_and_the_answer_unless_the_deployment_says_not_to() {
        deploy(new ScriptedProvider("p", Step.answer("an ", "answer")), 0, null);
        service.invoke(ask(RequestOptions.NONE));
        RequestLog.Bodies bodies = logs.getFirst().bodies();
        assertThat(bodies.inputs()).containsEntry("question", "hi");
        assertThat(bodies.messages()).containsExactly(PromptMessage.user("hi"));
        assertThat(bodies.answer()).isEqualTo("an answer");
        assertThat(bodies.finishReason()).isEqualTo("stop");
        assertThat(logs.getFirst().outcome().ttftMicros()).as("not a stream").isNull();

        logs.clear();
        deploy(new ScriptedProvider("p", Step.answer("secret")), 0, null, false);
        service.invoke(ask(RequestOptions.NONE));
        assertThat(logs.getFirst().bodies()).isNull();
        assertThat(logs.getFirst().status()).isEqualTo(dev.junction.engine.log.LogStatus.SUCCESS);
    }

    @Test
    void a_stream_records_its_time_to_first_token_and_a_stream_cut_short_the_text_the_client_got() {
        deploy(new ScriptedProvider("p", Step.failAfter(new ProviderFailure.ConnectionFailed("reset"), "half ", "an")), 0, null);
        InvokeStreamListener ignore = new InvokeStreamListener() {
            @Override public void start(Start start) {}
            @Override public void piece(dev.junction.engine.provider.StreamPiece piece) {
            String text = piece instanceof dev.junction.engine.provider.StreamPiece.Text t ? t.text() : String.valueOf(piece);}
        };
        catchThrowableOfType(StreamTruncatedException.class, () -> service.stream(ask(RequestOptions.NONE), ignore));
        RequestLog log = logs.getFirst();
        assertThat(log.status()).isEqualTo(dev.junction.engine.log.LogStatus.TRUNCATED);
        assertThat(log.bodies().answer()).isEqualTo("half an");
        assertThat(log.outcome().ttftMicros()).isNotNull().isPositive().isLessThanOrEqualTo(log.outcome().latencyMicros());
    }
}
