package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The snippets endpoint on a live gateway, and its Node snippet run unmodified with the official SDK. */
class SnippetsEndToEndTest {
    static final String ADMIN = "admin";
    static final String SPANISH = "/api/deployments/customer-support/variants/spanish/snippets";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    @Test
    void the_snippets_of_the_spanish_variant_carry_its_context_its_inputs_and_this_gateways_url() {
        TestClient.Response r = live.client().get(SPANISH, ADMIN);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("routable").asBoolean()).isTrue();
        assertThat(body.at("/context/language").asText()).isEqualTo("es");
        assertThat(body.at("/inputs/question").asText()).isEqualTo("...");
        assertThat(body.get("version").asText()).isEqualTo("v1");
        assertThat(body.get("node").asText()).contains("serverURL: \"" + live.client().base() + "\"");
        assertThat(body.get("python").asText()).contains("server_url=\"" + live.client().base() + "\"");
        assertThat(body.get("curl").asText()).contains(live.client().base() + "/v2/deployments/invoke").contains("$ORQ_API_KEY");
        assertThat(r.body()).doesNotContain(live.demoKey());
    }

    @Test
    void the_node_snippet_runs_unmodified_and_gets_the_answer_of_the_spanish_variant() throws Exception {
        String snippet = live.client().get(SPANISH, ADMIN).json().get("node").asText();
        Path file = NodeSdk.NODE_DIR.resolve("snippet-" + UUID.randomUUID() + ".mjs");
        Files.writeString(file, snippet);
        try {
            ProcessBuilder builder = new ProcessBuilder("node", file.getFileName().toString())
                    .directory(NodeSdk.NODE_DIR.toFile());
            builder.environment().put("ORQ_API_KEY", live.demoKey());
            Process node = builder.start();
            if (!node.waitFor(60, TimeUnit.SECONDS)) {
                node.destroyForcibly();
                throw new AssertionError("the snippet did not finish in 60 s");
            }
            String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            String err = new String(node.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();

            assertThat(node.exitValue()).as("stderr: %s", err).isZero();
            assertThat(out).isEqualTo("system: Eres un agente de soporte de Acme. Responde en español, brevemente.\nuser: ...");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void the_default_variant_is_called_with_a_context_no_rule_matches() {
        JsonNode body = live.client().get("/api/deployments/customer-support/variants/english/snippets", ADMIN).json();

        assertThat(body.get("routable").asBoolean()).isTrue();
        assertThat(body.get("context").size()).isZero();
    }

    @Test
    void an_unknown_deployment_or_variant_is_a_404_and_snippets_need_an_admin_token() {
        TestClient.Response deployment = live.client().get("/api/deployments/nope/variants/spanish/snippets", ADMIN);
        assertThat(deployment.status()).isEqualTo(404);
        assertThat(deployment.json().get("key").asText()).isEqualTo("nope");

        TestClient.Response variant = live.client().get("/api/deployments/customer-support/variants/klingon/snippets", ADMIN);
        assertThat(variant.status()).isEqualTo(404);
        assertThat(variant.json().get("variant").asText()).isEqualTo("klingon");

        assertThat(live.client().get(SPANISH, null).status()).isEqualTo(401);
        assertThat(live.client().get(SPANISH, live.demoKey()).status()).isEqualTo(401);
    }
}
