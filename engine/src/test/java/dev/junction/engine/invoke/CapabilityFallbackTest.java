package dev.junction.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.engine.catalog.Capabilities;
import dev.junction.engine.catalog.CatalogModel;
import dev.junction.engine.catalog.InMemoryModelCatalog;
import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.invoke.ScriptedProvider.Step;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.support.Ids;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A request that needs what the primary lacks (by the model garden's capabilities) is not sent to it: a failed
 * attempt with reason {@code capability} naming what and where, and the fallback answers; when no model can take
 * it, a 400 {@code unsupported_content}.
 */
class CapabilityFallbackTest {
    private static final String IMAGE = "data:image/png;base64,iVBORw0KGgo=";
    private final Clock clock = Clock.systemUTC();
    private final FakeTicker ticker = new FakeTicker();
    private final List<RequestLog> logs = new CopyOnWriteArrayList<>();
    private final InMemoryModelCatalog catalog = new InMemoryModelCatalog(List.of());
    private final ScriptedProvider primary = new ScriptedProvider("p", Step.answer("primary"));
    private final ScriptedProvider fallback = new ScriptedProvider("f", Step.answer("fallback"));
    private InvokeService service;

    private static CatalogModel model(String provider, String name, Capabilities capabilities) {
        return new CatalogModel(provider, name, 128_000, 4096, BigDecimal.ONE, BigDecimal.ONE, null, true, capabilities);
    }

    private void deploy(Capabilities primaryCaps, ModelParameters primaryParameters, Capabilities fallbackCaps) {
        catalog.put(model("p", "gpt-3.5-turbo", primaryCaps));
        catalog.put(model("f", "backup", fallbackCaps));
        ModelConfig p = ModelConfig.of("p", "gpt-3.5-turbo").withRetries(2).withParameters(primaryParameters);
        Variant main = new Variant("main", List.of(PromptMessage.system("Be brief.")), null, p, ModelConfig.of("f", "backup"), null);
        DeploymentSpec spec = new DeploymentSpec("d", "", List.of(main), RoutingTable.defaultOnly("main"));
        DeploymentVersion version = new DeploymentVersion(UUID.randomUUID(), UUID.randomUUID(), 1, "h", spec, "t", "", Instant.now());
        primary.ticker = ticker;
        fallback.ticker = ticker;
        InvokeLimits limits = new InvokeLimits(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5),
                Duration.ofSeconds(1), 100, Duration.ofSeconds(30));
        InvokeRuntime runtime = InvokeRuntime.of(new Providers(List.of(primary, fallback)),
                new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(2), 0.0), limits, catalog, ticker, () -> 0.5);
        ActiveDeployments active = new ActiveDeployments();
        active.put(ActiveDeployment.build(version, InvokeServiceTest.FIRST_MATCH, runtime));
        service = new InvokeService(active, logs::add, clock, new Ids(clock), limits, RequestLog.DEFAULT_TEXT_MAX_BYTES, ticker);
    }

    private static InvokeRequest with(PromptMessage... messages) {
        return new InvokeRequest("d", Map.of(), Map.of(), List.of(), List.of(messages), Map.of(), Source.API, RequestOptions.NONE);
    }

    private static PromptMessage userWithImage() {
        return PromptMessage.of(Role.USER, List.of(new ContentPart.Text("What is in it?"), new ContentPart.Image(IMAGE, null)));
    }

    @Test
    void an_image_for_a_text_only_primary_goes_to_the_fallback_unsent_and_the_attempt_says_what_and_where() {
        deploy(Capabilities.TEXT_ONLY, ModelParameters.DEFAULTS, Capabilities.ALL);

        InvokeResult result = service.invoke(with(PromptMessage.user("hello"), userWithImage()));

        assertThat(result.response().content()).isEqualTo("fallback");
        assertThat(primary.calls).as("never sent, not retried").isEmpty();
        Attempt refused = result.attempts().getFirst();
        assertThat(refused.reason()).isEqualTo("capability");
        assertThat(refused.error()).isEqualTo(
                "messages[2].content[1]: an image, and p/gpt-3.5-turbo takes no images (model garden): not sent");
        assertThat(refused.next()).isEqualTo(Attempt.Next.FALLBACK);
        assertThat(result.attempts()).hasSize(2);
    }

    @Test
    void a_text_request_still_goes_to_the_text_only_primary() {
        deploy(Capabilities.TEXT_ONLY, ModelParameters.DEFAULTS, Capabilities.ALL);

        InvokeResult result = service.invoke(with(PromptMessage.user("hello")));

        assertThat(result.response().content()).isEqualTo("primary");
        assertThat(result.attempts()).singleElement().extracting(Attempt::reason).isNull();
    }

    @Test
    void tools_json_schema_and_reasoning_in_the_parameters_need_the_capability_too() {
        ModelParameters tools = ModelParameters.DEFAULTS.withTools(List.of(new ToolSpec("lookup", "find an order",
                Map.of("type", "object"))));
        deploy(Capabilities.ALL.with("tools", false), tools, Capabilities.ALL);
        assertThat(service.invoke(with(PromptMessage.user("hi"))).attempts().getFirst().error())
                .startsWith("tools: a tool, and p/gpt-3.5-turbo takes no tools (model garden)");

        ModelParameters schema = ModelParameters.DEFAULTS.withResponseFormat(Map.of("type", "json_schema",
                "json_schema", Map.of("name", "answer", "schema", Map.of("type", "object"))));
        deploy(Capabilities.ALL.with("jsonSchema", false), schema, Capabilities.ALL);
        assertThat(service.invoke(with(PromptMessage.user("hi"))).attempts().getFirst().error())
                .startsWith("response_format: a json_schema response format, and p/gpt-3.5-turbo takes no json_schema response format");

        ModelParameters effort = new ModelParameters(null, null, null, null, null, null, null, null, null, null, null, null, "high", null);
        deploy(Capabilities.ALL.with("reasoning", false), effort, Capabilities.ALL);
        InvokeResult result = service.invoke(with(PromptMessage.user("hi")));
        assertThat(result.attempts().getFirst().error()).startsWith("reasoning_effort: reasoning_effort 'high', and");
        assertThat(result.response().content()).isEqualTo("fallback");
        assertThat(primary.calls).isEmpty();
    }

    @Test
    void a_conversation_with_tool_calls_needs_tools() {
        deploy(Capabilities.ALL.with("tools", false), ModelParameters.DEFAULTS, Capabilities.ALL);

        InvokeResult result = service.invoke(with(PromptMessage.user("where is my order?"),
                PromptMessage.toolCalls("", List.of(new dev.junction.engine.deployment.ToolCall("call_1", "lookup", "{}")), null),
                PromptMessage.toolResult("call_1", "shipped")));

        assertThat(result.attempts().getFirst().error()).startsWith("messages[2].tool_calls: tool calls, and p/gpt-3.5-turbo takes no tools");
    }

    @Test
    void when_no_model_of_the_variant_takes_the_request_it_is_a_400_unsupported_content_and_nothing_is_sent() {
        deploy(Capabilities.TEXT_ONLY, ModelParameters.DEFAULTS, Capabilities.ALL.with("images", false));

        AllAttemptsFailedException e = catchThrowableOfType(AllAttemptsFailedException.class,
                () -> service.invoke(with(userWithImage())));

        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.code()).isEqualTo(InvokeErrorCode.UNSUPPORTED_CONTENT);
        assertThat(e.attempts()).extracting(Attempt::reason).containsExactly("capability", "capability");
        assertThat(e.attempts().get(1).error()).contains("f/backup takes no images");
        assertThat(primary.calls).isEmpty();
        assertThat(fallback.calls).isEmpty();
    }

    @Test
    void a_file_and_audio_are_named_with_their_type() {
        deploy(Capabilities.ALL.with("files", false).with("audio", false), ModelParameters.DEFAULTS, Capabilities.ALL);

        InvokeResult pdf = service.invoke(with(PromptMessage.of(Role.USER, List.of(
                new ContentPart.File("data:application/pdf;base64,JVBERi0=", null, null, "a.pdf")))));
        InvokeResult audio = service.invoke(with(PromptMessage.of(Role.USER, List.of(
                new ContentPart.Text("listen"), new ContentPart.Audio("UklGRg==", "wav")))));

        assertThat(pdf.attempts().getFirst().error())
                .isEqualTo("messages[1].content[0]: a file (application/pdf), and p/gpt-3.5-turbo takes no files (model garden): not sent");
        assertThat(audio.attempts().getFirst().error()).startsWith("messages[1].content[1]: audio (wav), and p/gpt-3.5-turbo takes no audio");
        assertThat(primary.calls).isEmpty();
    }
}
