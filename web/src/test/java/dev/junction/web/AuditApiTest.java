package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The audit trail over real HTTP on a real gateway: changes made through /api are recorded with who, from where and
 * the before/after states, never a secret; the filters, the export and the verify route; the verify command on the
 * same database.
 */
class AuditApiTest {
    static final String ADMIN = "audit-admin-token-0123456789";
    static final String KEY_ONE = "sk-first-DoNotLeakMe-0123456789";
    static final String KEY_TWO = "sk-second-DoNotLeakMe-9876543210";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    private static JsonNode audit(String query) {
        TestClient.Response r = live.client().get("/api/audit" + query, ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static JsonNode change(JsonNode entry, String path) {
        for (JsonNode c : entry.get("diff")) if (c.get("path").asText().equals(path)) return c;
        throw new AssertionError("no change at " + path + " in " + entry.get("diff"));
    }

    @Test
    void a_provider_key_change_is_recorded_as_changed_without_either_key() {
        String base = "{\"kind\":\"openai\",\"baseUrl\":\"http://127.0.0.1:9/v1\",\"apiKey\":\"";
        assertThat(live.client().put("/api/providers/acme", ADMIN, base + KEY_ONE + "\"}").status()).isEqualTo(201);
        assertThat(live.client().put("/api/providers/acme", ADMIN, base + KEY_TWO + "\"}").status()).isEqualTo(200);

        JsonNode entries = audit("?targetKind=provider&targetId=acme").get("data");
        assertThat(entries).hasSize(2);
        JsonNode update = entries.get(0);
        assertThat(update.get("action").asText()).isEqualTo("provider.save");
        assertThat(update.at("/actor/kind").asText()).isEqualTo("bootstrap");
        assertThat(update.get("ip").asText()).isEqualTo("127.0.0.1");
        assertThat(update.at("/before/apiKey").asText()).isEqualTo("[redacted]");
        assertThat(change(update, "apiKey").get("before").asText()).isEqualTo("[redacted]");
        assertThat(change(update, "apiKey").get("after").asText()).isEqualTo("[redacted]");
        JsonNode created = entries.get(1);
        assertThat(created.get("before").isNull()).isTrue();
        assertThat(created.at("/after/baseUrl").asText()).isEqualTo("http://127.0.0.1:9/v1");

        String export = live.client().get("/api/audit/export", ADMIN).body();
        String table = live.gateway().database().dsl().fetch("SELECT t::text FROM audit_log t").formatCSV();
        for (String all : List.of(export, table)) assertThat(all).doesNotContain(KEY_ONE, KEY_TWO, "DoNotLeakMe");
    }

    @Test
    void a_deploy_is_recorded_with_the_active_version_before_and_after() {
        String key = "audited";
        assertThat(live.client().post("/api/deployments", ADMIN, DeploymentApiTest.spec(key, "first", "echo")).status()).isEqualTo(201);
        assertThat(live.client().post("/api/deployments/" + key + "/deploy", ADMIN, "{\"message\":\"v1\"}").status()).isEqualTo(201);
        assertThat(live.client().put("/api/deployments/" + key + "/draft", ADMIN,
                DeploymentApiTest.draftBody(1, DeploymentApiTest.spec(key, "second", "echo"))).status()).isEqualTo(200);
        assertThat(live.client().post("/api/deployments/" + key + "/deploy", ADMIN, "{\"message\":\"v2\"}").status()).isEqualTo(201);

        JsonNode entries = audit("?targetKind=deployment&targetId=" + key).get("data");
        assertThat(entries).extracting(e -> e.get("action").asText())
                .containsExactly("deployment.deploy", "deployment.draft.save", "deployment.deploy", "deployment.create");
        JsonNode second = entries.get(0);
        assertThat(second.at("/before/activeVersion").asInt()).isEqualTo(1);
        assertThat(second.at("/after/activeVersion").asInt()).isEqualTo(2);
        assertThat(change(second, "contentHash").get("before").asText())
                .isNotEqualTo(change(second, "contentHash").get("after").asText()).isNotBlank();
        JsonNode draft = entries.get(1);
        assertThat(change(draft, "spec.description").get("before").asText()).isEqualTo("first");
        assertThat(change(draft, "spec.description").get("after").asText()).isEqualTo("second");
        JsonNode first = entries.get(2);
        assertThat(first.at("/before/activeVersion").isNull()).isTrue();
        assertThat(first.at("/after/activeVersion").asInt()).isEqualTo(1);
        assertThat(entries.get(3).at("/after/deployment/key").asText()).isEqualTo(key);
    }

    @Test
    void a_created_api_key_is_recorded_without_the_key_and_a_refused_change_is_not_recorded() {
        TestClient.Response created = live.client().post("/api/keys", ADMIN, "{\"name\":\"audited-app\"}");
        String plaintext = created.json().get("key").asText();
        String id = created.json().get("id").asText();
        JsonNode entry = audit("?targetKind=api_key&targetId=" + id).get("data").get(0);
        assertThat(entry.get("action").asText()).isEqualTo("api_key.create");
        assertThat(entry.at("/after/name").asText()).isEqualTo("audited-app");
        assertThat(entry.toString()).doesNotContain(plaintext);
        assertThat(live.client().get("/api/audit/export", ADMIN).body()).doesNotContain(plaintext);

        int before = audit("?limit=500").get("data").size();
        assertThat(live.client().put("/api/rate-limits/not-a-uuid", ADMIN, "{}").status()).isEqualTo(404);
        assertThat(live.client().put("/api/providers/bad", ADMIN, "{\"kind\":\"nope\"}").status()).isEqualTo(422);
        assertThat(audit("?limit=500").get("data").size()).isEqualTo(before);
    }

    @Test
    void filters_and_cursor_pages_and_the_export_agree() {
        for (int i = 0; i < 3; i++) assertThat(saveModel("m" + i)).isEqualTo(201);
        JsonNode models = audit("?action=model.");
        assertThat(models.get("data")).hasSize(3).allSatisfy(e -> assertThat(e.get("action").asText()).isEqualTo("model.save"));
        assertThat(audit("?action=model.save&actor=bootstrap").get("data")).hasSize(3);
        assertThat(audit("?action=model.&actor=someone-else").get("data")).isEmpty();
        assertThat(audit("?action=model.&from=2000-01-01&to=2001-01-01").get("data")).isEmpty();
        assertThat(live.client().get("/api/audit?nope=1", ADMIN).status()).isEqualTo(400);
        assertThat(live.client().get("/api/audit?from=yesterday", ADMIN).status()).isEqualTo(400);

        JsonNode page1 = audit("?action=model.&limit=2");
        assertThat(page1.get("data")).hasSize(2);
        assertThat(page1.get("has_more").asBoolean()).isTrue();
        JsonNode page2 = audit("?action=model.&limit=2&cursor=" + page1.get("next_cursor").asText());
        assertThat(page2.get("data")).hasSize(1);
        List<Long> paged = new ArrayList<>();
        for (JsonNode p : List.of(page1, page2)) p.get("data").forEach(e -> paged.add(e.get("seq").asLong()));

        TestClient.Response export = live.client().get("/api/audit/export?action=model.", ADMIN);
        assertThat(export.header("Content-Type")).startsWith("application/x-ndjson");
        List<Long> exported = new ArrayList<>();
        for (String line : export.body().split("\n")) exported.add(read(line).get("seq").asLong());
        assertThat(exported).isSortedAccordingTo(Long::compare).containsExactlyInAnyOrderElementsOf(paged);
        assertThat(export.body().split("\n")[0]).contains("\"hash\"", "\"prevHash\"");
    }

    @Test
    void verify_walks_the_chain_and_the_command_finds_the_same_on_the_same_database() {
        assertThat(live.client().post("/api/keys", ADMIN, "{\"name\":\"verified\"}").status()).isEqualTo(201);
        JsonNode v = live.client().get("/api/audit/verify", ADMIN).json();
        assertThat(v.get("ok").asBoolean()).isTrue();
        assertThat(v.get("checked").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(v.get("firstBroken").isNull()).isTrue();
        String head = v.at("/head/seq").asLong() + ":" + v.at("/head/hash").asText();
        assertThat(live.client().get("/api/audit/verify?checkpoint=" + head, ADMIN).json().get("ok").asBoolean()).isTrue();
        assertThat(live.client().get("/api/audit/verify?checkpoint=" + v.at("/head/seq").asLong() + ":" + "0".repeat(64), ADMIN)
                .json().at("/firstBroken/seq").asLong()).isEqualTo(v.at("/head/seq").asLong());
        assertThat(live.client().get("/api/audit/verify?checkpoint=12", ADMIN).status()).isEqualTo(400);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AuditCli.run(List.of("verify", "--from-checkpoint", head, "--json"),
                Map.of("JUNCTION_DATABASE_URL", live.gateway().database().jdbcUrl()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(read(out.toString(StandardCharsets.UTF_8)).get("ok").asBoolean()).isTrue();
        assertThat(AuditCli.run(List.of("verify", "--from-checkpoint", "x"), Map.of(), new PrintStream(out), new PrintStream(err))).isEqualTo(2);
    }

    private static int saveModel(String name) {
        return live.client().put("/api/models/groq/" + name, ADMIN, """
                {"contextWindow": 131072, "maxOutputTokens": 16384, "inputPerMillion": 0.29, "outputPerMillion": 0.39}""").status();
    }

    private static JsonNode read(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError(line, e);
        }
    }
}
