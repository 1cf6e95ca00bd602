package dev.junction.engine.provider.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.JsonSchemas;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.deployment.ToolChoice;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.StreamPiece;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulator plays a tool loop and structured output by itself, so a demo of either needs no provider. */
class SimulatorConversationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final SimulatorProvider simulator = new SimulatorProvider();
    private static final Map<String, Object> WEATHER = Map.of("type", "object", "additionalProperties", false,
            "properties", Map.of("city", Map.of("type", "string", "minLength", 2),
                    "unit", Map.of("type", "string", "enum", List.of("celsius", "fahrenheit")),
                    "days", Map.of("type", "integer", "minimum", 1)),
            "required", List.of("city", "unit", "days"));

    private static ChatRequest request(List<PromptMessage> messages, ModelParameters p) {
        return new ChatRequest("echo", messages, p, 1);
    }

    @Test
    void with_tools_it_calls_one_with_arguments_its_schema_accepts_then_echoes_the_result() throws Exception {
        ModelParameters p = ModelParameters.DEFAULTS.withTools(List.of(new ToolSpec("lookup", "x", Map.of("type", "object")),
                new ToolSpec("get_weather", "The weather", WEATHER))).withToolChoice(ToolChoice.function("get_weather"));
        List<PromptMessage> turn = new ArrayList<>(List.of(PromptMessage.user("Weather in Paris?")));

        ChatResponse call = simulator.chat(request(turn, p));

        assertThat(call.finishReason()).isEqualTo("tool_calls");
        assertThat(call.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("call_sim_1");
            assertThat(c.name()).isEqualTo("get_weather");
            assertThat(JsonSchemas.compile(WEATHER).validate(c.arguments())).isEmpty();
        });
        assertThat(JSON.readTree(call.toolCalls().getFirst().arguments()))
                .isEqualTo(JSON.readTree("{\"city\":\"xx\",\"unit\":\"celsius\",\"days\":1}"));

        turn.add(call.asMessage());
        turn.add(PromptMessage.toolResult("call_sim_1", "18 degrees"));
        ChatResponse answer = simulator.chat(request(turn, p));

        assertThat(answer.toolCalls()).isEmpty();
        assertThat(answer.content()).endsWith("tool: 18 degrees");
    }

    @Test
    void a_streamed_tool_call_comes_as_one_piece_and_tool_choice_none_answers_in_text() {
        ModelParameters p = ModelParameters.DEFAULTS.withTools(List.of(new ToolSpec("get_weather", "The weather", WEATHER)));
        List<StreamPiece> pieces = new ArrayList<>();

        ChatResponse call = simulator.stream(request(List.of(PromptMessage.user("hi")), p), pieces::add);

        assertThat(pieces).containsExactly(new StreamPiece.ToolCallDelta(0, "call_sim_1", "get_weather",
                call.toolCalls().getFirst().arguments()));
        assertThat(simulator.chat(request(List.of(PromptMessage.user("hi")), p.withToolChoice(ToolChoice.NONE))).content())
                .isEqualTo("user: hi");
    }

    @Test
    void json_response_formats_get_json() throws Exception {
        ChatResponse object = simulator.chat(request(List.of(PromptMessage.user("hi")),
                ModelParameters.DEFAULTS.withResponseFormat(Map.of("type", "json_object"))));
        assertThat(JSON.readTree(object.content()).path("echo").asText()).isEqualTo("user: hi");

        ChatResponse schema = simulator.chat(request(List.of(PromptMessage.user("hi")), ModelParameters.DEFAULTS
                .withResponseFormat(Map.of("type", "json_schema", "json_schema", Map.of("name", "w", "schema", WEATHER)))));
        assertThat(JsonSchemas.compile(WEATHER).validate(schema.content())).isEmpty();
    }
}
