package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The official Orquesta SDK ({@link NodeSdk}) invoking a live gateway, unmodified, pointed at it with {@code serverURL}. */
class OrqSdkCompatibilityTest {
    @RegisterExtension
    static final LiveGateway live = new LiveGateway("admin");

    static JsonNode sdkInvoke(String apiKey, String requestJson) throws Exception {
        return NodeSdk.call(live.gateway().port(), apiKey, "invoke", requestJson);
    }

    @Test
    void the_official_sdk_invokes_the_demo_and_parses_the_answer_without_error() throws Exception {
        JsonNode out = sdkInvoke(live.demoKey(),
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
        var row = GatewayEndToEndTest.awaitLogRow(live.gateway(), id);
        assertThat(row.getSource()).as("a request from the SDK is logged with source SDK").isEqualTo("SDK");
        assertThat(row.getVariantKey()).isEqualTo("spanish");
    }

    @Test
    void the_sdk_sees_an_unknown_deployment_as_an_api_error_with_status_404() throws Exception {
        JsonNode out = sdkInvoke(live.demoKey(), "{\"key\":\"missing-deployment\"}");

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
