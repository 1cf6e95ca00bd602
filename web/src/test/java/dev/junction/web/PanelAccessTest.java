package dev.junction.web;

import static dev.junction.store.generated.Tables.ADMIN_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Named admin tokens and API key management, on a live gateway with its own PostgreSQL, over HTTP. */
class PanelAccessTest {
    static final String BOOTSTRAP = "the-bootstrap-admin-token";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(BOOTSTRAP);

    static JsonNode createAdminToken(String name) {
        TestClient.Response r = live.client().post("/api/admin-tokens", BOOTSTRAP, "{\"name\":\"" + name + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    static List<JsonNode> items(TestClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("data").forEach(out::add);
        return out;
    }

    @Test
    void a_named_admin_token_is_shown_once_stored_as_its_hash_and_opens_the_panel_api() {
        JsonNode created = createAdminToken("alice laptop");
        String token = created.get("token").asText();

        assertThat(token).startsWith("jadm_").startsWith(created.get("prefix").asText());
        assertThat(created.get("name").asText()).isEqualTo("alice laptop");
        var row = live.gateway().database().dsl().selectFrom(ADMIN_TOKENS)
                .where(ADMIN_TOKENS.ID.eq(UUID.fromString(created.get("id").asText()))).fetchOne();
        assertThat(row.getTokenHash()).hasSize(64).isNotEqualTo(token);
        assertThat(live.client().get("/api/keys", token).status()).isEqualTo(200);
    }

    @Test
    void the_panel_api_knows_which_named_token_a_request_came_with() {
        String token = createAdminToken("ci pipeline").get("token").asText();

        assertThat(live.client().get("/api/admin-tokens/current", token).json().get("name").asText()).isEqualTo("ci pipeline");
        assertThat(live.client().get("/api/admin-tokens/current", BOOTSTRAP).json().get("name").asText()).isEqualTo("bootstrap");
    }

    @Test
    void listing_admin_tokens_shows_the_bootstrap_token_first_and_never_a_secret_or_hash() {
        JsonNode created = createAdminToken("listed");
        TestClient.Response r = live.client().get("/api/admin-tokens", BOOTSTRAP);

        List<JsonNode> tokens = items(r);
        assertThat(tokens.getFirst().get("id").asText()).isEqualTo("bootstrap");
        assertThat(tokens.getFirst().get("bootstrap").asBoolean()).isTrue();
        JsonNode listed = tokens.stream().filter(t -> t.get("id").asText().equals(created.get("id").asText())).findFirst().orElseThrow();
        assertThat(listed.get("name").asText()).isEqualTo("listed");
        assertThat(listed.get("prefix").asText()).isEqualTo(created.get("prefix").asText());
        assertThat(listed.get("createdAt").asText()).endsWith("Z");
        assertThat(listed.get("revokedAt").isNull()).isTrue();
        assertThat(r.body()).doesNotContain(created.get("token").asText()).doesNotContain("hash");
    }

    @Test
    void a_revoked_admin_token_is_refused_at_once() {
        JsonNode created = createAdminToken("short-lived");
        String token = created.get("token").asText();
        assertThat(live.client().get("/api/keys", token).status()).isEqualTo(200);

        TestClient.Response revoked = live.client().delete("/api/admin-tokens/" + created.get("id").asText(), BOOTSTRAP);

        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().get("revokedAt").asText()).endsWith("Z");
        TestClient.Response refused = live.client().get("/api/keys", token);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().get("message").asText()).contains("admin token");
    }

    @Test
    void revoking_an_unknown_admin_token_is_a_404() {
        assertThat(live.client().delete("/api/admin-tokens/" + UUID.randomUUID(), BOOTSTRAP).status()).isEqualTo(404);
        assertThat(live.client().delete("/api/admin-tokens/not-an-id", BOOTSTRAP).status()).isEqualTo(404);
    }

    @Test
    void the_bootstrap_token_cannot_be_revoked_through_the_api_and_says_why() {
        TestClient.Response r = live.client().delete("/api/admin-tokens/bootstrap", BOOTSTRAP);

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().get("message").asText()).contains("bootstrap token cannot be revoked").contains("JUNCTION_ADMIN_TOKEN");
        assertThat(live.client().get("/api/keys", BOOTSTRAP).status()).isEqualTo(200);
    }

    @Test
    void an_admin_token_needs_a_name_that_is_not_bootstrap_and_a_json_body() {
        TestClient.Response nameless = live.client().post("/api/admin-tokens", BOOTSTRAP, "{\"name\":\"  \"}");
        assertThat(nameless.status()).isEqualTo(422);
        assertThat(nameless.json().at("/errors/0/path").asText()).isEqualTo("name");
        assertThat(nameless.json().at("/errors/0/message").asText()).contains("required");

        TestClient.Response reserved = live.client().post("/api/admin-tokens", BOOTSTRAP, "{\"name\":\"bootstrap\"}");
        assertThat(reserved.status()).isEqualTo(422);
        assertThat(reserved.json().at("/errors/0/path").asText()).isEqualTo("name");

        TestClient.Response malformed = live.client().post("/api/admin-tokens", BOOTSTRAP, "{\"name\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().at("/errors/0/path").asText()).isEqualTo("body");
    }

    @Test
    void admin_tokens_are_managed_only_with_an_admin_token() {
        assertThat(live.client().get("/api/admin-tokens", null).status()).isEqualTo(401);
        assertThat(live.client().get("/api/admin-tokens", live.demoKey()).status()).isEqualTo(401);
        assertThat(live.client().post("/api/admin-tokens", "jadm_guess", "{\"name\":\"x\"}").status()).isEqualTo(401);
    }

    @Test
    void listing_api_keys_shows_names_and_prefixes_but_never_a_key_or_hash() {
        TestClient.Response created = live.client().post("/api/keys", BOOTSTRAP, "{\"name\":\"billing service\"}");
        String key = created.json().get("key").asText();

        TestClient.Response r = live.client().get("/api/keys", BOOTSTRAP);

        List<JsonNode> keys = items(r);
        assertThat(keys).extracting(k -> k.get("name").asText()).contains("demo", "billing service");
        JsonNode billing = keys.stream().filter(k -> k.get("id").asText().equals(created.json().get("id").asText())).findFirst().orElseThrow();
        assertThat(billing.get("prefix").asText()).isEqualTo(key.substring(0, 9));
        assertThat(billing.get("createdAt").asText()).endsWith("Z");
        assertThat(billing.get("revokedAt").isNull()).isTrue();
        assertThat(billing.has("key")).isFalse();
        assertThat(r.body()).doesNotContain(key).doesNotContain(live.demoKey()).doesNotContain("hash");
    }

    @Test
    void a_revoked_api_key_stops_working_at_once() {
        TestClient.Response created = live.client().post("/api/keys", BOOTSTRAP, "{\"name\":\"to revoke\"}");
        String key = created.json().get("key").asText();
        String body = "{\"key\":\"customer-support\",\"inputs\":{\"question\":\"hi\"}}";
        assertThat(live.client().post("/v2/deployments/invoke", key, body).status()).isEqualTo(200);

        TestClient.Response revoked = live.client().delete("/api/keys/" + created.json().get("id").asText(), BOOTSTRAP);

        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().get("revokedAt").asText()).endsWith("Z");
        assertThat(live.client().post("/v2/deployments/invoke", key, body).status()).isEqualTo(401);
        assertThat(live.client().post("/v2/deployments/invoke", live.demoKey(), body).status()).as("other keys keep working").isEqualTo(200);
    }

    @Test
    void revoking_an_unknown_api_key_is_a_404_and_needs_an_admin_token() {
        TestClient.Response unknown = live.client().delete("/api/keys/" + UUID.randomUUID(), BOOTSTRAP);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("404");
        assertThat(live.client().delete("/api/keys/not-a-uuid", BOOTSTRAP).status()).isEqualTo(404);
        assertThat(live.client().delete("/api/keys/" + UUID.randomUUID(), live.demoKey()).status()).isEqualTo(401);
    }
}
