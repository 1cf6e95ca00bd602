package dev.junction.engine.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.routing.RoutingTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The diff names the tool, structured-output and reasoning settings of a variant's models by path. */
class SpecDiffToolsTest {
    static final Map<String, Object> CITY = Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")),
            "required", List.of("city"));

    static DeploymentSpec spec(ModelParameters primary, ModelParameters fallback) {
        Variant v = new Variant("main", List.of(PromptMessage.user("hi")), ModelConfig.of("openai", "gpt-4o").withParameters(primary),
                ModelConfig.of("anthropic", "claude").withParameters(fallback), null);
        return new DeploymentSpec("d", "", List.of(v), new RoutingTable(List.of(), "main"));
    }

    static ModelParameters params(List<ToolSpec> tools, ToolChoice choice, Boolean parallel, Map<String, Object> format,
                                  String effort, Integer budget) {
        return new ModelParameters(null, null, null, null, null, null, null, null, format, tools, choice, parallel, effort, budget);
    }

    @Test
    void changes_to_tools_tool_choice_response_format_and_reasoning_are_named_by_path() {
        ToolSpec weather = new ToolSpec("get_weather", "Weather of a city", CITY, true);
        ToolSpec time = new ToolSpec("get_time", "Time of a zone", Map.of("type", "object", "properties", Map.of()));
        Map<String, Object> schema = Map.of("type", "json_schema", "json_schema", Map.of("name", "answer", "strict", true,
                "schema", Map.of("type", "object")));
        DeploymentSpec before = spec(params(List.of(weather, time), ToolChoice.AUTO, null, null, "low", null),
                params(null, null, null, Map.of("type", "json_object"), null, null));
        Map<String, Object> cityNumber = Map.of("type", "object", "properties", Map.of("city", Map.of("type", "number")),
                "required", List.of("city"));
        ToolSpec search = new ToolSpec("search", null, Map.of("type", "object", "properties", Map.of()));
        DeploymentSpec after = spec(params(List.of(time, new ToolSpec("get_weather", "Weather of a city", cityNumber, false), search),
                        ToolChoice.function("get_time"), false, null, "high", null),
                params(null, null, null, schema, null, 2048));

        List<SpecDiff.Change> changes = SpecDiff.between(before, after);

        assertThat(changes).extracting(SpecDiff.Change::path, SpecDiff.Change::change).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("variants[main].primary.parameters.tools[get_weather].parameters.properties.city.type", "changed"),
                org.assertj.core.groups.Tuple.tuple("variants[main].primary.parameters.tools[get_weather].strict", "changed"),
                org.assertj.core.groups.Tuple.tuple("variants[main].primary.parameters.tools[search]", "added"),
                org.assertj.core.groups.Tuple.tuple("variants[main].primary.parameters.tools", "reordered"),
                org.assertj.core.groups.Tuple.tuple("variants[main].primary.parameters.toolChoice.mode", "changed"),
                org.assertj.core.groups.Tuple.tuple("variants[main].primary.parameters.toolChoice.name", "added"),
                org.assertj.core.groups.Tuple.tuple("variants[main].primary.parameters.parallelToolCalls", "added"),
                org.assertj.core.groups.Tuple.tuple("variants[main].primary.parameters.reasoningEffort", "changed"),
                org.assertj.core.groups.Tuple.tuple("variants[main].fallback.parameters.responseFormat.type", "changed"),
                org.assertj.core.groups.Tuple.tuple("variants[main].fallback.parameters.responseFormat.json_schema", "added"),
                org.assertj.core.groups.Tuple.tuple("variants[main].fallback.parameters.thinkingBudget", "added"));
        assertThat(changes.stream().filter(c -> c.path().endsWith("thinkingBudget")).findFirst().orElseThrow().to().asInt()).isEqualTo(2048);
    }

    @Test
    void tools_without_distinct_names_are_compared_by_position() {
        ToolSpec a = new ToolSpec("same", "one", Map.of("type", "object"));
        ToolSpec b = new ToolSpec("same", "two", Map.of("type", "object"));
        List<SpecDiff.Change> changes = SpecDiff.between(spec(params(List.of(a, a), null, null, null, null, null), null),
                spec(params(List.of(a, b), null, null, null, null, null), null));
        assertThat(changes).extracting(SpecDiff.Change::path).containsExactly("variants[main].primary.parameters.tools[1].description");
    }
}
