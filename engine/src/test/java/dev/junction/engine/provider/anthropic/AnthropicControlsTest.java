package dev.junction.engine.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.ToolChoice;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** tools, tool_choice, thinking and JSON output on the wire, and the combinations Anthropic refuses. */
class AnthropicControlsTest {
    private static final List<ToolSpec> WEATHER = List.of(new ToolSpec("get_weather", "The weather in a city",
            Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city")), true));
    private static final Map<String, Object> CAPITAL_SCHEMA = Map.of("name", "capital_answer", "strict", true, "schema",
            Map.of("type", "object", "properties", Map.of("country", Map.of("type", "string"), "capital", Map.of("type", "string")),
                    "required", List.of("country", "capital"), "additionalProperties", false));

    private static ModelParameters params(Double temperature, Integer maxTokens, Double topP, Integer topK, Map<String, Object> format,
                                          List<ToolSpec> tools, ToolChoice choice, Boolean parallel, String effort, Integer budget) {
        return new ModelParameters(temperature, maxTokens, topP, topK, null, null, null, null, format, tools, choice, parallel, effort, budget);
    }

    private static ModelParameters tools(ToolChoice choice, Boolean parallel) {
        return params(null, null, null, null, null, WEATHER, choice, parallel, null, null);
    }

    private static JsonNode body(ModelParameters p) throws Exception {
        return AnthropicMapper.JSON.readTree(AnthropicMapper.requestBody(new ChatRequest("m", List.of(PromptMessage.user("hi")), p, 1), false));
    }

    private static JsonNode json(String text) throws Exception {
        return AnthropicMapper.JSON.readTree(text);
    }

    private static String refusal(ModelParameters p) {
        try {
            AnthropicMapper.requestBody(new ChatRequest("m", List.of(PromptMessage.user("hi")), p, 1), false);
        } catch (ProviderException e) {
            assertThat(e.failure()).isInstanceOf(ProviderFailure.Unsupported.class);
            return e.failure().message();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void tools_go_with_their_schema_and_strict() throws Exception {
        assertThat(body(tools(null, null)).get("tools")).isEqualTo(json("""
                [{"name":"get_weather","description":"The weather in a city",
                  "input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]},"strict":true}]"""));
        assertThat(body(tools(null, null)).has("tool_choice")).as("Anthropic's default is auto").isFalse();
    }

    @Test
    void tool_choice_maps_to_anthropics_four_kinds_and_parallel_false_disables_parallel_use() throws Exception {
        assertThat(body(tools(ToolChoice.AUTO, null)).get("tool_choice")).isEqualTo(json("{\"type\":\"auto\"}"));
        assertThat(body(tools(ToolChoice.REQUIRED, null)).get("tool_choice")).isEqualTo(json("{\"type\":\"any\"}"));
        assertThat(body(tools(ToolChoice.function("get_weather"), null)).get("tool_choice"))
                .isEqualTo(json("{\"type\":\"tool\",\"name\":\"get_weather\"}"));
        assertThat(body(tools(ToolChoice.NONE, null)).get("tool_choice")).isEqualTo(json("{\"type\":\"none\"}"));
        assertThat(body(tools(null, false)).get("tool_choice")).isEqualTo(json("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"));
        assertThat(body(tools(ToolChoice.REQUIRED, false)).get("tool_choice")).isEqualTo(json("{\"type\":\"any\",\"disable_parallel_tool_use\":true}"));
        assertThat(body(tools(ToolChoice.function("get_weather"), false)).get("tool_choice"))
                .isEqualTo(json("{\"type\":\"tool\",\"name\":\"get_weather\",\"disable_parallel_tool_use\":true}"));
        assertThat(body(tools(ToolChoice.NONE, false)).get("tool_choice")).isEqualTo(json("{\"type\":\"none\"}"));
        assertThat(body(tools(ToolChoice.AUTO, true)).get("tool_choice")).isEqualTo(json("{\"type\":\"auto\"}"));
        assertThat(refusal(params(null, null, null, null, null, null, ToolChoice.REQUIRED, null, null, null)))
                .isEqualTo("tool_choice: 'required' but the request has no tools");
        assertThat(body(params(null, null, null, null, null, null, ToolChoice.AUTO, null, null, null)).has("tool_choice")).isFalse();
    }

    @Test
    void a_thinking_budget_enables_thinking_and_max_tokens_leaves_the_answer_its_room() throws Exception {
        JsonNode json = body(params(null, 2000, null, null, null, null, null, null, null, 8000));
        assertThat(json.get("thinking")).isEqualTo(json("{\"type\":\"enabled\",\"budget_tokens\":8000}"));
        assertThat(json.get("max_tokens").asInt()).isEqualTo(10000);
        assertThat(body(params(null, null, null, null, null, null, null, null, null, 1024)).get("max_tokens").asInt())
                .isEqualTo(AnthropicMapper.DEFAULT_MAX_TOKENS + 1024);
        assertThat(body(params(null, 2000, null, null, null, null, null, null, "high", 0)).has("thinking"))
                .as("an explicit budget of 0 turns thinking off, whatever the effort").isFalse();
        assertThat(refusal(params(null, null, null, null, null, null, null, null, null, 512)))
                .isEqualTo("thinking_budget: 512 is below Anthropic's minimum of 1024 tokens");
    }

    @Test
    void a_reasoning_effort_alone_is_a_budget_by_the_documented_table() throws Exception {
        assertThat(body(params(null, 1000, null, null, null, null, null, null, "minimal", null)).has("thinking")).isFalse();
        assertThat(body(params(null, 1000, null, null, null, null, null, null, "minimal", null)).get("max_tokens").asInt()).isEqualTo(1000);
        assertThat(body(params(null, 1000, null, null, null, null, null, null, "low", null)).at("/thinking/budget_tokens").asInt()).isEqualTo(1024);
        assertThat(body(params(null, 1000, null, null, null, null, null, null, "medium", null)).at("/thinking/budget_tokens").asInt()).isEqualTo(4096);
        JsonNode high = body(params(null, 1000, null, null, null, null, null, null, "high", null));
        assertThat(high.at("/thinking/budget_tokens").asInt()).isEqualTo(16384);
        assertThat(high.get("max_tokens").asInt()).isEqualTo(17384);
        assertThat(refusal(params(null, null, null, null, null, null, null, null, "extreme", null)))
                .isEqualTo("reasoning_effort: 'extreme' is not one of minimal, low, medium, high");
    }

    @Test
    void with_thinking_the_sampling_anthropic_refuses_is_refused_by_name() throws Exception {
        assertThat(refusal(params(0.2, null, null, null, null, null, null, null, "low", null))).startsWith("temperature: ");
        assertThat(refusal(params(null, null, null, 40, null, null, null, null, "low", null))).startsWith("top_k: ");
        assertThat(refusal(params(null, null, 0.9, null, null, null, null, null, "low", null))).startsWith("top_p: ");
        JsonNode allowed = body(params(1.0, null, 0.95, null, null, null, null, null, "low", null));
        assertThat(allowed.get("temperature").asDouble()).isEqualTo(1.0);
        assertThat(allowed.get("top_p").asDouble()).isEqualTo(0.95);
        assertThat(body(params(0.2, null, 0.5, 40, null, null, null, null, "minimal", null)).get("temperature").asDouble())
                .as("no thinking, no rule").isEqualTo(0.2);
    }

    @Test
    void with_thinking_a_forced_tool_is_refused_and_auto_or_none_pass() throws Exception {
        assertThat(refusal(params(null, null, null, null, null, WEATHER, ToolChoice.REQUIRED, null, "medium", null)))
                .startsWith("tool_choice: Anthropic cannot force a tool call with extended thinking");
        assertThat(refusal(params(null, null, null, null, null, WEATHER, ToolChoice.function("get_weather"), null, "medium", null)))
                .startsWith("tool_choice: ");
        assertThat(body(params(null, null, null, null, null, WEATHER, ToolChoice.AUTO, null, "medium", null)).at("/tool_choice/type").asText())
                .isEqualTo("auto");
        assertThat(refusal(params(null, null, null, null, Map.of("type", "json_schema", "json_schema", CAPITAL_SCHEMA), null, null, null, "medium", null)))
                .startsWith("response_format: Anthropic returns JSON through a forced tool call");
    }

    @Test
    void json_schema_becomes_a_forced_tool_named_after_the_schema() throws Exception {
        JsonNode json = body(params(null, null, null, null, Map.of("type", "json_schema", "json_schema", CAPITAL_SCHEMA), null, null, null, null, null));

        assertThat(json.get("tools")).isEqualTo(json("""
                [{"name":"capital_answer",
                  "description":"Give your final answer by calling this tool: its input is the answer, as JSON matching the schema.",
                  "input_schema":{"type":"object","properties":{"country":{"type":"string"},"capital":{"type":"string"}},
                                  "required":["country","capital"],"additionalProperties":false},
                  "strict":true}]"""));
        assertThat(json.get("tool_choice")).isEqualTo(json("{\"type\":\"tool\",\"name\":\"capital_answer\"}"));
        assertThat(json.has("response_format")).isFalse();
    }

    @Test
    void json_object_is_a_forced_tool_of_any_object() throws Exception {
        JsonNode json = body(params(null, null, null, null, Map.of("type", "json_object"), null, null, null, null, null));
        assertThat(json.at("/tools/0/name").asText()).isEqualTo("json_response");
        assertThat(json.at("/tools/0/input_schema")).isEqualTo(json("{\"type\":\"object\"}"));
        assertThat(json.get("tool_choice")).isEqualTo(json("{\"type\":\"tool\",\"name\":\"json_response\"}"));
        assertThat(body(params(null, null, null, null, Map.of("type", "text"), null, null, null, null, null)).has("tools")).isFalse();
    }

    @Test
    void json_output_with_the_variants_own_tools_lets_the_model_call_one_or_answer_in_json() throws Exception {
        Map<String, Object> format = Map.of("type", "json_schema", "json_schema", CAPITAL_SCHEMA);
        JsonNode json = body(params(null, null, null, null, format, WEATHER, null, false, null, null));
        assertThat(json.at("/tools/0/name").asText()).isEqualTo("get_weather");
        assertThat(json.at("/tools/1/name").asText()).isEqualTo("capital_answer");
        assertThat(json.get("tool_choice")).isEqualTo(json("{\"type\":\"any\",\"disable_parallel_tool_use\":true}"));
        assertThat(body(params(null, null, null, null, format, WEATHER, ToolChoice.NONE, null, null, null)).get("tool_choice"))
                .isEqualTo(json("{\"type\":\"tool\",\"name\":\"capital_answer\"}"));
        assertThat(body(params(null, null, null, null, format, WEATHER, ToolChoice.function("get_weather"), null, null, null)).get("tool_choice"))
                .isEqualTo(json("{\"type\":\"tool\",\"name\":\"get_weather\"}"));
    }

    @Test
    void a_schema_anthropic_cannot_take_as_tool_input_or_a_clashing_name_is_refused() {
        assertThat(refusal(params(null, null, null, null, Map.of("type", "json_schema", "json_schema",
                Map.of("name", "list", "schema", Map.of("type", "array"))), null, null, null, null, null)))
                .startsWith("response_format.json_schema.schema: Anthropic answers in JSON through a tool");
        assertThat(refusal(params(null, null, null, null, Map.of("type", "json_schema", "json_schema",
                Map.of("name", "get_weather", "schema", Map.of("type", "object"))), WEATHER, null, null, null, null)))
                .startsWith("response_format.json_schema.name: 'get_weather' is also a tool's name");
    }
}
