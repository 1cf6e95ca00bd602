package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.provider.anthropic.AnthropicConnection;
import dev.junction.engine.provider.anthropic.AnthropicProvider;
import dev.junction.engine.provider.http.UpstreamHttp;
import dev.junction.engine.provider.openai.OpenAiCompatibleProvider;
import dev.junction.engine.provider.openai.OpenAiConnection;
import dev.junction.web.http.ToolLoopDoors;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole chain with nothing scripted in the gateway: the official clients ({@code openai} and {@code @orq-ai/node}
 * from npm) call the gateway's front doors, the real provider adapters call a loopback server speaking the provider's
 * own wire format (OpenAI chat completions, Anthropic Messages; answers as the providers document them), and a tool
 * loop goes round: the provider's tool call reaches the client with its id, the client's tool result goes back to the
 * provider in its wire format naming that id.
 */
class ToolLoopOverWireTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPENAI_CALL = """
            {"id":"chatcmpl-abc123","object":"chat.completion","created":1699896916,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_abc123",
             "type":"function","function":{"name":"get_weather","arguments":"{\\n\\"city\\": \\"Paris\\"\\n}"}}]},
             "logprobs":null,"finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":82,"completion_tokens":17,"total_tokens":99,
             "completion_tokens_details":{"reasoning_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}""";
    private static final String OPENAI_ANSWER = """
            {"id":"chatcmpl-abc124","object":"chat.completion","created":1699896917,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"It is 18C in Paris."},"logprobs":null,
             "finish_reason":"stop"}],"usage":{"prompt_tokens":120,"completion_tokens":9,"total_tokens":129}}""";
    /** A streamed call as OpenAI sends it: the id and name first, the arguments in fragments, then the usage chunk. */
    private static final List<String> OPENAI_CALL_STREAM = List.of(
            "{\"id\":\"chatcmpl-s1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_DdmO9pD3xa9XTPNJ32zg2hcA\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}],\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
            "{\"id\":\"chatcmpl-s1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"ci\"}}]},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
            "{\"id\":\"chatcmpl-s1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ty\\\": \\\"Paris\\\"}\"}}]},\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}",
            "{\"id\":\"chatcmpl-s1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\"tool_calls\"}],\"usage\":null}",
            "{\"id\":\"chatcmpl-s1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\",\"choices\":[],\"usage\":{\"prompt_tokens\":82,\"completion_tokens\":17,\"total_tokens\":99}}",
            "[DONE]");
    private static final String ANTHROPIC_CALL = """
            {"id":"msg_01Aq9w938a90dw8q","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
             "content":[{"type":"text","text":"I'll check the weather."},
              {"type":"tool_use","id":"toolu_01A09q90qw90lq917835lq9","name":"get_weather","input":{"city":"Paris"}}],
             "stop_reason":"tool_use","stop_sequence":null,
             "usage":{"input_tokens":472,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":58}}""";
    private static final String ANTHROPIC_ANSWER = """
            {"id":"msg_01Aq9w938a90dw8r","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929",
             "content":[{"type":"text","text":"It is 18C in Paris."}],"stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":530,"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":9}}""";

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final UpstreamHttp http = UpstreamHttp.start();
    private HttpServer provider;
    private ToolLoopDoors doors;

    @AfterEach
    void stop() {
        if (doors != null) doors.close();
        if (provider != null) provider.stop(0);
        http.close();
    }

    /** A loopback provider at {@code path}: each request body kept, answered by {@code answer} (SSE data lines when a list). */
    private String provider(String path, Function<String, Object> answer) {
        try {
            provider = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        provider.createContext(path, exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                bodies.add(body);
                Object reply = answer.apply(body);
                boolean sse = reply instanceof List<?>;
                StringBuilder text = new StringBuilder();
                if (sse) for (Object data : (List<?>) reply) text.append("data: ").append(data).append("\n\n");
                else text.append(reply);
                byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", sse ? "text/event-stream" : "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        provider.start();
        return "http://127.0.0.1:" + provider.getAddress().getPort();
    }

    private static boolean toolTurn(String body) {
        try {
            JsonNode messages = JSON.readTree(body).get("messages");
            return messages.toString().contains("\"tool_call_id\"") || messages.toString().contains("\"tool_result\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode openaiSdk(String method, String params) throws Exception {
        JsonNode out = OpenAiNodeSdk.call(doors.port(), doors.apiKey, method, params, null);
        assertThat(out.get("ok").asBoolean()).as(out.toString()).isTrue();
        return out.get("result");
    }

    private void openAiBehind() {
        String root = provider("/v1/chat/completions", body -> {
            boolean stream = body.contains("\"stream\":true");
            if (toolTurn(body)) return stream ? List.of(OPENAI_ANSWER.replace("chat.completion\"", "chat.completion.chunk\""), "[DONE]") : OPENAI_ANSWER;
            return stream ? OPENAI_CALL_STREAM : OPENAI_CALL;
        });
        doors = new ToolLoopDoors(new OpenAiCompatibleProvider(
                new OpenAiConnection("openai", root + "/v1", "sk-test-0123456789abcdef", "openai", Duration.ofSeconds(5)), http, Clock.systemUTC()));
    }

    @Test
    void the_openai_sdk_runs_a_tool_loop_through_the_openai_adapter() throws Exception {
        openAiBehind();

        JsonNode first = openaiSdk("create", "{\"model\":\"agent\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]}");
        JsonNode call = first.at("/choices/0/message/tool_calls/0");
        assertThat(first.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
        assertThat(call.get("id").asText()).isEqualTo("call_abc123");
        assertThat(JSON.readTree(call.at("/function/arguments").asText())).isEqualTo(JSON.readTree("{\"city\":\"Paris\"}"));

        JsonNode second = openaiSdk("create", ChatCompletionsToolLoopNodeSdkTest.secondTurn("call_abc123"));

        assertThat(second.at("/choices/0/message/content").asText()).isEqualTo("It is 18C in Paris.");
        JsonNode sent = JSON.readTree(bodies.getLast()).get("messages");
        assertThat(sent.toString()).contains("\"tool_call_id\":\"call_abc123\"");
        assertThat(JSON.readTree(bodies.getLast()).at("/tools/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(doors.lastMessages().getLast()).isEqualTo(PromptMessage.toolResult("call_abc123", "18C"));
    }

    @Test
    void the_openai_sdk_streams_a_tool_call_assembled_from_the_providers_fragments() throws Exception {
        openAiBehind();

        JsonNode chunks = openaiSdk("stream", "{\"model\":\"agent\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]}");

        StringBuilder arguments = new StringBuilder();
        String id = null;
        String finish = null;
        for (JsonNode chunk : chunks) {
            for (JsonNode choice : chunk.get("choices")) {
                for (JsonNode piece : choice.at("/delta/tool_calls")) {
                    if (piece.hasNonNull("id")) id = piece.get("id").asText();
                    arguments.append(piece.at("/function/arguments").asText(""));
                }
                if (choice.hasNonNull("finish_reason")) finish = choice.get("finish_reason").asText();
            }
        }
        assertThat(id).isEqualTo("call_DdmO9pD3xa9XTPNJ32zg2hcA");
        assertThat(JSON.readTree(arguments.toString())).isEqualTo(JSON.readTree("{\"city\":\"Paris\"}"));
        assertThat(finish).isEqualTo("tool_calls");
        assertThat(JSON.readTree(bodies.getLast()).get("stream").asBoolean()).isTrue();
    }

    @Test
    void the_orquesta_sdk_runs_a_tool_loop_through_the_anthropic_adapter() throws Exception {
        String root = provider("/v1/messages", body -> toolTurn(body) ? ANTHROPIC_ANSWER : ANTHROPIC_CALL);
        doors = new ToolLoopDoors(new AnthropicProvider(
                new AnthropicConnection("anthropic", root, "sk-ant-test-0123456789", Duration.ofSeconds(5)), http, Clock.systemUTC()));

        JsonNode first = NodeSdk.call(doors.port(), doors.apiKey, "invoke",
                "{\"key\":\"agent\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather in Paris?\"}]}");
        assertThat(first.get("ok").asBoolean()).as(first.toString()).isTrue();
        JsonNode message = first.at("/result/choices/0/message");
        assertThat(message.get("type").asText()).isEqualTo("tool_calls");
        assertThat(message.get("content").asText()).isEqualTo("I'll check the weather.");
        JsonNode call = message.at("/toolCalls/0");
        assertThat(call.get("id").asText()).isEqualTo("toolu_01A09q90qw90lq917835lq9");
        assertThat(JSON.readTree(call.at("/function/arguments").asText())).isEqualTo(JSON.readTree("{\"city\":\"Paris\"}"));

        JsonNode second = NodeSdk.call(doors.port(), doors.apiKey, "invoke", """
                {"key":"agent","messages":[{"role":"user","content":"Weather in Paris?"},
                 {"role":"assistant","content":"I'll check the weather.","toolCalls":[{"id":"toolu_01A09q90qw90lq917835lq9","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]},
                 {"role":"tool","toolCallId":"toolu_01A09q90qw90lq917835lq9","content":"18C"}]}""");
        assertThat(second.get("ok").asBoolean()).as(second.toString()).isTrue();
        assertThat(second.at("/result/choices/0/message/content").asText()).isEqualTo("It is 18C in Paris.");
        JsonNode sent = JSON.readTree(bodies.getLast()).get("messages");
        assertThat(sent.get(1).at("/content/1/type").asText()).isEqualTo("tool_use");
        assertThat(sent.get(1).at("/content/1/id").asText()).isEqualTo("toolu_01A09q90qw90lq917835lq9");
        assertThat(sent.get(2).at("/content/0/type").asText()).isEqualTo("tool_result");
        assertThat(sent.get(2).at("/content/0/tool_use_id").asText()).isEqualTo("toolu_01A09q90qw90lq917835lq9");
        assertThat(doors.lastMessages().get(2).toolCalls()).containsExactly(
                new ToolCall("toolu_01A09q90qw90lq917835lq9", "get_weather", "{\"city\":\"Paris\"}"));
    }
}
