package dev.junction.web;

import static dev.junction.store.generated.Tables.PROVIDER_CONNECTIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.deployment.InvalidSpecException;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.routing.RoutingTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The model garden and provider connections over real HTTP, on a real gateway with its own PostgreSQL. */
class ModelGardenApiTest {
    static final String ADMIN = "garden-admin-token";
    static final String SECRET = "sk-test-DoNotLeakMe-0123456789";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    static DeploymentSpec spec(String key, String provider, String model) {
        Variant v = new Variant("main", List.of(PromptMessage.user("{{question}}")), ModelConfig.of(provider, model), null, null);
        return new DeploymentSpec(key, "", List.of(v), new RoutingTable(List.of(), "main"));
    }

    static String ask(String key) {
        return "{\"key\":\"" + key + "\",\"inputs\":{\"question\":\"hi\"}}";
    }

    @Test
    void the_garden_lists_the_shipped_models_inactive_and_the_simulator_active_with_the_price_table_version() {
        TestClient.Response all = live.client().get("/api/models", ADMIN);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("priceTableVersion").asText()).isEqualTo("2026-11-01");

        JsonNode openai = live.client().get("/api/models?provider=openai", ADMIN).json().get("data");
        assertThat(openai).isNotEmpty().allSatisfy(m -> assertThat(m.get("provider").asText()).isEqualTo("openai"));
        JsonNode active = live.client().get("/api/models?active=true", ADMIN).json().get("data");
        assertThat(active).allSatisfy(m -> assertThat(m.get("active").asBoolean()).isTrue());
        assertThat(active.findValuesAsText("model")).contains("echo").doesNotContain("gpt-4.1", "claude-sonnet-4-5");

        JsonNode mini = live.client().get("/api/models/openai/gpt-4o-mini", ADMIN).json();
        assertThat(mini.get("contextWindow").asInt()).isEqualTo(128000);
        assertThat(mini.get("inputPerMillion").decimalValue()).isEqualByComparingTo("0.15");
        assertThat(mini.get("custom").asBoolean()).isFalse();
    }

    @Test
    void unknown_models_are_404_and_only_an_admin_may_look() {
        assertThat(live.client().get("/api/models/openai/gpt-0", ADMIN).status()).isEqualTo(404);
        assertThat(live.client().post("/api/models/openai/gpt-0/activate", ADMIN, "").status()).isEqualTo(404);
        assertThat(live.client().get("/api/models", live.demoKey()).status()).isEqualTo(401);
    }

    @Test
    void a_user_adds_a_custom_model_and_edits_its_prices() {
        TestClient.Response created = live.client().put("/api/models/groq/qwen-qwq-32b", ADMIN, """
                {"contextWindow": 131072, "maxOutputTokens": 16384, "inputPerMillion": 0.29, "outputPerMillion": "0.39",
                 "cachedInputPerMillion": 0.29}""");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("custom").asBoolean()).isTrue();
        assertThat(created.json().get("active").asBoolean()).isFalse();

        TestClient.Response edited = live.client().put("/api/models/groq/qwen-qwq-32b", ADMIN, "{\"outputPerMillion\": 0.5}");
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().get("outputPerMillion").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(edited.json().get("contextWindow").asInt()).isEqualTo(131072);
    }

    @Test
    void a_custom_model_needs_no_cached_input_price_as_the_readme_says() {
        TestClient.Response created = live.client().put("/api/models/groq/no-cache-8b", ADMIN,
                "{\"contextWindow\": 8192, \"maxOutputTokens\": 1024, \"inputPerMillion\": 0.5, \"outputPerMillion\": 1}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("cachedInputPerMillion").isNull()).as("no cached-input price").isTrue();

        TestClient.Response edited = live.client().put("/api/models/groq/no-cache-8b", ADMIN, "{\"outputPerMillion\": 2}");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().get("cachedInputPerMillion").isNull()).isTrue();
        assertThat(live.client().get("/api/models/groq/no-cache-8b", ADMIN).json().get("cachedInputPerMillion").isNull()).isTrue();

        TestClient.Response priced = live.client().put("/api/models/groq/no-cache-8b", ADMIN, "{\"cachedInputPerMillion\": 0.25}");
        assertThat(priced.json().get("cachedInputPerMillion").decimalValue()).isEqualByComparingTo("0.25");
    }

    @Test
    void bad_limits_and_prices_are_a_422_naming_every_field_and_malformed_bodies_a_400() {
        TestClient.Response bad = live.client().put("/api/models/openai/gpt-4o", ADMIN,
                "{\"contextWindow\": 0, \"maxOutputTokens\": 10, \"inputPerMillion\": -1}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").findValuesAsText("path")).containsExactly("contextWindow", "inputPerMillion");

        TestClient.Response tooLong = live.client().put("/api/models/openai/gpt-4o", ADMIN, "{\"maxOutputTokens\": 200000}");
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().at("/errors/0/path").asText()).isEqualTo("maxOutputTokens");

        assertThat(live.client().put("/api/models/openai/gpt-4o", ADMIN, "{\"contextWindow\":").status()).isEqualTo(400);
        TestClient.Response mistyped = live.client().put("/api/models/openai/gpt-4o", ADMIN, "{\"contextWindow\": \"big\"}");
        assertThat(mistyped.status()).isEqualTo(400);
        assertThat(mistyped.json().at("/errors/0/path").asText()).isEqualTo("contextWindow");
        assertThat(live.client().get("/api/models?active=maybe", ADMIN).status()).isEqualTo(400);
    }

    @Test
    void deactivating_a_model_in_use_warns_keeps_the_live_version_serving_and_refuses_new_variants() {
        deployNow(spec("uses-broken", "simulator", "tiny-context"));

        TestClient.Response off = live.client().post("/api/models/simulator/tiny-context/deactivate", ADMIN, "");
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().get("active").asBoolean()).isFalse();
        assertThat(off.json().get("warnings").get(0).asText()).contains("uses-broken@v1").contains("keeps serving");

        assertThat(live.client().post("/v2/deployments/invoke", live.demoKey(), "{\"key\":\"uses-broken\",\"inputs\":{\"question\":\"x\"}}").status())
                .isEqualTo(200);
        InvalidSpecException refused = catchThrowableOfType(InvalidSpecException.class,
                () -> deployNow(spec("new-one", "simulator", "tiny-context")));
        assertThat(refused.errors()).contains(new FieldError("variants[0].primary.model", "not an activated model"));

        assertThat(live.client().post("/api/models/simulator/tiny-context/activate", ADMIN, "").json().get("active").asBoolean()).isTrue();
        deployNow(spec("new-one", "simulator", "tiny-context"));
    }

    @Test
    void a_connection_never_shows_or_stores_its_key_in_plaintext_and_its_base_url_can_be_swapped_live_with_its_key() throws Exception {
        try (OpenAiStub a = new OpenAiStub("from A"); OpenAiStub b = new OpenAiStub("from B")) {
            TestClient.Response saved = live.client().put("/api/providers/openai", ADMIN,
                    "{\"kind\":\"openai\",\"baseUrl\":\"" + a.baseUrl() + "\",\"apiKey\":\"" + SECRET + "\"}");
            assertThat(saved.status()).isEqualTo(201);
            assertThat(saved.json().get("hasApiKey").asBoolean()).isTrue();
            assertThat(saved.body()).doesNotContain(SECRET);
            assertThat(live.client().get("/api/providers", ADMIN).body()).doesNotContain(SECRET).contains("\"hasApiKey\":true");
            assertThat(live.client().get("/api/providers/openai", ADMIN).body()).doesNotContain(SECRET);
            assertThat(live.gateway().database().dsl().fetch("SELECT t::text FROM provider_connections t").formatCSV()).doesNotContain(SECRET);
            assertThat(live.gateway().database().dsl().selectFrom(PROVIDER_CONNECTIONS).where(PROVIDER_CONNECTIONS.NAME.eq("openai")).fetchOne().getApiKeyNonce()).hasSize(12);

            live.client().post("/api/models/openai/gpt-4o-mini/activate", ADMIN, "");
            deployNow(spec("on-openai", "openai", "gpt-4o-mini"));
            TestClient.Response first = live.client().post("/v2/deployments/invoke", live.demoKey(), ask("on-openai"));
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.json().at("/choices/0/message/content").asText()).isEqualTo("from A");
            assertThat(a.authorizations).containsExactly("Bearer " + SECRET);

            TestClient.Response redirected = live.client().put("/api/providers/openai", ADMIN, "{\"kind\":\"openai\",\"baseUrl\":\"" + b.baseUrl() + "\"}");
            assertThat(redirected.status()).as("the stored key is bound to where it was given").isEqualTo(422);
            assertThat(redirected.json().at("/errors/0/path").asText()).isEqualTo("apiKey");
            assertThat(redirected.body()).doesNotContain(SECRET);
            assertThat(live.client().post("/v2/deployments/invoke", live.demoKey(), ask("on-openai")).json()
                    .at("/choices/0/message/content").asText()).as("still on A").isEqualTo("from A");
            assertThat(b.authorizations).as("the stored key never reached B").isEmpty();

            TestClient.Response moved = live.client().put("/api/providers/openai", ADMIN,
                    "{\"kind\":\"openai\",\"baseUrl\":\"" + b.baseUrl() + "\",\"apiKey\":\"sk-for-b\"}");
            assertThat(moved.status()).isEqualTo(200);
            TestClient.Response second = live.client().post("/v2/deployments/invoke", live.demoKey(), ask("on-openai"));
            assertThat(second.json().at("/choices/0/message/content").asText()).isEqualTo("from B");
            assertThat(b.authorizations).containsExactly("Bearer sk-for-b");

            assertThat(live.client().delete("/api/providers/openai", ADMIN).status()).isEqualTo(204);
            TestClient.Response gone = live.client().post("/v2/deployments/invoke", live.demoKey(), ask("on-openai"));
            assertThat(gone.status()).isEqualTo(502);
            assertThat(gone.json().at("/attempts/0/reason").asText()).isEqualTo("no_connection");
            assertThat(gone.json().get("attempts")).hasSize(1);
        }
    }

    @Test
    void bad_connections_are_a_422_naming_the_field_and_unknown_ones_a_404() {
        TestClient.Response bad = live.client().put("/api/providers/azure-eu", ADMIN, "{\"kind\":\"azure\",\"baseUrl\":\"ftp://x\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().get("errors").findValuesAsText("path")).contains("azureDeployment", "azureApiVersion", "apiKey");

        TestClient.Response url = live.client().put("/api/providers/local", ADMIN, "{\"kind\":\"openai-compatible\",\"baseUrl\":\"not a url\"}");
        assertThat(url.status()).isEqualTo(422);
        assertThat(url.json().at("/errors/0/path").asText()).isEqualTo("baseUrl");

        TestClient.Response userinfo = live.client().put("/api/providers/local", ADMIN,
                "{\"kind\":\"openai-compatible\",\"baseUrl\":\"http://bob:hunter2@127.0.0.1:9/v1\"}");
        assertThat(userinfo.status()).isEqualTo(422);
        assertThat(userinfo.json().at("/errors/0/path").asText()).isEqualTo("baseUrl");
        assertThat(userinfo.json().at("/errors/0/message").asText()).contains("apiKey");
        assertThat(userinfo.body()).doesNotContain("hunter2");

        assertThat(live.client().put("/api/providers/x", ADMIN, "{\"kind\":\"telepathy\"}").json().at("/errors/0/path").asText()).isEqualTo("kind");
        assertThat(live.client().put("/api/providers/simulator", ADMIN, "{\"kind\":\"openai-compatible\",\"baseUrl\":\"http://h/v1\"}").status()).isEqualTo(422);
        assertThat(live.client().put("/api/providers/x", ADMIN, "[]").status()).isEqualTo(400);
        assertThat(live.client().get("/api/providers/nobody", ADMIN).status()).isEqualTo(404);
        assertThat(live.client().delete("/api/providers/nobody", ADMIN).status()).isEqualTo(404);
    }

    @Test
    void an_azure_connection_is_saved_with_its_deployment_and_api_version() {
        TestClient.Response saved = live.client().put("/api/providers/azure-eu", ADMIN, """
                {"kind":"azure","baseUrl":"https://acme.openai.azure.com","apiKey":"azure-secret-123",
                 "azureDeployment":"gpt4o-prod","azureApiVersion":"2024-10-21"}""");
        assertThat(saved.status()).isIn(200, 201);
        assertThat(saved.json().get("azureDeployment").asText()).isEqualTo("gpt4o-prod");
        assertThat(saved.body()).doesNotContain("azure-secret-123");
    }

    @Test
    void the_generated_secret_key_file_is_readable_by_its_owner_only() throws Exception {
        Path key = live.dataDir().resolve("secret-key");
        assertThat(key).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    /** Creates a deployment and deploys its draft at once. */
    private static void deployNow(dev.junction.engine.deployment.DeploymentSpec spec) {
        live.gateway().deployments().create(spec, "t");
        live.gateway().deployments().deploy(spec.key(), null, "t", "");
    }

    @Test
    void a_model_shows_its_capabilities_and_a_put_changes_only_those_it_names() {
        JsonNode o3mini = live.client().get("/api/models/openai/o3-mini", ADMIN).json().get("capabilities");
        assertThat(o3mini.toString()).isEqualTo(
                "{\"tools\":true,\"images\":false,\"files\":false,\"audio\":false,\"jsonSchema\":true,\"reasoning\":true}");

        TestClient.Response edited = live.client().put("/api/models/openai/o3-mini", ADMIN, "{\"capabilities\": {\"images\": true}}");
        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.json().at("/capabilities/images").asBoolean()).isTrue();
        assertThat(edited.json().at("/capabilities/reasoning").asBoolean()).as("not named: kept").isTrue();
        assertThat(edited.json().get("custom").asBoolean()).isTrue();
        assertThat(live.client().get("/api/models/openai/o3-mini", ADMIN).json().at("/capabilities/images").asBoolean()).isTrue();

        TestClient.Response notBoolean = live.client().put("/api/models/openai/o3-mini", ADMIN, "{\"capabilities\": {\"tools\": \"yes\"}}");
        assertThat(notBoolean.status()).isEqualTo(400);
        assertThat(notBoolean.body()).contains("capabilities.tools");
        TestClient.Response unknown = live.client().put("/api/models/openai/o3-mini", ADMIN, "{\"capabilities\": {\"vision\": true}}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body()).contains("capabilities.vision", "unknown capability");

        TestClient.Response created = live.client().put("/api/models/groq/caps-new", ADMIN, """
                {"contextWindow": 1000, "maxOutputTokens": 100, "inputPerMillion": 1, "outputPerMillion": 1,
                 "capabilities": {"images": false, "audio": false}}""");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().at("/capabilities/images").asBoolean()).isFalse();
        assertThat(created.json().at("/capabilities/tools").asBoolean()).as("a new model takes the rest").isTrue();
    }
}
