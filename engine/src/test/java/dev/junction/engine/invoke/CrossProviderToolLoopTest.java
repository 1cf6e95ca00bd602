package dev.junction.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.log.RequestLog;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.provider.anthropic.AnthropicConnection;
import dev.junction.engine.provider.anthropic.AnthropicProvider;
import dev.junction.engine.provider.contract.ReplayServer;
import dev.junction.engine.provider.http.UpstreamHttp;
import dev.junction.engine.provider.openai.OpenAiCompatibleProvider;
import dev.junction.engine.provider.openai.OpenAiConnection;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A tool loop that crosses providers: the first turn is answered by OpenAI with a tool call; on the second turn (the
 * tool's result sent back) OpenAI fails and the variant's Anthropic fallback answers. Anthropic must get the whole
 * conversation in its own wire format with OpenAI's tool-call id intact (a {@code tool_use} block with that id and a
 * {@code tool_result} naming it), over real HTTP on loopback with the real adapters.
 */
class CrossProviderToolLoopTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPENAI_TOOL_CALL = """
            {"id":"chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG","object":"chat.completion","created":1741570283,
             "model":"gpt-4o-2024-08-06","choices":[{"index":0,"message":{"role":"assistant","content":null,
             "tool_calls":[{"id":"call_Jm7WqS3ZnGQOyjpyV6bqEv8E","type":"function","function":{"name":"get_weather",
             "arguments":"{\\"city\\":\\"Paris\\",\\"unit\\":\\"celsius\\"}"}}],"refusal":null,"annotations":[]},
             "logprobs":null,"finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":82,"completion_tokens":18,"total_tokens":100,
             "prompt_tokens_details":{"cached_tokens":0,"audio_tokens":0},
             "completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,
             "rejected_prediction_tokens":0}},"service_tier":"default","system_fingerprint":"fp_fc9f1d7035"}""";
    private static final String OPENAI_DOWN = """
            {"error":{"message":"The server had an error while processing your request. Sorry about that!",
             "type":"server_error","param":null,"code":null}}""";
    private static final String ANTHROPIC_ANSWER = """
            {"id":"msg_01Aq9w938a90dw8q","type":"message","role":"assistant","model":"claude-sonnet-4-20250514",
             "content":[{"type":"text","text":"It is 18 degrees Celsius in Paris."}],
             "stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":512,"output_tokens":14,"cache_creation_input_tokens":0,"cache_read_input_tokens":0}}""";

    private final ReplayServer openai = ReplayServer.start("openai");
    private final ReplayServer anthropic = ReplayServer.start("anthropic");
    private final UpstreamHttp http = UpstreamHttp.start();
    private final List<RequestLog> logs = new CopyOnWriteArrayList<>();
    private final ActiveDeployments active = new ActiveDeployments();
    private final InvokeService service = new InvokeService(active, logs::add, Clock.systemUTC(), new Ids(Clock.systemUTC()));

    @AfterEach
    void close() {
        openai.close();
        anthropic.close();
        http.close();
    }

    @Test
    void an_anthropic_fallback_continues_an_openai_tool_loop_with_the_tool_ids_intact() throws Exception {
        Duration timeout = Duration.ofSeconds(5);
        Providers providers = new Providers(List.of(
                new OpenAiCompatibleProvider(new OpenAiConnection("openai", openai.rootUrl() + "/v1", "sk-test-openai-0123456789", "openai", timeout), http, Clock.systemUTC()),
                new AnthropicProvider(new AnthropicConnection("anthropic", anthropic.rootUrl(), "sk-ant-test-0123456789", timeout), http, Clock.systemUTC())));
        ToolSpec weather = new ToolSpec("get_weather", "The weather in a city", Map.of("type", "object",
                "properties", Map.of("city", Map.of("type", "string"), "unit", Map.of("type", "string")),
                "required", List.of("city")));
        ModelParameters withTools = ModelParameters.DEFAULTS.withTools(List.of(weather)).withMaxTokens(1024);
        Variant v = new Variant("main", List.of(PromptMessage.system("You answer weather questions.")),
                new ModelConfig("openai", "gpt-4o", withTools, 0, null),
                new ModelConfig("anthropic", "claude-sonnet-4-20250514", withTools, 0, null), null);
        DeploymentSpec spec = new DeploymentSpec("weather", "", List.of(v), new RoutingTable(List.of(), "main"));
        active.put(ActiveDeployment.build(new DeploymentVersion(UUID.randomUUID(), UUID.randomUUID(), 1, "h", spec, "t", "",
                Instant.now()), InvokeServiceTest.FIRST_MATCH, providers, new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(2), 0.0)));

        // Turn 1: OpenAI asks for the tool.
        openai.replyWith(200, OPENAI_TOOL_CALL, "Content-Type", "application/json");
        List<PromptMessage> conversation = new ArrayList<>(List.of(PromptMessage.user("What is the weather in Paris?")));
        InvokeResult first = service.invoke(new InvokeRequest("weather", Map.of(), Map.of(), null, conversation, null, Source.API));
        ChatResponse call = first.response();
        assertThat(call.finishReason()).isEqualTo("tool_calls");
        assertThat(call.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("call_Jm7WqS3ZnGQOyjpyV6bqEv8E");
            assertThat(c.name()).isEqualTo("get_weather");
            assertThat(JSON.readTree(c.arguments())).isEqualTo(JSON.readTree("{\"city\":\"Paris\",\"unit\":\"celsius\"}"));
        });

        // Turn 2: the tool's result goes back; OpenAI is down, so Anthropic answers.
        conversation.add(call.asMessage());
        conversation.add(PromptMessage.toolResult("call_Jm7WqS3ZnGQOyjpyV6bqEv8E", "{\"temperature\":18}"));
        openai.replyWith(503, OPENAI_DOWN, "Content-Type", "application/json");
        anthropic.replyWith(200, ANTHROPIC_ANSWER, "Content-Type", "application/json");
        InvokeResult second = service.invoke(new InvokeRequest("weather", Map.of(), Map.of(), null, conversation, null, Source.API));

        assertThat(second.response().content()).isEqualTo("It is 18 degrees Celsius in Paris.");
        assertThat(second.model().provider()).isEqualTo("anthropic");
        assertThat(second.attempts()).extracting(Attempt::reason).containsExactly("server_error", null);

        JsonNode sent = JSON.readTree(anthropic.onlyRequest().body());
        assertThat(sent.path("system").toString()).contains("You answer weather questions.");
        JsonNode messages = sent.get("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).path("role").asText()).isEqualTo("user");
        JsonNode toolUse = messages.get(1).path("content").get(0);
        assertThat(messages.get(1).path("role").asText()).isEqualTo("assistant");
        assertThat(toolUse.path("type").asText()).isEqualTo("tool_use");
        assertThat(toolUse.path("id").asText()).isEqualTo("call_Jm7WqS3ZnGQOyjpyV6bqEv8E");
        assertThat(toolUse.path("name").asText()).isEqualTo("get_weather");
        assertThat(toolUse.path("input")).isEqualTo(JSON.readTree("{\"city\":\"Paris\",\"unit\":\"celsius\"}"));
        JsonNode toolResult = messages.get(2).path("content").get(0);
        assertThat(messages.get(2).path("role").asText()).isEqualTo("user");
        assertThat(toolResult.path("type").asText()).isEqualTo("tool_result");
        assertThat(toolResult.path("tool_use_id").asText()).isEqualTo("call_Jm7WqS3ZnGQOyjpyV6bqEv8E");
        assertThat(toolResult.toString()).contains("temperature");
        assertThat(sent.path("tools").get(0).path("name").asText()).isEqualTo("get_weather");
        assertThat(sent.path("tools").get(0).path("input_schema").path("required").get(0).asText()).isEqualTo("city");
    }
}
