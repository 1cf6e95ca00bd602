package dev.junction.engine.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnthropicMapperTest {

    private static JsonNode body(ChatRequest request, boolean stream) throws Exception {
        return AnthropicMapper.JSON.readTree(AnthropicMapper.requestBody(request, stream));
    }

    @Test
    void system_messages_go_to_the_top_level_system_and_same_role_turns_are_merged() throws Exception {
        ChatRequest request = new ChatRequest("claude-sonnet-4-5", List.of(
                PromptMessage.system("You are terse."),
                PromptMessage.user("Hello."),
                new PromptMessage(Role.DEVELOPER, "Answer in French."),
                PromptMessage.user("What is the capital of France?"),
                PromptMessage.assistant("Paris."),
                PromptMessage.assistant("   "),
                new PromptMessage(Role.TOOL, "{\"temperature\":21}"),
                PromptMessage.user("And of Italy?")), null, 1);

        JsonNode json = body(request, false);

        assertThat(json.get("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(json.get("system").asText()).isEqualTo("You are terse.\n\nAnswer in French.");
        assertThat(json.get("messages")).hasSize(3);
        assertThat(json.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(json.at("/messages/0/content").asText()).isEqualTo("Hello.\n\nWhat is the capital of France?");
        assertThat(json.at("/messages/1/role").asText()).isEqualTo("assistant");
        assertThat(json.at("/messages/1/content").asText()).isEqualTo("Paris.");
        assertThat(json.at("/messages/2/role").asText()).isEqualTo("user");
        assertThat(json.at("/messages/2/content").asText()).isEqualTo("{\"temperature\":21}\n\nAnd of Italy?");
        assertThat(json.has("stream")).isFalse();
    }

    @Test
    void max_tokens_is_always_sent_the_variants_or_the_default() throws Exception {
        List<PromptMessage> hi = List.of(PromptMessage.user("hi"));
        assertThat(body(new ChatRequest("m", hi, null, 1), false).get("max_tokens").asInt())
                .isEqualTo(AnthropicMapper.DEFAULT_MAX_TOKENS).isEqualTo(4096);
        assertThat(body(new ChatRequest("m", hi, ModelParameters.of(null, 256), 1), false).get("max_tokens").asInt()).isEqualTo(256);
    }

    @Test
    void sampling_parameters_stop_sequences_and_tools_map_and_openai_only_ones_are_left_out() throws Exception {
        ModelParameters p = new ModelParameters(0.3, 100, 0.9, 40, List.of("\n\nUser:"), 0.5, 0.5, 42L,
                Map.of("type", "json_object"),
                List.of(new ToolSpec("get_weather", "The weather in a city",
                                Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")))),
                        new ToolSpec("now", null, null)));

        JsonNode json = body(new ChatRequest("m", List.of(PromptMessage.user("hi")), p, 1), true);

        assertThat(json.get("temperature").asDouble()).isEqualTo(0.3);
        assertThat(json.get("top_p").asDouble()).isEqualTo(0.9);
        assertThat(json.get("top_k").asInt()).isEqualTo(40);
        assertThat(json.at("/stop_sequences/0").asText()).isEqualTo("\n\nUser:");
        assertThat(json.at("/tools/0/name").asText()).isEqualTo("get_weather");
        assertThat(json.at("/tools/0/input_schema/properties/city/type").asText()).isEqualTo("string");
        assertThat(json.at("/tools/1/input_schema/type").asText()).as("input_schema is required").isEqualTo("object");
        assertThat(json.at("/tools/1").has("description")).isFalse();
        assertThat(json.get("stream").asBoolean()).isTrue();
        List<String> fields = new ArrayList<>();
        json.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).doesNotContain("presence_penalty", "frequency_penalty", "seed", "response_format", "stop", "system");
    }

    @Test
    void an_answer_joins_its_text_blocks_and_maps_stop_reason_and_usage() throws Exception {
        ChatResponse response = AnthropicMapper.fromJson("""
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5",
                 "content":[{"type":"text","text":"Let me check. "},
                            {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}},
                            {"type":"text","text":"Done."}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":100,"cache_creation_input_tokens":2000,"cache_read_input_tokens":3000,"output_tokens":50}}
                """, "asked");

        assertThat(response.content()).isEqualTo("Let me check. Done.");
        assertThat(response.finishReason()).isEqualTo("tool_calls");
        assertThat(response.toolCalls()).containsExactly(new ToolCall("toolu_1", "get_weather", "{\"city\":\"Paris\"}"));
        assertThat(response.model()).isEqualTo("claude-haiku-4-5");
        assertThat(response.usage().promptTokens()).isEqualTo(5100);
        assertThat(response.usage().cachedPromptTokens()).isEqualTo(3000);
        assertThat(response.usage().completionTokens()).isEqualTo(50);
    }

    private static String fixture(String name) throws Exception {
        try (var in = AnthropicMapperTest.class.getResourceAsStream("/fixtures/anthropic/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void tool_use_blocks_are_the_answers_tool_calls_with_the_input_as_json_text() throws Exception {
        ChatResponse response = AnthropicMapper.fromJson(fixture("tool-use.json"), "asked");

        assertThat(response.content()).isEqualTo("I'll check the weather in Paris and in Rome.");
        assertThat(response.finishReason()).isEqualTo("tool_calls");
        assertThat(response.toolCalls()).containsExactly(
                new ToolCall("toolu_01A09q90qw90lq917835lq9", "get_weather", "{\"location\":\"Paris, France\",\"unit\":\"celsius\"}"),
                new ToolCall("toolu_01B7bq2LwR7zXvQ3kTgH8mNp", "get_weather", "{\"location\":\"Rome, Italy\",\"unit\":\"celsius\"}"));
        assertThat(response.usage().completionTokens()).isEqualTo(118);
        assertThat(response.reasoning()).isEmpty();
    }

    @Test
    void a_thinking_block_is_reasoning_with_its_signature() throws Exception {
        ChatResponse response = AnthropicMapper.fromJson(fixture("thinking.json"), "asked");

        assertThat(response.content()).isEqualTo("27 * 453 = 12,231.");
        assertThat(response.finishReason()).isEqualTo("stop");
        assertThat(response.reasoning()).containsExactly(Reasoning.text(
                "Let me analyze this step by step. 27 * 453 = 27 * 400 + 27 * 53 = 10800 + 1431 = 12231.",
                "WaUjzkypQ2mUEVM36O2TxuC06KN8xyfbJwyem2dw3URve/op91XWHOEBLLqIOMfFG/UvLEczmEsUjavL...."));
        assertThat(response.usage().completionTokens()).as("output tokens include the thinking").isEqualTo(311);
    }

    @Test
    void redacted_thinking_is_kept_in_order_and_the_whole_answer_goes_back_as_the_next_turn() throws Exception {
        ChatResponse response = AnthropicMapper.fromJson(fixture("redacted-thinking.json"), "asked");

        assertThat(response.reasoning()).containsExactly(
                Reasoning.text("The user wants the weather in Paris; I should call the tool.",
                        "EuYBCkQYAiJAgCs1le6/Pol5Z4/JMomVOouGrWdhYNsH3ukzUECbB6iWrSQtsQuRHJID6lWV..."),
                Reasoning.redacted("EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpPkNRj2YfWXGmKDxH4mPnZ5sQ7vB8URj2pLmJhh5rhy1tD5q3ZcL2a"));
        assertThat(response.toolCalls()).containsExactly(new ToolCall("toolu_01CswdEQBMshySk6Y9DFKrfq", "get_weather", "{\"location\":\"Paris\"}"));

        ModelParameters thinking = new ModelParameters(null, null, null, null, null, null, null, null, null, null, null, null, "low", null);
        JsonNode next = body(new ChatRequest("m", List.of(PromptMessage.user("Weather in Paris?"), response.asMessage(),
                PromptMessage.toolResult("toolu_01CswdEQBMshySk6Y9DFKrfq", "18°C")), thinking, 1), false);
        assertThat(next.at("/messages/1/content/0/type").asText()).isEqualTo("thinking");
        assertThat(next.at("/messages/1/content/0/signature").asText()).startsWith("EuYBCkQYAiJAgCs1le6");
        assertThat(next.at("/messages/1/content/1/type").asText()).isEqualTo("redacted_thinking");
        assertThat(next.at("/messages/1/content/2/input/location").asText()).isEqualTo("Paris");
        assertThat(next.at("/messages/2/content/0/tool_use_id").asText()).isEqualTo("toolu_01CswdEQBMshySk6Y9DFKrfq");
    }

    @Test
    void the_json_tools_input_is_the_answer_text_with_no_tool_call_and_finish_stop() throws Exception {
        ChatResponse response = AnthropicMapper.fromJson(fixture("json-tool.json"), "asked", "capital_answer");

        assertThat(response.content()).isEqualTo("{\"country\":\"France\",\"capital\":\"Paris\",\"population_millions\":2.1}");
        assertThat(response.finishReason()).isEqualTo("stop");
        assertThat(response.hasToolCalls()).isFalse();

        ChatResponse plain = AnthropicMapper.fromJson(fixture("json-tool.json"), "asked");
        assertThat(plain.toolCalls()).extracting(ToolCall::name).containsExactly("capital_answer");
        assertThat(plain.finishReason()).isEqualTo("tool_calls");
    }

    @Test
    void json_mode_where_the_model_called_one_of_its_tools_is_a_tool_call() throws Exception {
        ChatResponse response = AnthropicMapper.fromJson(fixture("tool-use.json"), "asked", "capital_answer");
        assertThat(response.finishReason()).isEqualTo("tool_calls");
        assertThat(response.toolCalls()).hasSize(2);
    }

    @Test
    void stop_reasons_become_openai_finish_reasons() {
        assertThat(AnthropicMapper.finishReason("end_turn")).isEqualTo("stop");
        assertThat(AnthropicMapper.finishReason("stop_sequence")).isEqualTo("stop");
        assertThat(AnthropicMapper.finishReason("max_tokens")).isEqualTo("length");
        assertThat(AnthropicMapper.finishReason("tool_use")).isEqualTo("tool_calls");
        assertThat(AnthropicMapper.finishReason("refusal")).isEqualTo("content_filter");
        assertThat(AnthropicMapper.finishReason("pause_turn")).isEqualTo("pause_turn");
        assertThat(AnthropicMapper.finishReason(null)).isNull();
    }

    @Test
    void a_body_that_is_not_a_message_is_refused_without_quoting_it() {
        assertThatThrownBy(() -> AnthropicMapper.fromJson("{\"type\":\"completion\",\"completion\":\"secret text\"}", "m"))
                .isInstanceOf(AnthropicMapper.NotAMessage.class).hasMessageContaining("not a message").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> AnthropicMapper.fromJson("{\"type\":\"message\",\"role\":\"assistant\"}", "m"))
                .isInstanceOf(AnthropicMapper.NotAMessage.class).hasMessageContaining("no content");
        assertThatThrownBy(() -> AnthropicMapper.fromJson("<html>secret</html>", "m"))
                .isInstanceOf(AnthropicMapper.NotAMessage.class).hasMessageNotContaining("secret");
        assertThatThrownBy(() -> AnthropicMapper.fromJson("", "m")).isInstanceOf(AnthropicMapper.NotAMessage.class);
    }
}
