package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Orquesta SDK, {@code @orq-ai/node} 4.15.11 from the npm registry, pointed at a live gateway with
 * {@code serverURL} and used unmodified (src/test/node/invoke.mjs). `./junction test` installs it with npm ci.
 */
class OrqSdkCompatibilityTest {
    static final Path NODE_DIR = Path.of("src/test/node").toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    static Gateway gateway;
    static String demoKey;

    @BeforeAll
    static void start() throws IOException {
        if (!Files.isDirectory(NODE_DIR.resolve("node_modules/@orq-ai/node"))) {
            throw new IllegalStateException("@orq-ai/node is not installed in " + NODE_DIR
                    + ": run the suite with ./junction test (it runs npm ci there first)");
        }
        gateway = Main.start(new Settings(0, "127.0.0.1", dataDir, null, "admin", null, null), Clock.systemUTC());
        demoKey = Files.readString(dataDir.resolve("demo-api-key")).trim();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) gateway.close();
    }

    /** Runs the SDK in a Node process and returns the one JSON line it prints. */
    static JsonNode sdkInvoke(String apiKey, String requestJson) throws Exception {
        Process node = new ProcessBuilder("node", "invoke.mjs", "http://127.0.0.1:" + gateway.port(), apiKey, requestJson)
                .directory(NODE_DIR.toFile())
                .redirectErrorStream(false)
                .start();
        if (!node.waitFor(60, TimeUnit.SECONDS)) {
            node.destroyForcibly();
            throw new AssertionError("the SDK did not finish in 60 s");
        }
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(out).as("SDK output (stderr: %s)", err).isNotEmpty();
        List<String> lines = out.lines().toList();
        return JSON.readTree(lines.getLast());
    }

    @Test
    void the_official_sdk_invokes_the_demo_and_parses_the_answer_without_error() throws Exception {
        JsonNode out = sdkInvoke(demoKey,
                "{\"key\":\"customer-support\",\"context\":{\"language\":\"es\"},\"inputs\":{\"question\":\"¿Dónde está mi pedido?\"},"
                        + "\"metadata\":{\"customer_id\":\"c-42\"}}");

        assertThat(out.get("ok").asBoolean()).as(out.toString()).isTrue();
        JsonNode result = out.get("result");
        assertThat(result.get("object").asText()).isEqualTo("chat");
        assertThat(result.get("provider").asText()).isEqualTo("orq");
        assertThat(result.get("isFinal").asBoolean()).isTrue();
        assertThat(result.at("/telemetry/traceId").asText()).hasSize(32);
        assertThat(result.at("/choices/0/message/content").asText())
                .startsWith("system: Eres un agente").endsWith("user: ¿Dónde está mi pedido?");
        assertThat(result.at("/usage/totalTokens").asInt()).isPositive();

        UUID id = UUID.fromString(result.get("id").asText());
        var row = GatewayEndToEndTest.awaitLogRow(gateway, id);
        assertThat(row.getSource()).as("a request from the SDK is logged with source SDK").isEqualTo("SDK");
        assertThat(row.getVariantKey()).isEqualTo("spanish");
    }

    @Test
    void the_sdk_sees_an_unknown_deployment_as_an_api_error_with_status_404() throws Exception {
        JsonNode out = sdkInvoke(demoKey, "{\"key\":\"missing-deployment\"}");

        assertThat(out.get("ok").asBoolean()).isFalse();
        assertThat(out.get("name").asText()).isEqualTo("APIError");
        assertThat(out.get("statusCode").asInt()).isEqualTo(404);
        assertThat(out.get("body").asText()).contains("missing-deployment");
    }

    @Test
    void the_sdk_sees_a_wrong_api_key_as_401() throws Exception {
        JsonNode out = sdkInvoke("jk_not-a-key", "{\"key\":\"customer-support\",\"inputs\":{\"question\":\"hi\"}}");
        assertThat(out.get("statusCode").asInt()).isEqualTo(401);
        assertThat(out.get("name").asText()).isEqualTo("APIError");
    }
}
