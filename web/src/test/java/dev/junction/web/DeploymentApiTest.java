package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The panel API for deployments, over HTTP on a real gateway with its own PostgreSQL. */
class DeploymentApiTest {
    static final String ADMIN = "admin-secret";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

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
        return live.client().post("/v2/deployments/invoke", live.demoKey(), "{\"key\":\"" + key + "\",\"context\":" + context + "}");
    }

    @Test
    void create_edit_deploy_and_invoke_a_deployment() {
        TestClient.Response created = live.client().post("/api/deployments", ADMIN, spec("faq", "v1 text", "echo"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().at("/deployment/activeVersion").isNull()).isTrue();
        assertThat(created.json().at("/draft/revision").asInt()).isEqualTo(1);
        assertThat(invoke("faq", "{}").status()).as("nothing is live before a deploy").isEqualTo(404);

        TestClient.Response deployed = live.client().post("/api/deployments/faq/deploy", ADMIN, "{\"message\":\"first\"}");
        assertThat(deployed.status()).isEqualTo(201);
        assertThat(deployed.json().get("number").asInt()).isEqualTo(1);
        assertThat(deployed.json().get("contentHash").asText()).startsWith("sha256:");
        assertThat(deployed.json().get("author").asText()).isNotBlank();

        TestClient.Response standard = invoke("faq", "{}");
        assertThat(standard.status()).isEqualTo(200);
        assertThat(standard.json().at("/choices/0/message/content").asText()).isEqualTo("system: Be helpful.\nuser: hello");
        TestClient.Response premium = invoke("faq", "{\"tier\":\"gold\"}");
        assertThat(premium.header("X-Junction-Variant")).isEqualTo("premium");

        TestClient.Response again = live.client().post("/api/deployments/faq/deploy", ADMIN, "{}");
        assertThat(again.status()).as("an unchanged draft makes no new version").isEqualTo(200);
        assertThat(again.json().get("number").asInt()).isEqualTo(1);
        assertThat(again.json().get("created").asBoolean()).isFalse();
    }

    @Test
    void of_two_edits_of_the_same_revision_the_later_gets_409_and_nothing_is_lost() {
        live.client().post("/api/deployments", ADMIN, spec("race", "original", "echo"));

        TestClient.Response first = live.client().put("/api/deployments/race/draft", ADMIN, draftBody(1, spec("race", "ana's edit", "echo")));
        TestClient.Response second = live.client().put("/api/deployments/race/draft", ADMIN, draftBody(1, spec("race", "bob's edit", "echo")));

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("revision").asInt()).isEqualTo(2);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.json().get("current_revision").asInt()).isEqualTo(2);
        assertThat(live.client().get("/api/deployments/race/draft", ADMIN).json().at("/spec/description").asText()).isEqualTo("ana's edit");
    }

    @Test
    void history_diff_and_rollback() {
        live.client().post("/api/deployments", ADMIN, spec("hist", "one", "echo"));
        live.client().post("/api/deployments/hist/deploy", ADMIN, "{\"message\":\"v1\"}");
        live.client().put("/api/deployments/hist/draft", ADMIN, draftBody(1, spec("hist", "two", "flaky")));
        live.client().post("/api/deployments/hist/deploy", ADMIN, "{\"message\":\"v2\"}");

        JsonNode versions = live.client().get("/api/deployments/hist/versions", ADMIN).json().get("data");
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("number").asInt()).isEqualTo(2);
        assertThat(versions.get(0).get("message").asText()).isEqualTo("v2");

        JsonNode changes = live.client().get("/api/deployments/hist/diff?from=1&to=2", ADMIN).json().get("changes");
        assertThat(changes.findValuesAsText("path")).containsExactlyInAnyOrder("description", "variants[standard].primary.model");
        JsonNode model = changes.get(1).get("path").asText().equals("description") ? changes.get(0) : changes.get(1);
        assertThat(model.get("from").asText()).isEqualTo("echo");
        assertThat(model.get("to").asText()).isEqualTo("flaky");

        TestClient.Response rolledBack = live.client().post("/api/deployments/hist/rollback", ADMIN, "{\"version\":1}");
        assertThat(rolledBack.status()).as(rolledBack.body()).isEqualTo(201);
        assertThat(rolledBack.json().get("number").asInt()).isEqualTo(3);
        assertThat(rolledBack.json().get("rollbackOf").asInt()).isEqualTo(1);
        assertThat(invoke("hist", "{}").header("X-Junction-Deployment-Version")).isEqualTo("v3");
        assertThat(live.client().get("/api/deployments/hist/diff?from=1&to=3", ADMIN).json().get("changes")).isEmpty();
        assertThat(live.client().get("/api/deployments/hist/versions/3", ADMIN).json().at("/spec/description").asText()).isEqualTo("one");
    }

    @Test
    void every_validation_failure_is_a_422_listing_each_field_and_a_failed_deploy_changes_nothing() {
        live.client().post("/api/deployments", ADMIN, spec("strict", "ok", "echo"));
        live.client().post("/api/deployments/strict/deploy", ADMIN, "{}");

        ObjectNode bad = (ObjectNode) parse(spec("strict", "bad", "no-such-model"));
        ((ObjectNode) bad.at("/variants/1/primary")).put("retries", 99);
        ((ObjectNode) bad.at("/routing")).put("defaultVariant", "ghost");
        TestClient.Response refused = live.client().put("/api/deployments/strict/draft", ADMIN, "{\"revision\":1,\"spec\":" + bad + "}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("errors").findValuesAsText("path")).containsExactlyInAnyOrder(
                "variants[0].primary.model", "variants[1].primary.retries", "routing.defaultVariant");
        assertThat(refused.json().get("errors").get(0).get("message").asText()).isNotBlank();
        assertThat(live.client().get("/api/deployments/strict/draft", ADMIN).json().get("revision").asInt()).isEqualTo(1);
        assertThat(invoke("strict", "{}").header("X-Junction-Deployment-Version")).isEqualTo("v1");
    }

    @Test
    void unknown_ids_are_404_and_malformed_bodies_are_400_naming_the_field() {
        assertThat(live.client().get("/api/deployments/nope", ADMIN).status()).isEqualTo(404);
        assertThat(live.client().get("/api/deployments/nope/draft", ADMIN).status()).isEqualTo(404);
        assertThat(live.client().post("/api/deployments/nope/deploy", ADMIN, "{}").status()).isEqualTo(404);
        live.client().post("/api/deployments", ADMIN, spec("known", "x", "echo"));
        assertThat(live.client().get("/api/deployments/known/versions/7", ADMIN).status()).isEqualTo(404);
        assertThat(live.client().post("/api/deployments/known/rollback", ADMIN, "{\"version\":7}").status()).isEqualTo(404);

        assertThat(live.client().post("/api/deployments", ADMIN, "{\"key\":").status()).isEqualTo(400);
        TestClient.Response typo = live.client().post("/api/deployments", ADMIN, spec("typo", "x", "echo").replace("\"retries\":1", "\"retires\":1"));
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().at("/errors/0/path").asText()).isEqualTo("variants[0].primary.retires");
        TestClient.Response wrongType = live.client().post("/api/deployments", ADMIN, spec("typed", "x", "echo").replace("\"temperature\":0.2", "\"temperature\":\"hot\""));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().at("/errors/0/path").asText()).isEqualTo("variants[0].primary.parameters.temperature");
        TestClient.Response noRevision = live.client().put("/api/deployments/known/draft", ADMIN, "{\"spec\":{}}");
        assertThat(noRevision.status()).isEqualTo(422);
        assertThat(noRevision.json().at("/errors/0/path").asText()).isEqualTo("revision");
        assertThat(live.client().get("/api/deployments/known/diff?from=latest", ADMIN).status()).isEqualTo(400);
        assertThat(live.client().get("/api/deployments/known/export?version=x", ADMIN).status()).isEqualTo(400);
        assertThat(live.client().post("/api/deployments", ADMIN, spec("known", "dup", "echo")).status()).isEqualTo(409);
        assertThat(live.client().get("/api/deployments", null).status()).isEqualTo(401);
    }

    @Test
    void deployments_are_listed_by_project_and_folder_with_search() {
        live.client().post("/api/deployments", ADMIN, spec("listed-one", "alpha", "echo"));
        JsonNode shop = live.client().get("/api/deployments?project=shop&folder=support", ADMIN).json().get("data");
        assertThat(shop.findValuesAsText("key")).contains("listed-one");
        assertThat(live.client().get("/api/deployments?project=demo", ADMIN).json().get("data").findValuesAsText("key"))
                .containsExactly("customer-support");
        assertThat(live.client().get("/api/deployments?q=ALPHA", ADMIN).json().get("data").findValuesAsText("key"))
                .containsExactly("listed-one");
    }

    @Test
    void an_exported_deployment_imports_into_another_instance_and_serves_the_same() throws Exception {
        live.client().post("/api/deployments", ADMIN, spec("portable", "travels", "echo"));
        live.client().post("/api/deployments/portable/deploy", ADMIN, "{}");
        TestClient.Response exported = live.client().get("/api/deployments/portable/export?version=1", ADMIN);
        assertThat(exported.status()).isEqualTo(200);
        assertThat(exported.json().get("format").asText()).isEqualTo("junction.deployment/v1");

        try (LiveGateway other = new LiveGateway(ADMIN).open()) {
            Path otherData = other.dataDir();
            TestClient otherClient = other.client();
            TestClient.Response imported = otherClient.post("/api/deployments/import?deploy=true", ADMIN, exported.body());
            assertThat(imported.status()).as(imported.body()).isEqualTo(201);
            assertThat(imported.json().at("/deployment/activeVersion").asInt()).isEqualTo(1);
            String otherKey = Files.readString(otherData.resolve("demo-api-key")).trim();
            TestClient.Response answer = otherClient.post("/v2/deployments/invoke", otherKey, "{\"key\":\"portable\",\"context\":{\"tier\":\"gold\"}}");
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().at("/choices/0/message/content").asText()).isEqualTo("user: premium: hello");
            JsonNode back = otherClient.get("/api/deployments/portable/export?version=active", ADMIN).json();
            assertThat(back.get("spec")).isEqualTo(exported.json().get("spec"));

            // a spec whose routing tests fail is refused before anything is written
            com.fasterxml.jackson.databind.node.ObjectNode broken = exported.json().deepCopy();
            ((com.fasterxml.jackson.databind.node.ObjectNode) broken.get("spec")).put("key", "portable-broken")
                    .putArray("tests").addObject().put("name", "gold is standard").put("expectVariant", "standard")
                    .putObject("context").put("tier", "gold");
            TestClient.Response refused = otherClient.post("/api/deployments/import?deploy=true", ADMIN, broken.toString());
            assertThat(refused.status()).as(refused.body()).isEqualTo(422);
            assertThat(refused.json().at("/errors/0/path").asText()).isEqualTo("tests[0]");
            assertThat(otherClient.get("/api/deployments/portable-broken", ADMIN).status()).as("nothing half-written").isEqualTo(404);
        }
        assertThat(live.client().post("/api/deployments/import", ADMIN, "{\"format\":\"other\",\"spec\":{}}").status()).isEqualTo(400);
    }

    @Test
    void the_orquesta_list_shows_live_deployments_with_cursor_pagination() {
        JsonNode all = live.client().get("/v2/deployments?limit=50", live.demoKey()).json();
        assertThat(all.get("object").asText()).isEqualTo("list");
        assertThat(all.get("data").findValuesAsText("key")).contains("customer-support");
        JsonNode demo = all.get("data").get(0);
        assertThat(demo.get("version").asText()).startsWith("v");
        assertThat(demo.at("/prompt_config/model_type").asText()).isEqualTo("chat");
        assertThat(demo.at("/prompt_config/provider").asText()).isEqualTo("orq");

        JsonNode page = live.client().get("/v2/deployments?limit=1", live.demoKey()).json();
        assertThat(page.get("data")).hasSize(1);
        if (all.get("data").size() > 1) {
            assertThat(page.get("has_more").asBoolean()).isTrue();
            String next = live.client().get("/v2/deployments?limit=1&starting_after=" + page.at("/data/0/id").asText(), live.demoKey())
                    .json().at("/data/0/id").asText();
            assertThat(next).isEqualTo(all.at("/data/1/id").asText());
        }
        assertThat(live.client().get("/v2/deployments?limit=0", live.demoKey()).status()).isEqualTo(400);
        assertThat(live.client().get("/v2/deployments", null).status()).isEqualTo(401);
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
