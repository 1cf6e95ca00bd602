package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * API keys scoped to projects, folders or deployments, and keys that expire, on a real gateway and its PostgreSQL:
 * every door that reaches a deployment (/v2 invoke, stream, get_config, list; /v1 chat completions) refuses what lies
 * outside the scope with a 403 naming the deployment in its own error shape, the official SDKs see their typed
 * errors, an expired key gets a 401 of its own on the gateway's clock, and /api/keys validates what it is given.
 */
class ScopedApiKeyTest {
    static final String ADMIN = "scoped-admin";
    static final ShiftedClock clock = new ShiftedClock();

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN).on(clock);

    static String emeaKey;
    static String emeaKeyId;
    static String demoOnlyKey;

    /** The system clock moved ahead by hand: the gateway's time goes on, and a test can jump past an expiry. */
    static final class ShiftedClock extends Clock {
        volatile Duration ahead = Duration.ZERO;

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { throw new UnsupportedOperationException(); }
        @Override public Instant instant() { return Instant.now().plus(ahead); }
    }

    @BeforeAll
    static void deployments_in_three_folders_and_two_scoped_keys() {
        deploy("emea-bot", "support/emea");
        deploy("emea-de-bot", "support/emea/de");
        deploy("apac-bot", "support/apac");
        TestClient.Response a = live.client().post("/api/keys", ADMIN,
                "{\"name\":\"emea-app\",\"scope\":{\"projects\":[\"shop/support/emea\"]}}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        emeaKey = a.json().get("key").asText();
        emeaKeyId = a.json().get("id").asText();
        assertThat(a.json().at("/scope/projects/0").asText()).isEqualTo("shop/support/emea");
        TestClient.Response d = live.client().post("/api/keys", ADMIN,
                "{\"name\":\"demo-app\",\"scope\":{\"deployments\":[\"customer-support\",\"not-yet\"]}}");
        assertThat(d.status()).as(d.body()).isEqualTo(201);
        demoOnlyKey = d.json().get("key").asText();
    }

    static void deploy(String key, String folder) {
        String spec = DeploymentApiTest.spec(key, "in " + folder, "echo").replace("\"folder\":\"support/emea\"", "\"folder\":\"" + folder + "\"");
        TestClient.Response created = live.client().post("/api/deployments", ADMIN, spec);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        TestClient.Response deployed = live.client().post("/api/deployments/" + key + "/deploy", ADMIN, "{}");
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);
    }

    static TestClient.Response invoke(String apiKey, String deployment) {
        return live.client().post("/v2/deployments/invoke", apiKey, "{\"key\":\"" + deployment + "\",\"inputs\":{\"question\":\"hi\"}}");
    }

    static TestClient.Response chat(String apiKey, String deployment) {
        return live.client().post("/v1/chat/completions", apiKey, chatBody(deployment));
    }

    static String chatBody(String deployment) {
        return "{\"model\":\"" + deployment + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"junction\":{\"inputs\":{\"question\":\"hi\"}}}";
    }

    @Test
    void a_folder_scope_covers_its_subfolder_and_refuses_a_sibling_on_the_orquesta_door() {
        assertThat(invoke(emeaKey, "emea-bot").status()).isEqualTo(200);
        assertThat(invoke(emeaKey, "emea-de-bot").status()).as("a subfolder").isEqualTo(200);

        TestClient.Response sibling = invoke(emeaKey, "apac-bot");
        assertThat(sibling.status()).isEqualTo(403);
        assertThat(sibling.json().get("code").asText()).isEqualTo("403");
        assertThat(sibling.json().get("message").asText()).isEqualTo(
                "API key 'emea-app' may not invoke deployment 'apac-bot' (its scope: folder shop/support/emea)");
        assertThat(sibling.json().get("key").asText()).isEqualTo("apac-bot");
        assertThat(sibling.json().get("error_code").asText()).isEqualTo("deployment_not_in_scope");

        TestClient.Response stream = live.client().post("/v2/deployments/stream", emeaKey,
                "{\"key\":\"apac-bot\",\"inputs\":{\"question\":\"hi\"}}");
        assertThat(stream.status()).isEqualTo(403);
        assertThat(stream.json().get("key").asText()).isEqualTo("apac-bot");
        TestClient.Response config = live.client().post("/v2/deployments/get_config", emeaKey, "{\"key\":\"apac-bot\"}");
        assertThat(config.status()).isEqualTo(403);
        assertThat(live.client().post("/v2/deployments/get_config", emeaKey, "{\"key\":\"emea-de-bot\"}").status()).isEqualTo(200);
    }

    @Test
    void the_openai_door_answers_403_in_openais_shape_naming_the_model() {
        assertThat(chat(emeaKey, "emea-bot").status()).isEqualTo(200);
        TestClient.Response refused = chat(emeaKey, "customer-support");
        assertThat(refused.status()).isEqualTo(403);
        JsonNode e = refused.json().get("error");
        assertThat(e.get("message").asText()).isEqualTo(
                "API key 'emea-app' may not invoke deployment 'customer-support' (its scope: folder shop/support/emea)");
        assertThat(e.get("type").asText()).isEqualTo("permission_error");
        assertThat(e.get("param").asText()).isEqualTo("model");
        assertThat(e.get("code").asText()).isEqualTo("deployment_not_in_scope");
    }

    @Test
    void a_key_scoped_to_deployments_reaches_them_and_learns_nothing_of_the_rest() {
        assertThat(invoke(demoOnlyKey, "customer-support").status()).isEqualTo(200);
        assertThat(chat(demoOnlyKey, "customer-support").status()).isEqualTo(200);
        assertThat(invoke(demoOnlyKey, "not-yet").status()).as("named in its scope, not created yet").isEqualTo(404);

        TestClient.Response existing = invoke(demoOnlyKey, "emea-bot");
        TestClient.Response missing = invoke(demoOnlyKey, "no-such-bot");
        assertThat(existing.status()).isEqualTo(403);
        assertThat(missing.status()).as("a deployment that does not exist is refused alike").isEqualTo(403);
        assertThat(missing.body().replace("no-such-bot", "X")).isEqualTo(existing.body().replace("emea-bot", "X"));
        assertThat(chat(demoOnlyKey, "no-such-bot").status()).isEqualTo(403);
        assertThat(invoke(live.demoKey(), "no-such-bot").status()).as("an unscoped key learns it does not exist").isEqualTo(404);
    }

    @Test
    void the_deployments_list_shows_a_scoped_key_only_its_deployments() {
        assertThat(keys(live.client().get("/v2/deployments?limit=50", emeaKey).json())).containsExactlyInAnyOrder("emea-bot", "emea-de-bot");
        assertThat(keys(live.client().get("/v2/deployments?limit=50", demoOnlyKey).json())).containsExactly("customer-support");
        assertThat(keys(live.client().get("/v2/deployments?limit=50", live.demoKey()).json()))
                .containsExactlyInAnyOrder("customer-support", "emea-bot", "emea-de-bot", "apac-bot");
    }

    private static List<String> keys(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.get("data").forEach(d -> out.add(d.get("key").asText()));
        return out;
    }

    @Test
    void a_refusal_of_an_existing_deployment_is_in_its_log_with_the_key_and_nothing_it_sent() throws Exception {
        TestClient.Response made = live.client().post("/api/keys", ADMIN, "{\"name\":\"logged\",\"scope\":{\"deployments\":[\"emea-bot\"]}}");
        String key = made.json().get("key").asText();
        String id = made.json().get("id").asText();
        assertThat(live.client().post("/v2/deployments/invoke", key,
                "{\"key\":\"apac-bot\",\"inputs\":{\"question\":\"private words\"},\"metadata\":{\"order\":\"o-1\"}}").status()).isEqualTo(403);
        assertThat(invoke(key, "nothing-at-all").status()).isEqualTo(403);

        JsonNode rows = awaitRows("/api/logs?apiKey=" + id, 1);
        assertThat(rows).hasSize(1);
        JsonNode detail = live.client().get("/api/logs/" + rows.get(0).get("id").asText(), ADMIN).json();
        assertThat(detail.toString()).as(detail.toString()).doesNotContain("private words").doesNotContain("o-1");
        assertThat(detail.get("deployment").asText()).isEqualTo("apac-bot");
        assertThat(detail.get("httpStatus").asInt()).isEqualTo(403);
        assertThat(detail.get("error").asText()).contains("may not invoke deployment 'apac-bot'");
        assertThat(detail.at("/apiKey/name").asText()).isEqualTo("logged");
        assertThat(detail.get("variant").isNull()).as("refused before routing").isTrue();
    }

    private static JsonNode awaitRows(String path, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        JsonNode rows = null;
        while (System.nanoTime() < deadline) {
            rows = live.client().get(path, ADMIN).json().get("data");
            if (rows.size() >= count) return rows;
            Thread.sleep(20);
        }
        throw new AssertionError("log rows never arrived: " + rows);
    }

    @Test
    void an_expired_key_gets_a_401_of_its_own_on_every_door_until_its_expiry_is_moved() {
        Instant expires = clock.instant().plus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        TestClient.Response made = live.client().post("/api/keys", ADMIN, "{\"name\":\"batch\",\"expiresAt\":\"" + expires + "\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        String key = made.json().get("key").asText();
        String id = made.json().get("id").asText();
        assertThat(invoke(key, "customer-support").status()).isEqualTo(200);
        assertThat(live.client().get("/api/keys/" + id, ADMIN).json().get("expired").asBoolean()).isFalse();

        clock.ahead = clock.ahead.plus(Duration.ofHours(2));
        try {
            TestClient.Response v2 = invoke(key, "customer-support");
            assertThat(v2.status()).isEqualTo(401);
            assertThat(v2.json().get("message").asText()).startsWith("API key 'batch' expired at " + expires);
            assertThat(v2.json().get("error_code").asText()).isEqualTo("api_key_expired");
            assertThat(v2.header("WWW-Authenticate")).isEqualTo("Bearer");
            TestClient.Response v1 = chat(key, "customer-support");
            assertThat(v1.status()).isEqualTo(401);
            assertThat(v1.json().at("/error/code").asText()).isEqualTo("api_key_expired");
            assertThat(v1.json().at("/error/type").asText()).isEqualTo("authentication_error");
            assertThat(live.client().get("/v2/deployments", key).status()).isEqualTo(401);
            assertThat(live.client().post("/v2/feedback", key, "{\"property\":\"rating\",\"value\":1,\"trace_id\":\""
                    + java.util.UUID.randomUUID() + "\"}").status()).isEqualTo(401);
            TestClient.Response invalid = invoke("jk_not-a-key", "customer-support");
            assertThat(invalid.status()).isEqualTo(401);
            assertThat(invalid.json().get("message").asText()).as("an unknown key is told apart").startsWith("invalid API key");

            JsonNode listed = live.client().get("/api/keys/" + id, ADMIN).json();
            assertThat(listed.get("expired").asBoolean()).isTrue();
            assertThat(listed.get("expiresAt").asText()).isEqualTo(expires.toString());

            Instant later = clock.instant().plus(Duration.ofDays(30));
            TestClient.Response moved = live.client().send("PATCH", "/api/keys/" + id, ADMIN, "{\"expiresAt\":\"" + later + "\"}");
            assertThat(moved.status()).as(moved.body()).isEqualTo(200);
            assertThat(moved.json().get("expired").asBoolean()).isFalse();
            assertThat(invoke(key, "customer-support").status()).isEqualTo(200);
            assertThat(live.client().send("PATCH", "/api/keys/" + id, ADMIN, "{\"expiresAt\":null}").json().get("expiresAt").isNull()).isTrue();
        } finally {
            clock.ahead = Duration.ZERO;
        }
    }

    @Test
    void a_patched_scope_is_live_at_once_and_null_lifts_it() {
        TestClient.Response made = live.client().post("/api/keys", ADMIN, "{\"name\":\"moving\"}");
        String key = made.json().get("key").asText();
        String id = made.json().get("id").asText();
        assertThat(made.json().at("/scope/projects")).isEmpty();
        assertThat(invoke(key, "apac-bot").status()).isEqualTo(200);

        TestClient.Response narrowed = live.client().send("PATCH", "/api/keys/" + id, ADMIN, "{\"scope\":{\"projects\":[\"shop/support/emea\"]}}");
        assertThat(narrowed.status()).as(narrowed.body()).isEqualTo(200);
        assertThat(narrowed.json().at("/scope/projects/0").asText()).isEqualTo("shop/support/emea");
        assertThat(invoke(key, "apac-bot").status()).isEqualTo(403);

        assertThat(live.client().send("PATCH", "/api/keys/" + id, ADMIN, "{\"scope\":null}").json().at("/scope/projects")).isEmpty();
        assertThat(invoke(key, "apac-bot").status()).isEqualTo(200);

        assertThat(live.client().delete("/api/keys/" + id, ADMIN).status()).isEqualTo(200);
        assertThat(live.client().send("PATCH", "/api/keys/" + id, ADMIN, "{\"scope\":null}").status()).isEqualTo(409);
        assertThat(live.client().send("PATCH", "/api/keys/" + java.util.UUID.randomUUID(), ADMIN, "{}").status()).isEqualTo(404);
    }

    @Test
    void the_keys_api_names_the_field_at_fault() {
        TestClient.Response bad = live.client().post("/api/keys", ADMIN,
                "{\"name\":\"x\",\"scope\":{\"projects\":[\"shop\",\"*\",\"a b/c\"],\"deployments\":[\"ok\",\"not ok\"]},"
                        + "\"expiresAt\":\"" + clock.instant().minusSeconds(60) + "\"}");
        assertThat(bad.status()).isEqualTo(422);
        List<String> paths = new ArrayList<>();
        bad.json().get("errors").forEach(e -> paths.add(e.get("path").asText()));
        assertThat(paths).containsExactly("scope.projects[1]", "scope.projects[2]", "scope.deployments[1]", "expiresAt");

        TestClient.Response tooFar = live.client().post("/api/keys", ADMIN,
                "{\"name\":\"x\",\"expiresAt\":\"" + clock.instant().plus(Duration.ofDays(1900)) + "\"}");
        assertThat(tooFar.status()).isEqualTo(422);
        assertThat(tooFar.json().at("/errors/0/message").asText()).contains("five years");

        TestClient.Response typo = live.client().post("/api/keys", ADMIN, "{\"name\":\"x\",\"expires_at\":\"2030-01-01T00:00:00Z\"}");
        assertThat(typo.status()).as("an unknown member is not dropped").isEqualTo(400);
        assertThat(typo.json().at("/errors/0/path").asText()).isEqualTo("expires_at");
        assertThat(live.client().post("/api/keys", ADMIN, "{\"name\":\"x\",\"scope\":{\"project\":[\"a\"]}}").status()).isEqualTo(400);
        assertThat(live.client().post("/api/keys", ADMIN, "{\"name\":\"x\",\"expiresAt\":\"tomorrow\"}").status()).isEqualTo(400);
        assertThat(live.client().post("/api/keys", ADMIN, "{\"name\":\"x\",\"scope\":{\"deployments\":\"a\"}}").status()).isEqualTo(400);
        for (String empty : List.of("{}", "{\"projects\":[]}", "{\"projects\":[],\"deployments\":[]}")) {
            TestClient.Response r = live.client().post("/api/keys", ADMIN, "{\"name\":\"x\",\"scope\":" + empty + "}");
            assertThat(r.status()).as("an empty scope is not every deployment: " + empty).isEqualTo(422);
            assertThat(r.json().at("/errors/0/path").asText()).isEqualTo("scope");
        }
        assertThat(live.client().get("/api/keys", ADMIN).json().toString()).as("nothing was made").doesNotContain("\"name\":\"x\"");
    }

    @Test
    void the_official_sdks_see_their_typed_errors() throws Exception {
        JsonNode openai = OpenAiNodeSdk.call(live.gateway().port(), emeaKey, "create", chatBody("apac-bot"), null);
        assertThat(openai.get("ok").asBoolean()).isFalse();
        assertThat(openai.get("name").asText()).isEqualTo("PermissionDeniedError");
        assertThat(openai.get("status").asInt()).isEqualTo(403);
        assertThat(openai.at("/error/message").asText()).contains("may not invoke deployment 'apac-bot'");

        JsonNode orq = NodeSdk.call(live.gateway().port(), emeaKey, "invoke", "{\"key\":\"apac-bot\",\"inputs\":{\"question\":\"hi\"}}");
        assertThat(orq.get("ok").asBoolean()).isFalse();
        assertThat(orq.get("name").asText()).isEqualTo("APIError");
        assertThat(orq.get("statusCode").asInt()).isEqualTo(403);
        assertThat(orq.get("body").asText()).contains("may not invoke deployment 'apac-bot'");

        JsonNode allowed = NodeSdk.call(live.gateway().port(), emeaKey, "invoke", "{\"key\":\"emea-bot\",\"inputs\":{\"question\":\"hi\"}}");
        assertThat(allowed.get("ok").asBoolean()).as(allowed.toString()).isTrue();
    }
}
