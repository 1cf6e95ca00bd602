package dev.junction.web;

import static dev.junction.store.generated.Tables.REQUEST_LOGS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.store.generated.tables.records.RequestLogsRecord;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole gateway as a user runs it: a real server on a free port with its own embedded PostgreSQL,
 * seeded with the demo deployment on first start, called over HTTP.
 */
class GatewayEndToEndTest {
    static final String ADMIN = "test-admin-token";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    static RequestLogsRecord awaitLogRow(UUID id) throws InterruptedException {
        return awaitLogRow(live.gateway(), id);
    }

    /** Log rows are written off the request thread: wait (bounded) for the one with this id. */
    static RequestLogsRecord awaitLogRow(Gateway gateway, UUID id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            RequestLogsRecord row = gateway.database().dsl().selectFrom(REQUEST_LOGS).where(REQUEST_LOGS.ID.eq(id)).fetchOne();
            if (row != null) return row;
            Thread.sleep(20);
        }
        throw new AssertionError("log row " + id + " never arrived");
    }

    static String invokeBody(String contextJson) {
        return "{\"key\":\"customer-support\",\"stream\":false,\"context\":" + contextJson
                + ",\"inputs\":{\"question\":\"Where is my order?\"}}";
    }

    @Test
    void the_demo_deployment_routes_spanish_speakers_to_the_spanish_variant_and_logs_the_request() throws Exception {
        TestClient.Response r = live.client().post("/v2/deployments/invoke", live.demoKey(), invokeBody("{\"language\":\"es\"}"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.header("X-Junction-Variant")).isEqualTo("spanish");
        JsonNode body = r.json();
        assertThat(body.get("object").asText()).isEqualTo("chat");
        assertThat(body.get("provider").asText()).isEqualTo("orq");
        assertThat(body.get("model").asText()).isEqualTo("echo");
        assertThat(body.get("is_final").asBoolean()).isTrue();
        assertThat(body.get("created").asText()).endsWith("Z");
        assertThat(body.at("/telemetry/trace_id").asText()).hasSize(32);
        assertThat(body.at("/choices/0/message/type").asText()).isEqualTo("content");
        assertThat(body.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(body.at("/choices/0/message/content").asText())
                .isEqualTo("system: Eres un agente de soporte de Acme. Responde en español, brevemente.\nuser: Where is my order?");
        assertThat(body.has("integration_id")).isFalse();

        RequestLogsRecord row = awaitLogRow(UUID.fromString(body.get("id").asText()));
        assertThat(row.getDeploymentKey()).isEqualTo("customer-support");
        assertThat(row.getVersionNumber()).isEqualTo(1);
        assertThat(row.getVariantKey()).isEqualTo("spanish");
        assertThat(row.getEvaluation()).isEqualTo("Matched");
        assertThat(row.getRuleId()).isEqualTo("spanish-speakers");
        assertThat(row.getProvider()).isEqualTo("simulator");
        assertThat(row.getModel()).isEqualTo("echo");
        assertThat(row.getStatus()).isEqualTo("success");
        assertThat(row.getHttpStatus()).isEqualTo(200);
        assertThat(row.getLatencyMicros()).isPositive();
        assertThat(row.getTotalTokens()).isEqualTo(body.at("/usage/total_tokens").asInt()).isPositive();
        assertThat(row.getSource()).isEqualTo("API");
        assertThat(row.getContext().data()).contains("\"language\": \"es\"");
    }

    @Test
    void any_other_context_gets_the_default_english_variant() throws Exception {
        TestClient.Response r = live.client().post("/v2/deployments/invoke", live.demoKey(), invokeBody("{\"language\":\"fr\"}"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Junction-Variant")).isEqualTo("english");
        RequestLogsRecord row = awaitLogRow(UUID.fromString(r.json().get("id").asText()));
        assertThat(row.getEvaluation()).isEqualTo("Default Matched");
        assertThat(row.getRuleId()).isNull();
    }

    @Test
    void an_unknown_deployment_key_is_a_404_naming_the_key() {
        TestClient.Response r = live.client().post("/v2/deployments/invoke", live.demoKey(), "{\"key\":\"no-such-thing\"}");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("code").asText()).isEqualTo("404");
        assertThat(r.json().get("key").asText()).isEqualTo("no-such-thing");
        assertThat(r.json().get("message").asText()).contains("no-such-thing");
        assertThat(r.header("X-Junction-Overhead-Ms")).as("an error says the gateway's time too").matches("\\d+\\.\\d{3}");

        TestClient.Response stream = live.client().post("/v2/deployments/stream", live.demoKey(), "{\"key\":\"no-such-thing\"}");
        assertThat(stream.status()).isEqualTo(404);
        assertThat(stream.header("X-Junction-Overhead-Ms")).matches("\\d+\\.\\d{3}");
    }

    @Test
    void malformed_json_is_a_400_that_says_so() {
        TestClient.Response r = live.client().post("/v2/deployments/invoke", live.demoKey(), "{\"key\": \"customer-support\",");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/errors/0/path").asText()).isEqualTo("body");
        assertThat(r.json().get("message").asText()).contains("malformed JSON");
        assertThat(r.header("X-Junction-Overhead-Ms")).isNotNull();
        assertNoStackTrace(r);
    }

    @Test
    void a_missing_or_wrongly_typed_key_is_a_400_naming_the_field() {
        TestClient.Response missing = live.client().post("/v2/deployments/invoke", live.demoKey(), "{\"inputs\":{}}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().at("/errors/0/path").asText()).isEqualTo("key");

        TestClient.Response number = live.client().post("/v2/deployments/invoke", live.demoKey(), "{\"key\":42}");
        assertThat(number.status()).isEqualTo(400);
        assertThat(number.json().at("/errors/0/path").asText()).isEqualTo("key");

        TestClient.Response context = live.client().post("/v2/deployments/invoke", live.demoKey(), "{\"key\":\"customer-support\",\"context\":[1]}");
        assertThat(context.status()).isEqualTo(400);
        assertThat(context.json().at("/errors/0/path").asText()).isEqualTo("context");
    }

    @Test
    void asking_the_invoke_endpoint_for_a_stream_answers_server_sent_events_and_a_non_boolean_is_a_400() {
        TestClient.Response r = live.client().post("/v2/deployments/invoke", live.demoKey(),
                "{\"key\":\"customer-support\",\"stream\":true,\"inputs\":{\"question\":\"hi\"}}");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/event-stream");
        assertThat(r.body()).endsWith("data: [DONE]\n\n");

        TestClient.Response bad = live.client().post("/v2/deployments/invoke", live.demoKey(),
                "{\"key\":\"customer-support\",\"stream\":\"yes\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/errors/0/path").asText()).isEqualTo("stream");
    }

    @Test
    void a_missing_or_wrong_api_key_is_a_401() {
        TestClient.Response none = live.client().post("/v2/deployments/invoke", null, invokeBody("{}"));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
        assertThat(none.json().get("message").asText()).contains("missing API key");
        assertThat(none.header("X-Junction-Overhead-Ms")).isNotNull();

        TestClient.Response wrong = live.client().post("/v2/deployments/invoke", "jk_wrong", invokeBody("{}"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("message").asText()).contains("invalid API key");

        TestClient.Response admin = live.client().post("/v2/deployments/invoke", ADMIN, invokeBody("{}"));
        assertThat(admin.status()).as("the admin token is not an API key").isEqualTo(401);
    }

    @Test
    void a_prompt_variable_without_input_is_a_422_naming_the_input() {
        TestClient.Response r = live.client().post("/v2/deployments/invoke", live.demoKey(), "{\"key\":\"customer-support\"}");
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/errors/0/path").asText()).isEqualTo("inputs.question");
        assertThat(r.header("X-Junction-Overhead-Ms")).isNotNull();
    }

    @Test
    void unknown_endpoints_answer_json_too() {
        TestClient.Response r = live.client().get("/v2/nothing-here");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("code").asText()).isEqualTo("404");
    }

    @Test
    void an_admin_creates_an_api_key_that_is_shown_once_and_works() throws Exception {
        TestClient.Response created = live.client().post("/api/keys", ADMIN, "{\"name\":\"mobile app\"}");
        assertThat(created.status()).isEqualTo(201);
        String key = created.json().get("key").asText();
        assertThat(key).startsWith("jk_");
        assertThat(created.json().get("id").asText()).isNotBlank();

        assertThat(live.client().post("/v2/deployments/invoke", key, invokeBody("{}")).status()).isEqualTo(200);
        var stored = live.gateway().database().dsl().selectFrom(dev.junction.store.generated.Tables.API_KEYS)
                .where(dev.junction.store.generated.Tables.API_KEYS.NAME.eq("mobile app")).fetchOne();
        assertThat(stored).isNotNull();
        assertThat(stored.getKeyHash()).isNotEqualTo(key).hasSize(64);
        assertThat(stored.getPrefix()).isEqualTo(key.substring(0, 9));
    }

    @Test
    void only_an_admin_creates_api_keys_and_a_key_needs_a_name() {
        assertThat(live.client().post("/api/keys", null, "{\"name\":\"x\"}").status()).isEqualTo(401);
        assertThat(live.client().post("/api/keys", live.demoKey(), "{\"name\":\"x\"}").status()).isEqualTo(401);

        TestClient.Response nameless = live.client().post("/api/keys", ADMIN, "{}");
        assertThat(nameless.status()).isEqualTo(422);
        assertThat(nameless.json().at("/errors/0/path").asText()).isEqualTo("name");
        assertThat(live.client().post("/api/keys", ADMIN, "not json").status()).isEqualTo(400);
    }

    private static void assertNoStackTrace(TestClient.Response r) {
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(".java:");
    }
}
