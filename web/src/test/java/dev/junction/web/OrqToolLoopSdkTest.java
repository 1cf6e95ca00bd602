package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.web.http.ToolLoopDoors;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Orquesta SDK ({@code @orq-ai/node}), unmodified, through a whole tool loop on
 * {@code /v2/deployments/invoke} and {@code /v2/deployments/stream}: the first turn's answer is a
 * {@code tool_calls} message the SDK validates (with reasoning, its signature and reasoning tokens), the second turn
 * sends the assistant's call and the tool's result back (camelCase in the SDK, snake_case on the wire) and gets the
 * model's text. The model is scripted ({@link ToolLoopDoors}).
 */
class OrqToolLoopSdkTest {
    static ToolLoopDoors doors;

    @BeforeAll
    static void start() {
        doors = new ToolLoopDoors();
    }

    @AfterAll
    static void stop() {
        doors.close();
    }

    JsonNode sdk(String method, String request) throws Exception {
        JsonNode out = NodeSdk.call(doors.port(), doors.apiKey, method, request);
        assertThat(out.get("ok").asBoolean()).as(out.toString()).isTrue();
        return out.get("result");
    }

    static String secondTurn(String callId) {
        return """
                {"key":"agent","messages":[{"role":"user","content":"Weather in Paris?"},
                 {"role":"assistant","content":null,"toolCalls":[{"id":"%s","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                 {"role":"tool","toolCallId":"%s","content":"18C"}]}""".formatted(callId, callId);
    }

    @Test
    void invoke_receives_a_tool_call_and_sends_its_result_back_for_a_second_turn() throws Exception {
        JsonNode first = sdk("invoke", "{\"key\":\"agent\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]}");

        JsonNode choice = first.at("/choices/0");
        assertThat(choice.get("finishReason").asText()).isEqualTo("tool_calls");
        JsonNode message = choice.get("message");
        assertThat(message.get("type").asText()).isEqualTo("tool_calls");
        assertThat(message.get("reasoning").asText()).isEqualTo("The user wants the weather.");
        assertThat(message.get("reasoningSignature").asText()).isEqualTo("sig-1");
        JsonNode call = message.at("/toolCalls/0");
        assertThat(call.get("type").asText()).isEqualTo("function");
        assertThat(call.at("/function/name").asText()).isEqualTo("get_weather");
        assertThat(call.at("/function/arguments").asText()).isEqualTo(ToolLoopDoors.ARGUMENTS);
        assertThat(first.at("/usage/completionTokensDetails/reasoningTokens").asInt()).isEqualTo(7);
        String id = call.get("id").asText();

        JsonNode second = sdk("invoke", secondTurn(id));

        assertThat(second.at("/choices/0/message/type").asText()).isEqualTo("content");
        assertThat(second.at("/choices/0/message/content").asText()).isEqualTo("In Paris: 18C");
        List<PromptMessage> sent = doors.lastMessages();
        assertThat(sent.get(2).toolCalls()).containsExactly(new ToolCall(id, "get_weather", ToolLoopDoors.ARGUMENTS));
        assertThat(sent.get(3)).isEqualTo(PromptMessage.toolResult(id, "18C"));
        assertThat(sent.getFirst().role()).isEqualTo(Role.SYSTEM);
    }

    @Test
    void a_stream_carries_the_call_in_pieces_by_index_and_the_result_goes_back_for_a_second_turn() throws Exception {
        JsonNode chunks = sdk("stream", "{\"key\":\"agent\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]}");

        StringBuilder arguments = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        String id = null, name = null;
        for (JsonNode chunk : chunks) {
            JsonNode m = chunk.at("/choices/0/message");
            if (m.has("reasoning")) reasoning.append(m.get("reasoning").asText());
            if (!m.get("type").asText().equals("tool_calls")) continue;
            JsonNode piece = m.at("/toolCalls/0");
            assertThat(piece.get("index").asInt()).isZero();
            if (piece.has("id")) {
                assertThat(id).as("the id comes once, on the first piece").isNull();
                id = piece.get("id").asText();
                name = piece.at("/function/name").asText();
            }
            arguments.append(piece.at("/function/arguments").asText());
        }
        assertThat(name).isEqualTo("get_weather");
        assertThat(arguments.toString()).isEqualTo(ToolLoopDoors.ARGUMENTS);
        assertThat(reasoning.toString()).isEqualTo("The user wants the weather.");
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.get("isFinal").asBoolean()).isTrue();
        assertThat(last.at("/choices/0/finishReason").asText()).isEqualTo("tool_calls");

        JsonNode second = sdk("stream", secondTurn(id));

        StringBuilder text = new StringBuilder();
        second.forEach(c -> text.append(c.at("/choices/0/message/content").asText("")));
        assertThat(text.toString()).isEqualTo("In Paris: 18C");
        assertThat(doors.lastMessages().getLast()).isEqualTo(PromptMessage.toolResult(id, "18C"));
    }

    @Test
    void a_tool_result_answering_no_earlier_call_is_a_400_naming_its_path() throws Exception {
        JsonNode out = NodeSdk.call(doors.port(), doors.apiKey, "invoke",
                "{\"key\":\"agent\",\"messages\":[{\"role\":\"tool\",\"toolCallId\":\"call_x\",\"content\":\"18C\"}]}");

        assertThat(out.get("ok").asBoolean()).isFalse();
        assertThat(out.get("statusCode").asInt()).isEqualTo(400);
        assertThat(out.get("body").asText()).contains("messages[0].tool_call_id");
    }

    /**
     * Parameters and tools as the SDK validates them. The variant's prompt parts and tool calls are shown by
     * {@code OrqPromptConfig} (OrqPromptConfigTest) once the engine's rendering keeps them.
     */
    @Test
    void get_config_shows_strict_tools_and_reasoning_parameters_as_the_sdk_validates_them() throws Exception {
        JsonNode config = sdk("getConfig", "{\"key\":\"configured\"}");

        JsonNode parameters = config.get("parameters");
        assertThat(parameters.get("reasoningEffort").asText()).isEqualTo("low");
        assertThat(parameters.get("budgetTokens").asInt()).isEqualTo(2048);
        assertThat(parameters.at("/responseFormat/type").asText()).isEqualTo("json_schema");
        assertThat(parameters.at("/responseFormat/jsonSchema/name").asText()).isEqualTo("weather");
        assertThat(config.at("/tools/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(config.at("/tools/0/function/parameters/required/0").asText()).isEqualTo("city");
        assertThat(config.at("/messages/0/content").asText()).isEqualTo("You are a weather agent.");
    }
}
