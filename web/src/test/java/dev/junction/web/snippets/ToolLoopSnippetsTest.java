package dev.junction.web.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.rules.DroolsRouterCompiler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The snippets of a variant with tools are a tool loop. The Node snippet runs unmodified with the official
 * {@code @orq-ai/node} SDK, and the cURL one with bash, curl and jq, against a stub of {@code /v2/deployments/invoke}
 * that asks for a tool on the first call and answers on the second: the second request carries the assistant turn
 * with its tool calls and a tool message answering each by its id, in the wire shapes of the SDK.
 */
class ToolLoopSnippetsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Path NODE_DIR = Path.of("src/test/node").toAbsolutePath();
    private final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private HttpServer stub;
    private String url;

    static final String TOOL_CALL = """
            {"id":"01JTOOL","created":"2026-12-05T10:00:00Z","object":"chat","model":"gpt-4o","provider":"openai","is_final":true,
             "telemetry":{"trace_id":"t","span_id":"s"},
             "choices":[{"index":0,"finish_reason":"tool_calls","message":{"type":"tool_calls","role":"assistant","content":null,
               "tool_calls":[{"id":"call_7","index":0,"type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}}]}}]}""";
    static final String ANSWER = """
            {"id":"01JANSWER","created":"2026-12-05T10:00:01Z","object":"chat","model":"gpt-4o","provider":"openai","is_final":true,
             "telemetry":{"trace_id":"t","span_id":"s"},
             "choices":[{"index":0,"finish_reason":"stop","message":{"type":"content","role":"assistant","content":"21 degrees in Paris"}}]}""";

    @BeforeEach
    void start() throws IOException {
        stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        stub.createContext("/v2/deployments/invoke", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            requests.add(body);
            byte[] out = (body.has("messages") ? ANSWER : TOOL_CALL).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        stub.start();
        url = "http://127.0.0.1:" + stub.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        stub.stop(0);
    }

    static Snippets.Result generate(String url) {
        ToolSpec weather = new ToolSpec("get_weather", "Weather of a city",
                Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string"))));
        ToolSpec time = new ToolSpec("get_time", null, Map.of("type", "object", "properties", Map.of()));
        Variant v = new Variant("main", List.of(PromptMessage.user("{{question}}")), null,
                ModelConfig.of("openai", "gpt-4o").withParameters(ModelParameters.DEFAULTS.withTools(List.of(weather, time))),
                null, null);
        DeploymentSpec spec = new DeploymentSpec("weather", "", List.of(v), new RoutingTable(List.of(), "main"));
        return Snippets.generate(spec, "v1", new DroolsRouterCompiler().compile("weather@test", spec.routing(), spec.routingSchema()),
                v, url);
    }

    private void assertSecondCallSendsTheToolResult(String expectedContentStart) {
        assertThat(requests).hasSize(2);
        assertThat(requests.getFirst().has("messages")).isFalse();
        JsonNode second = requests.get(1);
        assertThat(second.get("key").asText()).isEqualTo("weather");
        assertThat(second.at("/inputs/question").asText()).isEqualTo("...");
        JsonNode messages = second.get("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).get("role").asText()).isEqualTo("assistant");
        assertThat(messages.get(0).get("tool_calls").toString())
                .isEqualTo("[{\"id\":\"call_7\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"}}]");
        assertThat(messages.get(1).get("role").asText()).isEqualTo("tool");
        assertThat(messages.get(1).get("tool_call_id").asText()).isEqualTo("call_7");
        assertThat(messages.get(1).get("content").asText()).startsWith(expectedContentStart);
    }

    @Test
    void the_node_snippet_runs_a_tool_loop_with_the_official_sdk() throws Exception {
        String snippet = generate(url).node();
        assertThat(snippet).contains("case \"get_weather\":", "case \"get_time\":");
        Path file = NODE_DIR.resolve("snippet-tools-" + UUID.randomUUID() + ".mjs");
        Files.writeString(file, snippet);
        try {
            Run run = run(new ProcessBuilder("node", file.getFileName().toString()).directory(NODE_DIR.toFile()));
            assertThat(run.exit).as("stderr: %s", run.err).isZero();
            assertThat(run.out).isEqualTo("21 degrees in Paris");
        } finally {
            Files.deleteIfExists(file);
        }
        assertSecondCallSendsTheToolResult("{\"tool\":\"get_weather\",\"args\":{\"city\":\"Paris\"}}");
    }

    @Test
    void the_curl_snippet_sends_the_calls_and_their_results_back() throws Exception {
        String snippet = generate(url).curl();
        Run run = run(new ProcessBuilder("bash", "-euo", "pipefail", "-c", snippet));
        assertThat(run.exit).as("stderr: %s", run.err).isZero();
        assertThat(run.out).contains("\"tool_calls\"").contains("21 degrees in Paris");
        assertSecondCallSendsTheToolResult("result of get_weather");
    }

    @Test
    void the_python_snippet_loops_with_the_sdks_snake_case_shapes() {
        String python = generate("http://gateway.example").python();
        assertThat(python)
                .contains("def run_tool(name, args):", "if name == \"get_weather\":", "if name == \"get_time\":")
                .contains("message = orq.deployments.invoke(**request).choices[0].message")
                .contains("if message.type != \"tool_calls\":")
                .contains("\"tool_calls\": [", "{\"id\": call.id, \"type\": \"function\",")
                .contains("\"function\": {\"name\": call.function.name, \"arguments\": call.function.arguments}}")
                .contains("messages.append({\"role\": \"tool\", \"tool_call_id\": call.id, \"content\": result})")
                .contains("orq.deployments.invoke(**request, messages=messages)")
                .contains("for _ in range(" + Snippets.MAX_TOOL_ROUNDS + "):");
    }

    @Test
    void a_variant_without_tools_keeps_the_single_call() {
        Variant v = new Variant("plain", List.of(PromptMessage.user("hi")), null, ModelConfig.of("openai", "gpt-4o"), null, null);
        DeploymentSpec spec = new DeploymentSpec("plain", "", List.of(v), new RoutingTable(List.of(), "plain"));
        Snippets.Result r = Snippets.generate(spec, "v1", new DroolsRouterCompiler().compile("plain@test", spec.routing(),
                spec.routingSchema()), v, "http://gateway.example");
        assertThat(r.node() + r.python() + r.curl()).doesNotContain("tool");
    }

    record Run(int exit, String out, String err) {}

    private static Run run(ProcessBuilder builder) throws Exception {
        builder.environment().put("ORQ_API_KEY", "test-key");
        Process p = builder.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the snippet did not finish in 60 s");
        }
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim(),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    }
}
