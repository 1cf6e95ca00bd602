package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.web.http.ToolLoopDoors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Node SDK ({@code openai} from npm), unmodified, on {@code /v1/chat/completions}: a whole tool
 * loop (streamed and not), an image sent as a data URI, JSON asked by {@code response_format}, a request tool added
 * to the variant's. The model is scripted ({@link ToolLoopDoors}).
 */
class ChatCompletionsToolLoopNodeSdkTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    static ToolLoopDoors doors;

    @BeforeAll
    static void start() {
        doors = new ToolLoopDoors();
    }

    @AfterAll
    static void stop() {
        doors.close();
    }

    JsonNode sdk(String method, String params) throws Exception {
        JsonNode out = OpenAiNodeSdk.call(doors.port(), doors.apiKey, method, params, null);
        assertThat(out.get("ok").asBoolean()).as(out.toString()).isTrue();
        return out.get("result");
    }

    static String secondTurn(String id) {
        return """
                {"model":"agent","messages":[{"role":"user","content":"Weather in Paris?"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"%s","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                 {"role":"tool","tool_call_id":"%s","content":"18C"}]}""".formatted(id, id);
    }

    @Test
    void create_receives_tool_calls_and_sends_the_result_back_for_a_second_turn() throws Exception {
        JsonNode first = sdk("create", "{\"model\":\"agent\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]}");

        JsonNode choice = first.at("/choices/0");
        assertThat(choice.get("finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(choice.at("/message/content").isNull()).isTrue();
        assertThat(choice.at("/message/reasoning_content").asText()).isEqualTo("The user wants the weather.");
        JsonNode call = choice.at("/message/tool_calls/0");
        assertThat(call.get("type").asText()).isEqualTo("function");
        assertThat(call.at("/function/name").asText()).isEqualTo("get_weather");
        assertThat(call.at("/function/arguments").asText()).isEqualTo(ToolLoopDoors.ARGUMENTS);
        assertThat(first.at("/usage/completion_tokens_details/reasoning_tokens").asInt()).isEqualTo(7);

        JsonNode second = sdk("create", secondTurn(call.get("id").asText()));

        assertThat(second.at("/choices/0/message/content").asText()).isEqualTo("In Paris: 18C");
        assertThat(second.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(doors.lastMessages().get(2).toolCalls())
                .containsExactly(new ToolCall(call.get("id").asText(), "get_weather", ToolLoopDoors.ARGUMENTS));
    }

    @Test
    void a_stream_gives_delta_tool_calls_by_index_and_the_result_goes_back_streamed() throws Exception {
        JsonNode chunks = sdk("stream", "{\"model\":\"agent\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]}");

        StringBuilder arguments = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        String id = null;
        String finish = null;
        for (JsonNode chunk : chunks) {
            if (chunk.get("choices").isEmpty()) continue;
            JsonNode delta = chunk.at("/choices/0/delta");
            if (!chunk.at("/choices/0/finish_reason").isNull()) finish = chunk.at("/choices/0/finish_reason").asText();
            if (delta.has("reasoning_content")) reasoning.append(delta.get("reasoning_content").asText());
            if (!delta.has("tool_calls")) continue;
            JsonNode piece = delta.at("/tool_calls/0");
            assertThat(piece.get("index").asInt()).isZero();
            if (piece.has("id")) {
                id = piece.get("id").asText();
                assertThat(piece.get("type").asText()).isEqualTo("function");
                assertThat(piece.at("/function/name").asText()).isEqualTo("get_weather");
            } else {
                assertThat(piece.at("/function").has("name")).as("the name only on the first piece").isFalse();
            }
            arguments.append(piece.at("/function/arguments").asText());
        }
        assertThat(id).isNotNull();
        assertThat(arguments.toString()).isEqualTo(ToolLoopDoors.ARGUMENTS);
        assertThat(reasoning.toString()).isEqualTo("The user wants the weather.");
        assertThat(finish).isEqualTo("tool_calls");

        JsonNode second = sdk("stream", secondTurn(id));
        StringBuilder text = new StringBuilder();
        second.forEach(c -> text.append(c.at("/choices/0/delta/content").asText("")));
        assertThat(text.toString()).isEqualTo("In Paris: 18C");
    }

    @Test
    void an_image_reaches_the_model_as_an_image_part_and_a_request_tool_is_added_to_the_variants() throws Exception {
        sdk("create", """
                {"model":"agent","tools":[{"type":"function","function":{"name":"describe","parameters":{"type":"object","properties":{}}}}],
                 "tool_choice":"auto","messages":[{"role":"user","content":[{"type":"text","text":"What is this?"},
                 {"type":"image_url","image_url":{"url":"%s","detail":"low"}}]}]}""".formatted(PNG));

        PromptMessage user = doors.lastMessages().getLast();
        assertThat(user.parts()).containsExactly(new ContentPart.Text("What is this?"), new ContentPart.Image(PNG, "low"));
        assertThat(doors.calls.getLast().parameters().tools()).extracting(ToolSpec::name).containsExactly("get_weather", "describe");
    }

    @Test
    void response_format_json_object_gets_json() throws Exception {
        JsonNode out = sdk("create", "{\"model\":\"agent\",\"response_format\":{\"type\":\"json_object\"},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris as JSON\"}]}");

        JsonNode answer = JSON.readTree(out.at("/choices/0/message/content").asText());
        assertThat(answer.get("celsius").asInt()).isEqualTo(18);
        assertThat(doors.calls.getLast().parameters().responseFormat()).containsEntry("type", "json_object");
    }

    @Test
    void response_format_json_schema_reaches_the_model_with_its_schema_and_the_answer_matches_it() throws Exception {
        JsonNode out = sdk("create", """
                {"model":"agent","messages":[{"role":"user","content":"Weather in Paris as JSON"}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"weather","strict":true,"schema":{"type":"object",
                 "properties":{"city":{"type":"string"},"celsius":{"type":"integer"}},"required":["city","celsius"],"additionalProperties":false}}}}""");

        JsonNode answer = JSON.readTree(out.at("/choices/0/message/content").asText());
        assertThat(answer.get("city").asText()).isEqualTo("Paris");
        assertThat(answer.get("celsius").isInt()).isTrue();
        assertThat(doors.calls.getLast().parameters().responseSchemaName()).isEqualTo("weather");
        assertThat(doors.calls.getLast().parameters().responseSchema()).containsEntry("required", java.util.List.of("city", "celsius"));
    }

    @Test
    void a_forced_tool_neither_the_request_nor_the_variant_has_is_refused_naming_tool_choice() throws Exception {
        JsonNode out = OpenAiNodeSdk.call(doors.port(), doors.apiKey, "create", "{\"model\":\"agent\","
                + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"translate\"}},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", null);

        assertThat(out.get("ok").asBoolean()).isFalse();
        assertThat(out.get("status").asInt()).isEqualTo(422);
        assertThat(out.at("/error/param").asText()).isEqualTo("tool_choice.function.name");
    }
}
