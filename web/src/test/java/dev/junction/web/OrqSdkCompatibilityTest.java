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

    @Test
    void identity_thread_metadata_and_extra_params_from_the_sdk_are_honoured_and_recorded() throws Exception {
        JsonNode out = sdkInvoke(live.demoKey(), """
                {"key":"customer-support","context":{"language":"en"},"inputs":{"question":"Where is my order?"},
                 "metadata":{"customer_id":"c-42"},
                 "identity":{"id":"contact_1","displayName":"Jane","tags":["vip"]},
                 "thread":{"id":"thread_1","tags":["checkout"]},
                 "extraParams":{"temperature":0.2},
                 "invokeOptions":{"includeUsage":false,"includeRetrievals":false}}""");
        assertThat(out.get("ok").asBoolean()).as(out.toString()).isTrue();
        JsonNode result = out.get("result");
        assertThat(result.has("usage")).as("include_usage false: no usage in the answer").isFalse();

        var row = GatewayEndToEndTest.awaitLogRow(live.gateway(), UUID.fromString(result.get("id").asText()));
        assertThat(row.getIdentityId()).isEqualTo("contact_1");
        assertThat(row.getThreadId()).isEqualTo("thread_1");
        JsonNode metadata = new com.fasterxml.jackson.databind.ObjectMapper().readTree(row.getMetadata().data());
        assertThat(metadata.get("customer_id").asText()).isEqualTo("c-42");
        JsonNode request = new com.fasterxml.jackson.databind.ObjectMapper().readTree(row.getRequest().data());
        assertThat(request.at("/identity/display_name").asText()).isEqualTo("Jane");
        assertThat(request.at("/thread/tags/0").asText()).isEqualTo("checkout");
        assertThat(request.at("/extra_params/temperature").asDouble()).isEqualTo(0.2);
        assertThat(request.at("/invoke_options/include_usage").asBoolean(true)).isFalse();
        assertThat(row.getCostUsd()).as("the demo's simulator models are priced in the garden").isNotNull();
    }

    @Test
    void a_mock_response_comes_back_through_the_sdks_invoke_and_stream_without_calling_a_model() throws Exception {
        String request = """
                {"key":"customer-support","inputs":{"question":"hi"},
                 "invokeOptions":{"includeUsage":true,"includeRetrievals":false,"mockResponse":"Mocked answer here"}}""";
        JsonNode invoked = sdkInvoke(live.demoKey(), request);
        assertThat(invoked.get("ok").asBoolean()).as(invoked.toString()).isTrue();
        assertThat(invoked.at("/result/choices/0/message/content").asText()).isEqualTo("Mocked answer here");
        var row = GatewayEndToEndTest.awaitLogRow(live.gateway(), UUID.fromString(invoked.at("/result/id").asText()));
        assertThat(row.getStatus()).isEqualTo("mocked");

        JsonNode streamed = NodeSdk.call(live.gateway().port(), live.demoKey(), "stream", request);
        assertThat(streamed.get("ok").asBoolean()).as(streamed.toString()).isTrue();
        StringBuilder text = new StringBuilder();
        streamed.get("result").forEach(c -> text.append(c.at("/choices/0/message/content").asText("")));
        assertThat(text.toString()).isEqualTo("Mocked answer here");
    }

    @Test
    void an_extra_param_junction_cannot_pass_on_is_refused_by_name() throws Exception {
        JsonNode out = sdkInvoke(live.demoKey(), """
                {"key":"customer-support","inputs":{"question":"hi"},"extraParams":{"logit_bias":{"1":2},"temperature":9}}""");
        assertThat(out.get("statusCode").asInt()).isEqualTo(422);
        assertThat(out.get("body").asText()).contains("extra_params.logit_bias").contains("extra_params.temperature");
    }
}
