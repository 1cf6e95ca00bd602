package dev.junction.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.deployment.ToolChoice;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.StreamPiece;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.provider.contract.ReplayServerTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Tool calls both ways against a real local server replaying OpenAI's wire format: the tools, {@code tool_choice},
 * {@code parallel_tool_calls} and a tool loop's turns sent; the calls read back from a plain answer and from a stream
 * (a recorded OpenAI stream of two parallel calls, from the openai-python SDK's test snapshots).
 */
class OpenAiToolsTest extends ReplayServerTest {
    private static final String KEY = "sk-test-Zq81mXw0vLr4TgPb2HcN7890";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> WEATHER_PARAMETERS = Map.of(
            "type", "object",
            "properties", Map.of("location", Map.of("type", "string")),
            "required", List.of("location"),
            "additionalProperties", false);

    @Override
    protected String fixtures() {
        return "openai";
    }

    private OpenAiCompatibleProvider provider() {
        return new OpenAiCompatibleProvider(
                new OpenAiConnection("openai", server.rootUrl() + "/v1", KEY, "openai", Duration.ofSeconds(5)), http);
    }

    private static ChatRequest request(List<PromptMessage> messages, ModelParameters parameters) {
        return new ChatRequest("gpt-4o-mini", messages, parameters, 1);
    }

    private JsonNode sentBody() throws Exception {
        return JSON.readTree(server.onlyRequest().body());
    }

    @Test
    void reads_the_tool_calls_of_an_answer_with_their_ids_and_the_finish_reason_as_given() {
        server.replyWithFixture(200, "chat-completion-tool-call.json");

        ChatResponse response = provider().chat(request(List.of(PromptMessage.user("Weather in Paris?")),
                ModelParameters.DEFAULTS));

        assertThat(response.content()).as("content: null").isEmpty();
        assertThat(response.finishReason()).isEqualTo(ChatResponse.TOOL_CALLS);
        assertThat(response.toolCalls()).containsExactly(
                new ToolCall("call_0zKGdMjLvb1x7jaGeYXbWq3N", "get_weather", "{\"location\":\"Paris, France\"}"));
        assertThat(response.reasoning()).isEmpty();
    }

    @Test
    void reads_the_openapi_specs_tool_call_example_with_its_usage() {
        server.replyWithFixture(200, "chat-completion-tool-call-spec.json");

        ChatResponse response = provider().chat(request(List.of(PromptMessage.user("What's the weather like in Boston today?")),
                ModelParameters.DEFAULTS));

        assertThat(response).isEqualTo(new ChatResponse("", "tool_calls", new Usage(82, 17, 0, 0), "gpt-4o-mini",
                List.of(new ToolCall("call_abc123", "get_current_weather", "{\n\"location\": \"Boston, MA\"\n}")), null));
    }

    @Test
    void sends_tools_with_strict_a_forced_tool_choice_and_parallel_tool_calls() throws Exception {
        server.replyWithFixture(200, "chat-completion-tool-call.json");
        ModelParameters parameters = ModelParameters.DEFAULTS
                .withTools(List.of(new ToolSpec("get_weather", "The weather at a place", WEATHER_PARAMETERS, true),
                        new ToolSpec("get_time", null, null)))
                .withToolChoice(ToolChoice.function("get_weather"));
        parameters = new ModelParameters(null, null, null, null, null, null, null, null, null, parameters.tools(),
                parameters.toolChoice(), false, null, null);

        provider().chat(request(List.of(PromptMessage.user("Weather in Paris?")), parameters));

        assertThat(sentBody()).isEqualTo(JSON.readTree("""
                {"model": "gpt-4o-mini",
                 "messages": [{"role": "user", "content": "Weather in Paris?"}],
                 "tools": [{"type": "function", "function": {"name": "get_weather", "description": "The weather at a place",
                              "parameters": {"type": "object", "properties": {"location": {"type": "string"}},
                                             "required": ["location"], "additionalProperties": false},
                              "strict": true}},
                           {"type": "function", "function": {"name": "get_time"}}],
                 "tool_choice": {"type": "function", "function": {"name": "get_weather"}},
                 "parallel_tool_calls": false,
                 "stream": false}
                """));
    }

    @Test
    void sends_the_tool_choice_modes_as_strings() throws Exception {
        for (ToolChoice choice : List.of(ToolChoice.AUTO, ToolChoice.NONE, ToolChoice.REQUIRED)) {
            server.reset();
            server.replyWithFixture(200, "success.json");

            provider().chat(request(List.of(PromptMessage.user("Hi")), ModelParameters.DEFAULTS
                    .withTools(List.of(new ToolSpec("get_time", null, null))).withToolChoice(choice)));

            assertThat(sentBody().get("tool_choice").textValue()).isEqualTo(choice.mode());
        }
    }

    @Test
    void sends_a_tool_loops_turns_back_with_the_call_ids_and_content_null_and_no_reasoning() throws Exception {
        server.replyWithFixture(200, "success.json");
        List<PromptMessage> conversation = List.of(
                PromptMessage.user("Weather in Paris and Rome?"),
                PromptMessage.toolCalls("", List.of(
                        new ToolCall("call_0zKGdMjLvb1x7jaGeYXbWq3N", "get_weather", "{\"location\":\"Paris, France\"}"),
                        new ToolCall("call_2xjOUgaCdiwAcl9ZBL9LyMUU", "get_weather", "{\"location\":\"Rome, Italy\"}")),
                        List.of(Reasoning.text("Two cities: two calls.", null))),
                PromptMessage.toolResult("call_0zKGdMjLvb1x7jaGeYXbWq3N", "{\"celsius\":18}"),
                PromptMessage.toolResult("call_2xjOUgaCdiwAcl9ZBL9LyMUU", "{\"celsius\":24}"),
                PromptMessage.toolCalls("Checking once more.", List.of(
                        new ToolCall("call_9", "get_weather", "{\"location\":\"Oslo\"}")), null),
                PromptMessage.toolResult("call_9", "{\"celsius\":4}"));

        provider().chat(request(conversation, ModelParameters.DEFAULTS));

        assertThat(sentBody().get("messages")).isEqualTo(JSON.readTree("""
                [{"role": "user", "content": "Weather in Paris and Rome?"},
                 {"role": "assistant", "content": null, "tool_calls": [
                    {"id": "call_0zKGdMjLvb1x7jaGeYXbWq3N", "type": "function",
                     "function": {"name": "get_weather", "arguments": "{\\"location\\":\\"Paris, France\\"}"}},
                    {"id": "call_2xjOUgaCdiwAcl9ZBL9LyMUU", "type": "function",
                     "function": {"name": "get_weather", "arguments": "{\\"location\\":\\"Rome, Italy\\"}"}}]},
                 {"role": "tool", "content": "{\\"celsius\\":18}", "tool_call_id": "call_0zKGdMjLvb1x7jaGeYXbWq3N"},
                 {"role": "tool", "content": "{\\"celsius\\":24}", "tool_call_id": "call_2xjOUgaCdiwAcl9ZBL9LyMUU"},
                 {"role": "assistant", "content": "Checking once more.", "tool_calls": [
                    {"id": "call_9", "type": "function", "function": {"name": "get_weather", "arguments": "{\\"location\\":\\"Oslo\\"}"}}]},
                 {"role": "tool", "content": "{\\"celsius\\":4}", "tool_call_id": "call_9"}]
                """));
    }

    @Test
    void streams_two_parallel_tool_calls_piece_by_piece_and_puts_them_together_in_index_order() {
        server.streamFixture("stream-tool-calls-parallel.sse", 0);
        List<StreamPiece> pieces = new CopyOnWriteArrayList<>();

        ChatResponse response = provider().stream(request(List.of(
                        PromptMessage.user("What's the weather like in Edinburgh?"),
                        PromptMessage.user("What's the price of AAPL?")), ModelParameters.DEFAULTS),
                pieces::add);

        assertThat(pieces).allMatch(p -> p instanceof StreamPiece.ToolCallDelta);
        List<StreamPiece.ToolCallDelta> deltas = pieces.stream().map(StreamPiece.ToolCallDelta.class::cast).toList();
        assertThat(deltas.getFirst()).isEqualTo(
                new StreamPiece.ToolCallDelta(0, "call_JMW1whyEaYG438VE1OIflxA2", "GetWeatherArgs", ""));
        List<StreamPiece.ToolCallDelta> first = deltas.stream().filter(d -> d.index() == 0).toList();
        assertThat(first).as("the first piece and 11 arguments fragments").hasSize(12);
        assertThat(first.subList(1, first.size()))
                .allMatch(d -> d.id() == null && d.name() == null && !d.arguments().isEmpty());
        assertThat(deltas).filteredOn(d -> d.index() == 1).hasSize(10).first()
                .isEqualTo(new StreamPiece.ToolCallDelta(1, "call_DNYTawLBoN8fj3KN6qU9N1Ou", "get_stock_price", ""));
        assertThat(response).isEqualTo(new ChatResponse("", "tool_calls", new Usage(149, 60, 0, 0), "gpt-4o-2024-08-06",
                List.of(new ToolCall("call_JMW1whyEaYG438VE1OIflxA2", "GetWeatherArgs",
                                "{\"city\": \"Edinburgh\", \"country\": \"GB\", \"units\": \"c\"}"),
                        new ToolCall("call_DNYTawLBoN8fj3KN6qU9N1Ou", "get_stock_price",
                                "{\"ticker\": \"AAPL\", \"exchange\": \"NASDAQ\"}")), null));
    }

    @Test
    void a_stream_of_tool_calls_alone_is_not_a_first_token_timeout() {
        // 26 events 100 ms apart: no text at all, and well over the 1 s first-token limit in all
        server.streamFixture("stream-tool-calls-parallel.sse", 100);
        ChatRequest request = new ChatRequest("gpt-4o", List.of(PromptMessage.user("Edinburgh and AAPL?")),
                ModelParameters.DEFAULTS, 1, Duration.ofSeconds(1), Duration.ofSeconds(1));

        ChatResponse response = provider().stream(request, piece -> { });

        assertThat(response.toolCalls()).hasSize(2);
    }
}
