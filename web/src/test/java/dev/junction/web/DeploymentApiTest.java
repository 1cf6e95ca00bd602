package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The panel API for deployments, over HTTP on a real gateway with its own PostgreSQL. */
class DeploymentApiTest {
    static final String ADMIN = "admin-secret";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;
    static Gateway gateway;
    static TestClient client;
    static String apiKey;

    @BeforeAll
    static void start() throws Exception {
        gateway = Main.start(new Settings(0, "127.0.0.1", dataDir, null, ADMIN, null, null), Clock.systemUTC());
        client = new TestClient(gateway.port());
        apiKey = Files.readString(dataDir.resolve("demo-api-key")).trim();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) gateway.close();
    }

    static String spec(String key, String description, String model) {
        return """
            {"key":"%s","description":"%s","project":"shop","folder":"support/emea",
             "contextSchema":[{"name":"tier","type":"string"}],
             "variants":[
               {"key":"standard","messages":[{"role":"system","content":"Be helpful."},{"role":"user","content":"{{q}}"}],
                "variables":{"q":"hello"},
                "primary":{"provider":"simulator","model":"%s","parameters":{"temperature":0.2,"maxTokens":200},"retries":1},
                "fallback":{"provider":"simulator","model":"echo"},"notes":"for people only"},
               {"key":"premium","messages":[{"role":"user","content":"premium: {{q}}"}],"variables":{"q":"hello"},
                "primary":{"provider":"simulator","model":"echo"}}],
             "routing":{"rules":[{"id":"gold","when":[{"field":"tier","op":"equals","value":"gold"}],"variant":"premium"}],
                        "defaultVariant":"standard"}}
            """.formatted(key, description, model);
    }

    static String draftBody(int revision, String spec) {
        return "{\"revision\":" + revision + ",\"spec\":" + spec + "}";
    }

    TestClient.Response invoke(String key, String context) {
        return client.post("/v2/deployments/invoke", apiKey, "{\"key\":\"" + key + "\",\"context\":" + context + "}");
    }

    @Test
    void create_edit_deploy_and_invoke_a_deployment() {
        TestClient.Response created = client.post("/api/deployments", ADMIN, spec("faq", "v1 text", "echo"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().at("/deployment/activeVersion").isNull()).isTrue();
        assertThat(created.json().at("/draft/revision").asInt()).isEqualTo(1);
        assertThat(invoke("faq", "{}").status()).as("nothing is live before a deploy").isEqualTo(404);

        TestClient.Response deployed = client.post("/api/deployments/faq/deploy", ADMIN, "{\"message\":\"first\"}");
        assertThat(deployed.status()).isEqualTo(201);
        assertThat(deployed.json().get("number").asInt()).isEqualTo(1);
        assertThat(deployed.json().get("contentHash").asText()).startsWith("sha256:");
        assertThat(deployed.json().get("author").asText()).isNotBlank();

        TestClient.Response standard = invoke("faq", "{}");
        assertThat(standard.status()).isEqualTo(200);
        assertThat(standard.json().at("/choices/0/message/content").asText()).isEqualTo("system: Be helpful.\nuser: hello");
        TestClient.Response premium = invoke("faq", "{\"tier\":\"gold\"}");
        assertThat(premium.header("X-Junction-Variant")).isEqualTo("premium");

        TestClient.Response again = client.post("/api/deployments/faq/deploy", ADMIN, "{}");
        assertThat(again.status()).as("an unchanged draft makes no new version").isEqualTo(200);
        assertThat(again.json().get("number").asInt()).isEqualTo(1);
        assertThat(again.json().get("created").asBoolean()).isFalse();
    }

    @Test
    void of_two_edits_of_the_same_revision_the_later_gets_409_and_nothing_is_lost() {
        client.post("/api/deployments", ADMIN, spec("race", "original", "echo"));

        TestClient.Response first = client.put("/api/deployments/race/draft", ADMIN, draftBody(1, spec("race", "ana's edit", "echo")));
        TestClient.Response second = client.put("/api/deployments/race/draft", ADMIN, draftBody(1, spec("race", "bob's edit", "echo")));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("revision").asInt()).isEqualTo(2);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("current_revision").asInt()).isEqualTo(2);
        assertThat(client.get("/api/deployments/race/draft", ADMIN).json().at("/spec/description").asText()).isEqualTo("ana's edit");
    }

    @Test
    void history_diff_and_rollback() {
        client.post("/api/deployments", ADMIN, spec("hist", "one", "echo"));
        client.post("/api/deployments/hist/deploy", ADMIN, "{\"message\":\"v1\"}");
        client.put("/api/deployments/hist/draft", ADMIN, draftBody(1, spec("hist", "two", "flaky")));
        client.post("/api/deployments/hist/deploy", ADMIN, "{\"message\":\"v2\"}");

        JsonNode versions = client.get("/api/deployments/hist/versions", ADMIN).json().get("data");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("number").asInt()).isEqualTo(2);
        assertThat(versions.get(0).get("message").asText()).isEqualTo("v2");

        JsonNode changes = client.get("/api/deployments/hist/diff?from=1&to=2", ADMIN).json().get("changes");
        assertThat(changes.findValuesAsText("path")).containsExactlyInAnyOrder("description", "variants[standard].primary.model");
        JsonNode model = changes.get(1).get("path").asText().equals("description") ? changes.get(0) : changes.get(1);
        assertThat(model.get("from").asText()).isEqualTo("echo");
        assertThat(model.get("to").asText()).isEqualTo("flaky");

        TestClient.Response rolledBack = client.post("/api/deployments/hist/rollback", ADMIN, "{\"version\":1}");
        assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(201);
        assertThat(rolledBack.json().get("number").asInt()).isEqualTo(3);
        assertThat(rolledBack.json().get("rollbackOf").asInt()).isEqualTo(1);
        assertThat(invoke("hist", "{}").header("X-Junction-Deployment-Version")).isEqualTo("v3");
        assertThat(client.get("/api/deployments/hist/diff?from=1&to=3", ADMIN).json().get("changes")).isEmpty();
        assertThat(client.get("/api/deployments/hist/versions/3", ADMIN).json().at("/spec/description").asText()).isEqualTo("one");
    }

    @Test
    void every_validation_failure_is_a_422_listing_each_field_and_a_failed_deploy_changes_nothing() {
        client.post("/api/deployments", ADMIN, spec("strict", "ok", "echo"));
        client.post("/api/deployments/strict/deploy", ADMIN, "{}");

        ObjectNode bad = (ObjectNode) parse(spec("strict", "bad", "no-such-model"));
        ((ObjectNode) bad.at("/variants/1/primary")).put("retries", 99);
        ((ObjectNode) bad.at("/routing")).put("defaultVariant", "ghost");
        TestClient.Response refused = client.put("/api/deployments/strict/draft", ADMIN, "{\"revision\":1,\"spec\":" + bad + "}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").findValuesAsText("path")).containsExactlyInAnyOrder(
                "variants[0].primary.model", "variants[1].primary.retries", "routing.defaultVariant");
        assertThat(refused.json().get("errors").get(0).get("message").asText()).isNotBlank();
        assertThat(client.get("/api/deployments/strict/draft", ADMIN).json().get("revision").asInt()).isEqualTo(1);
        assertThat(invoke("strict", "{}").header("X-Junction-Deployment-Version")).isEqualTo("v1");
    }

    @Test
    void unknown_ids_are_404_and_malformed_bodies_are_400_naming_the_field() {
        assertThat(client.get("/api/deployments/nope", ADMIN).status()).isEqualTo(404);
        assertThat(client.get("/api/deployments/nope/draft", ADMIN).status()).isEqualTo(404);
        assertThat(client.post("/api/deployments/nope/deploy", ADMIN, "{}").status()).isEqualTo(404);
        client.post("/api/deployments", ADMIN, spec("known", "x", "echo"));
        assertThat(client.get("/api/deployments/known/versions/7", ADMIN).status()).isEqualTo(404);
        assertThat(client.post("/api/deployments/known/rollback", ADMIN, "{\"version\":7}").status()).isEqualTo(404);

        assertThat(client.post("/api/deployments", ADMIN, "{\"key\":").status()).isEqualTo(400);
        TestClient.Response typo = client.post("/api/deployments", ADMIN, spec("typo", "x", "echo").replace("\"retries\":1", "\"retires\":1"));
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().at("/errors/0/path").asText()).isEqualTo("variants[0].primary.retires");
        TestClient.Response wrongType = client.post("/api/deployments", ADMIN, spec("typed", "x", "echo").replace("\"temperature\":0.2", "\"temperature\":\"hot\""));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().at("/errors/0/path").asText()).isEqualTo("variants[0].primary.parameters.temperature");
        assertThat(client.put("/api/deployments/known/draft", ADMIN, "{\"spec\":{}}").json().at("/errors/0/path").asText()).isEqualTo("revision");
        assertThat(client.post("/api/deployments", ADMIN, spec("known", "dup", "echo")).status()).isEqualTo(409);
        assertThat(client.get("/api/deployments", null).status()).isEqualTo(401);
    }

    @Test
    void deployments_are_listed_by_project_and_folder_with_search() {
        client.post("/api/deployments", ADMIN, spec("listed-one", "alpha", "echo"));
        JsonNode shop = client.get("/api/deployments?project=shop&folder=support", ADMIN).json().get("data");
        assertThat(shop.findValuesAsText("key")).contains("listed-one");
        assertThat(client.get("/api/deployments?project=demo", ADMIN).json().get("data").findValuesAsText("key"))
                .containsExactly("customer-support");
        assertThat(client.get("/api/deployments?q=ALPHA", ADMIN).json().get("data").findValuesAsText("key"))
                .containsExactly("listed-one");
    }

    @Test
    void an_exported_deployment_imports_into_another_instance_and_serves_the_same() throws Exception {
        client.post("/api/deployments", ADMIN, spec("portable", "travels", "echo"));
        client.post("/api/deployments/portable/deploy", ADMIN, "{}");
        TestClient.Response exported = client.get("/api/deployments/portable/export?version=1", ADMIN);
        assertThat(exported.status()).isEqualTo(200);
        assertThat(exported.json().get("format").asText()).isEqualTo("junction.deployment/v1");

        Path otherData = Files.createTempDirectory("junction-other");
        try (Gateway other = Main.start(new Settings(0, "127.0.0.1", otherData, null, ADMIN, null, null), Clock.systemUTC())) {
            TestClient otherClient = new TestClient(other.port());
            TestClient.Response imported = otherClient.post("/api/deployments/import?deploy=true", ADMIN, exported.body());
            assertThat(imported.status()).as(imported.body()).isEqualTo(200);
            String otherKey = Files.readString(otherData.resolve("demo-api-key")).trim();
            TestClient.Response answer = otherClient.post("/v2/deployments/invoke", otherKey, "{\"key\":\"portable\",\"context\":{\"tier\":\"gold\"}}");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().at("/choices/0/message/content").asText()).isEqualTo("user: premium: hello");
            JsonNode back = otherClient.get("/api/deployments/portable/export?version=active", ADMIN).json();
            assertThat(back.get("spec")).isEqualTo(exported.json().get("spec"));
        }
        assertThat(client.post("/api/deployments/import", ADMIN, "{\"format\":\"other\",\"spec\":{}}").status()).isEqualTo(400);
    }

    @Test
    void the_orquesta_list_shows_live_deployments_with_cursor_pagination() {
        JsonNode all = client.get("/v2/deployments?limit=50", apiKey).json();
        assertThat(all.get("object").asText()).isEqualTo("list");
        assertThat(all.get("data").findValuesAsText("key")).contains("customer-support");
        JsonNode demo = all.get("data").get(0);
        assertThat(demo.get("version").asText()).startsWith("v");
        assertThat(demo.at("/prompt_config/model_type").asText()).isEqualTo("chat");
        assertThat(demo.at("/prompt_config/provider").asText()).isEqualTo("orq");

        JsonNode page = client.get("/v2/deployments?limit=1", apiKey).json();
        assertThat(page.get("data")).hasSize(1);
        if (all.get("data").size() > 1) {
            assertThat(page.get("has_more").asBoolean()).isTrue();
            String next = client.get("/v2/deployments?limit=1&starting_after=" + page.at("/data/0/id").asText(), apiKey)
                    .json().at("/data/0/id").asText();
            assertThat(next).isEqualTo(all.at("/data/1/id").asText());
        }
        assertThat(client.get("/v2/deployments?limit=0", apiKey).status()).isEqualTo(400);
        assertThat(client.get("/v2/deployments", null).status()).isEqualTo(401);
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
