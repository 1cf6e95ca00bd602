package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.deployment.DeploymentSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What both front doors answer when every option failed, over real HTTP: a request the provider refused as invalid
 * keeps its client status (no 5xx for a client to retry), a prompt too large for the context window is a 400
 * {@code context_length_exceeded}, refused gateway credentials stay a 502 that says so, and every such answer
 * carries the request id, variant and deployment version headers, streams included.
 */
class UpstreamErrorsApiTest {
    static final String ADMIN = "upstream-admin";
    static final String LONG = "\"" + "Where is my order? ".repeat(20) + "\"";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    static OpenAiStub invalid;
    static OpenAiStub unauthorized;

    @BeforeAll
    static void deploy() {
        invalid = new OpenAiStub(400, "{\"error\":{\"message\":\"Invalid value for 'temperature': expected at most 2.\","
                + "\"type\":\"invalid_request_error\",\"param\":\"temperature\",\"code\":\"invalid_value\"}}");
        unauthorized = new OpenAiStub(401, "{\"error\":{\"message\":\"Incorrect API key provided: sk-wr***ng.\","
                + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
        connect("stub-invalid", invalid);
        connect("stub-auth", unauthorized);
        deployNow(ModelGardenApiTest.spec("too-long", "simulator", "tiny-context"));
        deployNow(ModelGardenApiTest.spec("refused", "stub-invalid", "m1"));
        deployNow(ModelGardenApiTest.spec("bad-key", "stub-auth", "m1"));
        deployNow(ModelGardenApiTest.spec("down", "simulator", "broken"));
    }

    @AfterAll
    static void stop() {
        invalid.close();
        unauthorized.close();
    }

    private static void connect(String name, OpenAiStub stub) {
        assertThat(live.client().put("/api/providers/" + name, ADMIN, "{\"kind\":\"openai-compatible\",\"baseUrl\":\""
                + stub.baseUrl() + "\",\"apiKey\":\"sk-wrong\"}").status()).isEqualTo(201);
        assertThat(live.client().put("/api/models/" + name + "/m1", ADMIN, "{\"contextWindow\":1000,\"maxOutputTokens\":100,"
                + "\"inputPerMillion\":1,\"outputPerMillion\":1,\"cachedInputPerMillion\":1}").status()).isEqualTo(201);
        assertThat(live.client().post("/api/models/" + name + "/m1/activate", ADMIN, "").status()).isEqualTo(200);
    }

    private static void deployNow(DeploymentSpec spec) {
        live.gateway().deployments().create(spec, "t");
        live.gateway().deployments().deploy(spec.key(), null, "t", "");
    }

    private static TestClient.Response v2(String key, String question, boolean stream) {
        return live.client().post(stream ? "/v2/deployments/stream" : "/v2/deployments/invoke", live.demoKey(),
                "{\"key\":\"" + key + "\",\"inputs\":{\"question\":" + question + "}}");
    }

    private static TestClient.Response v1(String key, String question, boolean stream) {
        return live.client().post("/v1/chat/completions", live.demoKey(), "{\"model\":\"" + key + "\",\"messages\":[],"
                + "\"junction\":{\"inputs\":{\"question\":" + question + "}}" + (stream ? ",\"stream\":true" : "") + "}");
    }

    private static void routedHeaders(TestClient.Response r, String requestId) {
        assertThat(r.header("X-Junction-Request-Id")).as("request id").isEqualTo(requestId);
        assertThat(r.header("X-Junction-Variant")).as("variant").isEqualTo("main");
        assertThat(r.header("X-Junction-Deployment-Version")).as("version").isEqualTo("v1");
        assertThat(r.header("X-Junction-Overhead-Ms")).isNotNull();
    }

    @Test
    void a_prompt_too_large_for_the_context_window_is_a_400_context_length_exceeded_in_both_front_doors() {
        for (boolean stream : new boolean[] {false, true}) {
            TestClient.Response orq = v2("too-long", LONG, stream);
            assertThat(orq.status()).as(orq.body()).isEqualTo(400);
            assertThat(orq.json().get("code").asText()).isEqualTo("400");
            assertThat(orq.json().get("error_code").asText()).isEqualTo("context_length_exceeded");
            assertThat(orq.json().get("message").asText()).contains("32-token context window", "not sent");
            JsonNode attempt = orq.json().at("/attempts/0");
            assertThat(attempt.get("reason").asText()).isEqualTo("context_window");
            assertThat(attempt.has("upstreamStatus")).as("nothing was sent: no provider status").isFalse();
            assertThat(attempt.get("sent").asBoolean()).isFalse();
            routedHeaders(orq, orq.json().get("request_id").asText());

            TestClient.Response openai = v1("too-long", LONG, stream);
            assertThat(openai.status()).as(openai.body()).isEqualTo(400);
            JsonNode error = openai.json().get("error");
            assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.get("code").asText()).isEqualTo("context_length_exceeded");
            assertThat(error.has("error_code")).isFalse();
            assertThat(openai.header("x-should-retry")).isEqualTo("false");
            routedHeaders(openai, error.get("request_id").asText());
        }
    }

    @Test
    void a_request_the_provider_refused_as_invalid_keeps_its_400_and_the_providers_message() {
        for (boolean stream : new boolean[] {false, true}) {
            TestClient.Response orq = v2("refused", "\"hi\"", stream);
            assertThat(orq.status()).as(orq.body()).isEqualTo(400);
            assertThat(orq.json().get("error_code").asText()).isEqualTo("provider_invalid_request");
            assertThat(orq.json().get("message").asText()).contains("stub-invalid/m1 refused the request as invalid (HTTP 400)",
                    "Invalid value for 'temperature'");
            assertThat(orq.json().at("/attempts/0/upstreamStatus").asInt()).isEqualTo(400);
            routedHeaders(orq, orq.json().get("request_id").asText());

            TestClient.Response openai = v1("refused", "\"hi\"", stream);
            assertThat(openai.status()).as(openai.body()).isEqualTo(400);
            assertThat(openai.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
            assertThat(openai.json().at("/error/code").asText()).isEqualTo("provider_invalid_request");
            assertThat(openai.json().at("/error/message").asText()).contains("Invalid value for 'temperature'");
        }
    }

    @Test
    void a_provider_refusing_the_gateways_credentials_is_a_502_that_says_so() {
        TestClient.Response orq = v2("bad-key", "\"hi\"", false);
        assertThat(orq.status()).isEqualTo(502);
        assertThat(orq.json().get("error_code").asText()).isEqualTo("provider_credentials_refused");
        assertThat(orq.json().get("message").asText()).contains("refused the gateway's credentials", "'stub-auth'");
        assertThat(orq.body()).doesNotContain("sk-wrong");

        TestClient.Response openai = v1("bad-key", "\"hi\"", false);
        assertThat(openai.status()).isEqualTo(502);
        assertThat(openai.json().at("/error/code").asText()).isEqualTo("provider_credentials_refused");
    }

    @Test
    void a_502_carries_the_request_id_variant_and_version_headers_in_both_front_doors_streams_too() {
        for (boolean stream : new boolean[] {false, true}) {
            TestClient.Response orq = v2("down", "\"hi\"", stream);
            assertThat(orq.status()).isEqualTo(502);
            routedHeaders(orq, orq.json().get("request_id").asText());

            TestClient.Response openai = v1("down", "\"hi\"", stream);
            assertThat(openai.status()).isEqualTo(502);
            routedHeaders(openai, openai.json().at("/error/request_id").asText());
        }
    }

    @Test
    void a_missing_input_is_answered_with_the_routing_headers_too() {
        TestClient.Response orq = live.client().post("/v2/deployments/invoke", live.demoKey(), "{\"key\":\"down\"}");
        assertThat(orq.status()).isEqualTo(422);
        assertThat(orq.header("X-Junction-Variant")).isEqualTo("main");
        assertThat(orq.header("X-Junction-Request-Id")).isNotBlank();

        TestClient.Response openai = live.client().post("/v1/chat/completions", live.demoKey(), "{\"model\":\"down\",\"messages\":[]}");
        assertThat(openai.status()).isEqualTo(422);
        assertThat(openai.header("X-Junction-Deployment-Version")).isEqualTo("v1");
    }
}
