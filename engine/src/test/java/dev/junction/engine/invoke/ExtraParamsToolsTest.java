package dev.junction.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.engine.catalog.InMemoryModelCatalog;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.ToolChoice;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.invoke.ScriptedProvider.Step;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * extra_params' tool, response-format and reasoning parameters: read from OpenAI's wire shapes, the request's tools
 * added to the variant's, and what only the routed variant can tell (a tool named twice, a forced tool neither has)
 * refused by path before any call.
 */
class ExtraParamsToolsTest {
    private static final Map<String, Object> CITY = Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")));
    private static final ToolSpec WEATHER = new ToolSpec("get_weather", "Weather now", CITY);
    private final List<RequestLog> logs = new CopyOnWriteArrayList<>();
    private final ScriptedProvider provider = new ScriptedProvider("p", Step.answer("ok"));
    private InvokeService service;

    private void deploy(List<ToolSpec> variantTools) {
        Clock clock = Clock.systemUTC();
        ModelConfig p = ModelConfig.of(provider.name(), "gpt-4o-mini")
                .withParameters(ModelParameters.DEFAULTS.withTools(variantTools));
        Variant main = new Variant("main", List.of(PromptMessage.user("hi")), null, p, null, null);
        DeploymentSpec spec = new DeploymentSpec("d", "", null, null, null, List.of(main), RoutingTable.defaultOnly("main"), null, null);
        DeploymentVersion version = new DeploymentVersion(UUID.randomUUID(), UUID.randomUUID(), 1, "h", spec, "t", "", Instant.now());
        InvokeRuntime runtime = InvokeRuntime.of(new Providers(List.of(provider)),
                new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(2), 0.0), InvokeLimits.DEFAULTS, new InMemoryModelCatalog(List.of()));
        ActiveDeployments active = new ActiveDeployments();
        active.put(ActiveDeployment.build(version, InvokeServiceTest.FIRST_MATCH, runtime));
        service = new InvokeService(active, logs::add, clock, new Ids(clock));
    }

    private InvokeResult invoke(Map<String, Object> extra) {
        return service.invoke(new InvokeRequest("d", Map.of(), Map.of(), null, null, null, Source.API,
                new RequestOptions(ExtraParams.parse("extra_params", extra), extra, null, null, null, null)));
    }

    private static Map<String, Object> tool(String name) {
        return Map.of("type", "function", "function", Map.of("name", name, "description", "d", "parameters", CITY, "strict", true));
    }

    @Test
    void the_wire_shapes_are_read_into_the_parameters() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("tools", List.of(tool("lookup")));
        extra.put("tool_choice", Map.of("type", "function", "function", Map.of("name", "lookup")));
        extra.put("parallel_tool_calls", false);
        extra.put("response_format", Map.of("type", "json_object"));
        extra.put("reasoning_effort", "high");
        extra.put("thinking", Map.of("type", "enabled", "budget_tokens", 2048));

        ModelParameters p = ExtraParams.parse("extra_params", extra);

        assertThat(p.tools()).containsExactly(new ToolSpec("lookup", "d", CITY, true));
        assertThat(p.toolChoice()).isEqualTo(ToolChoice.function("lookup"));
        assertThat(p.parallelToolCalls()).isFalse();
        assertThat(p.responseFormat()).isEqualTo(Map.of("type", "json_object"));
        assertThat(p.reasoningEffort()).isEqualTo("high");
        assertThat(p.thinkingBudget()).isEqualTo(2048);
        assertThat(ExtraParams.parse("extra_params", Map.of("tool_choice", "required")).toolChoice()).isEqualTo(ToolChoice.REQUIRED);
    }

    @Test
    void malformed_tool_and_reasoning_parameters_are_named_in_their_wire_spelling() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("tools", List.of(Map.of("type", "function", "function", Map.of("description", "no name")), "x"));
        extra.put("tool_choice", Map.of("type", "function"));
        extra.put("parallel_tool_calls", "no");
        extra.put("reasoning_effort", "extreme");
        extra.put("thinking", Map.of("type", "enabled"));

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> ExtraParams.parse("extra_params", extra));

        assertThat(e.errors()).extracting(FieldError::path).containsExactly("extra_params.tools[0].function.name",
                "extra_params.tools[1]", "extra_params.tool_choice", "extra_params.parallel_tool_calls",
                "extra_params.reasoning_effort", "extra_params.thinking.budget_tokens");
    }

    @Test
    void request_tools_are_added_to_the_variants_tools() {
        deploy(List.of(WEATHER));
        invoke(Map.of("tools", List.of(tool("lookup")), "tool_choice", "required"));

        ModelParameters sent = provider.calls.getFirst().request().parameters();
        assertThat(sent.tools()).extracting(ToolSpec::name).containsExactly("get_weather", "lookup");
        assertThat(sent.toolChoice()).isEqualTo(ToolChoice.REQUIRED);
    }

    @Test
    void a_forced_tool_may_be_one_of_the_variants() {
        deploy(List.of(WEATHER));
        invoke(Map.of("tool_choice", Map.of("type", "function", "function", Map.of("name", "get_weather"))));

        assertThat(provider.calls.getFirst().request().parameters().toolChoice()).isEqualTo(ToolChoice.function("get_weather"));
    }

    @Test
    void a_request_tool_named_like_a_variant_tool_or_a_forced_tool_neither_has_is_refused_by_path_before_any_call() {
        deploy(List.of(WEATHER));
        Map<String, Object> extra = Map.of("tools", List.of(tool("lookup"), tool("get_weather")),
                "tool_choice", Map.of("type", "function", "function", Map.of("name", "translate")));

        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> invoke(extra));

        assertThat(e.errors()).extracting(FieldError::path)
                .containsExactly("extra_params.tools[1].function.name", "extra_params.tool_choice.function.name");
        assertThat(e.errors().get(1).message()).contains("'translate'").contains("get_weather, lookup");
        assertThat(e.routed()).as("routed: the answer carries the variant").isNotNull();
        assertThat(provider.calls).isEmpty();
        assertThat(logs).hasSize(1);
    }

    @Test
    void required_with_no_tools_anywhere_is_refused() {
        deploy(null);
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> invoke(Map.of("tool_choice", "required")));

        assertThat(e.errors()).extracting(FieldError::path).containsExactly("extra_params.tool_choice");
        assertThat(provider.calls).isEmpty();
    }
}
