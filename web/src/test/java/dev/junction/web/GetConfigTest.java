package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.SpecJson;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.support.Ids;
import dev.junction.store.JooqDeploymentStore;
import dev.junction.store.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /v2/deployments/get_config} on a live gateway: over plain HTTP, and through the official SDK
 * ({@code @orq-ai/node} 4.15.11, src/test/node/sdk.mjs), which must parse every answer without error.
 */
class GetConfigTest {
    static final String ADMIN = "admin";
    static final Path NODE_DIR = NodeSdk.NODE_DIR;

    @TempDir
    static Path dataDir;
    static Gateway gateway;
    static TestClient client;
    static String apiKey;

    /** Every parameter and a tool, to see their wire names. */
    static DeploymentSpec tuned() {
        ModelParameters parameters = new ModelParameters(0.2, 256, 0.9, 40, List.of("\n\n"), 0.1, 0.3, 7L,
                Map.of("type", "json_schema", "json_schema", Map.of("name", "answer", "strict", true,
                        "schema", Map.of("type", "object", "properties", Map.of("text", Map.of("type", "string"))))),
                List.of(new ToolSpec("lookup_order", "Finds an order by its id",
                        Map.of("type", "object", "properties", Map.of("id", Map.of("type", "string")), "required", List.of("id")))));
        Variant only = new Variant("only", List.of(PromptMessage.system("Orders: {{shop}}"), PromptMessage.user("{{question}}")),
                Map.of("shop", "Acme"), ModelConfig.of("simulator", "echo").withParameters(parameters), null, null);
        return new DeploymentSpec("tuned", "", List.of(only), RoutingTable.defaultOnly("only"));
    }

    @BeforeAll
    static void start() {
        TestDatabase db = TestDatabase.fresh();
        JooqDeploymentStore store = new JooqDeploymentStore(db.dsl(), Clock.systemUTC(), new Ids(Clock.systemUTC()));
        for (DeploymentSpec spec : List.of(DemoDeployment.spec(), tuned())) {
            store.create(spec, "test");
            store.deploy(spec.key(), spec, SpecJson.contentHash(spec), "test", "", null);
        }
        gateway = Main.start(new Settings(0, "127.0.0.1", dataDir, db.jdbcUrl(), ADMIN, null, null), Clock.systemUTC());
        client = new TestClient(gateway.port());
        apiKey = client.post("/api/keys", ADMIN, "{\"name\":\"get_config test\"}").json().get("key").asText();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) gateway.close();
    }

    static JsonNode sdk(String method, String requestJson) throws Exception {
        return sdk(apiKey, method, requestJson);
    }

    static JsonNode sdk(String key, String method, String requestJson) throws Exception {
        return NodeSdk.call(gateway.port(), key, method, requestJson);
    }

    @Test
    void the_config_of_a_spanish_context_is_the_spanish_variant_with_its_prompt_filled() {
        TestClient.Response r = client.post("/v2/deployments/get_config", apiKey,
                "{\"key\":\"customer-support\",\"context\":{\"language\":\"es\"},\"inputs\":{\"question\":\"¿Dónde está?\"}}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("X-Junction-Variant")).isEqualTo("spanish");
        assertThat(r.header("X-Junction-Deployment-Version")).isEqualTo("v1");
        JsonNode body = r.json();
        assertThat(body.get("id").asText()).isNotBlank();
        assertThat(body.get("provider").asText()).isEqualTo("simulator");
        assertThat(body.get("model").asText()).isEqualTo("echo");
        assertThat(body.get("type").asText()).isEqualTo("chat");
        assertThat(body.get("version").asText()).isEqualTo("v1");
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/0/content").asText()).startsWith("Eres un agente de soporte");
        assertThat(body.at("/messages/1/role").asText()).isEqualTo("user");
        assertThat(body.at("/messages/1/content").asText()).isEqualTo("¿Dónde está?");
        assertThat(body.get("parameters").isObject()).isTrue();
        assertThat(body.get("parameters").size()).isZero();
    }

    @Test
    void any_other_context_gets_the_default_variant_and_a_missing_input_stays_a_placeholder() {
        TestClient.Response r = client.post("/v2/deployments/get_config", apiKey,
                "{\"key\":\"customer-support\",\"context\":{\"language\":\"fr\"}}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("X-Junction-Variant")).isEqualTo("english");
        assertThat(r.json().at("/messages/0/content").asText()).contains("Answer in English");
        assertThat(r.json().at("/messages/1/content").asText()).isEqualTo("{{question}}");
    }

    @Test
    void parameters_are_camel_case_and_tools_are_functions_and_defaults_fill_the_prompt() {
        TestClient.Response r = client.post("/v2/deployments/get_config", apiKey, "{\"key\":\"tuned\",\"inputs\":{\"question\":\"q\"}}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode p = r.json().get("parameters");
        assertThat(p.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(p.get("maxTokens").asInt()).isEqualTo(256);
        assertThat(p.get("topP").asDouble()).isEqualTo(0.9);
        assertThat(p.get("topK").asInt()).isEqualTo(40);
        assertThat(p.get("frequencyPenalty").asDouble()).isEqualTo(0.3);
        assertThat(p.get("presencePenalty").asDouble()).isEqualTo(0.1);
        assertThat(p.get("seed").asLong()).isEqualTo(7);
        assertThat(p.at("/responseFormat/type").asText()).isEqualTo("json_schema");
        assertThat(p.at("/responseFormat/json_schema/name").asText()).isEqualTo("answer");
        assertThat(p.has("stop")).isFalse();
        assertThat(p.has("max_tokens")).isFalse();
        JsonNode tool = r.json().at("/tools/0");
        assertThat(tool.get("type").asText()).isEqualTo("function");
        assertThat(tool.at("/function/name").asText()).isEqualTo("lookup_order");
        assertThat(tool.at("/function/description").asText()).isEqualTo("Finds an order by its id");
        assertThat(tool.at("/function/parameters/required/0").asText()).isEqualTo("id");
        assertThat(r.json().at("/messages/0/content").asText()).isEqualTo("Orders: Acme");
    }

    @Test
    void an_unknown_deployment_is_a_404_a_malformed_body_a_400_and_a_wrong_key_a_401() {
        TestClient.Response unknown = client.post("/v2/deployments/get_config", apiKey, "{\"key\":\"nope\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("key").asText()).isEqualTo("nope");

        TestClient.Response malformed = client.post("/v2/deployments/get_config", apiKey, "{\"key\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().at("/errors/0/path").asText()).isEqualTo("body");

        TestClient.Response keyless = client.post("/v2/deployments/get_config", apiKey, "{\"context\":{}}");
        assertThat(keyless.status()).isEqualTo(400);
        assertThat(keyless.json().at("/errors/0/path").asText()).isEqualTo("key");

        assertThat(client.post("/v2/deployments/get_config", null, "{\"key\":\"tuned\"}").status()).isEqualTo(401);
        assertThat(client.post("/v2/deployments/get_config", "jk_wrong", "{\"key\":\"tuned\"}").status()).isEqualTo(401);
        assertThat(client.post("/v2/deployments/get_config", ADMIN, "{\"key\":\"tuned\"}").status()).isEqualTo(401);
    }

    @Test
    void the_official_sdk_parses_the_config_of_the_demo_without_error() throws Exception {
        JsonNode out = sdk("getConfig", "{\"key\":\"customer-support\",\"context\":{\"language\":\"es\"},\"inputs\":{\"question\":\"hola\"}}");

        assertThat(out.get("ok").asBoolean()).as(out.toString()).isTrue();
        JsonNode result = out.get("result");
        assertThat(result.get("provider").asText()).isEqualTo("simulator");
        assertThat(result.get("version").asText()).isEqualTo("v1");
        assertThat(result.get("type").asText()).isEqualTo("chat");
        assertThat(result.at("/messages/1/content").asText()).isEqualTo("hola");
    }

    @Test
    void the_official_sdk_parses_every_parameter_and_tool_without_error() throws Exception {
        JsonNode out = sdk("getConfig", "{\"key\":\"tuned\"}");

        assertThat(out.get("ok").asBoolean()).as(out.toString()).isTrue();
        JsonNode p = out.at("/result/parameters");
        assertThat(p.get("maxTokens").asInt()).as("the SDK keeps what it knows: %s", p).isEqualTo(256);
        assertThat(p.get("topK").asInt()).isEqualTo(40);
        assertThat(p.get("frequencyPenalty").asDouble()).isEqualTo(0.3);
        assertThat(p.get("seed").asLong()).isEqualTo(7);
        assertThat(p.at("/responseFormat/type").asText()).isEqualTo("json_schema");
        assertThat(out.at("/result/tools/0/function/name").asText()).isEqualTo("lookup_order");
        assertThat(out.at("/result/messages/1/content").asText()).isEqualTo("{{question}}");
    }

    @Test
    void the_sdk_sees_an_unknown_deployment_as_an_api_error_with_status_404() throws Exception {
        JsonNode out = sdk("getConfig", "{\"key\":\"missing-deployment\"}");

        assertThat(out.get("ok").asBoolean()).isFalse();
        assertThat(out.get("name").asText()).isEqualTo("APIError");
        assertThat(out.get("statusCode").asInt()).isEqualTo(404);
    }

    @Test
    void the_generic_sdk_script_also_invokes() throws Exception {
        JsonNode out = sdk("invoke", "{\"key\":\"customer-support\",\"inputs\":{\"question\":\"hi\"}}");

        assertThat(out.get("ok").asBoolean()).as(out.toString()).isTrue();
        assertThat(out.at("/result/choices/0/message/content").asText()).startsWith("system: You are a friendly support agent");
    }

    @Test
    void the_official_sdk_lists_the_live_deployments_with_their_prompt_configuration() throws Exception {
        JsonNode out = sdk("list", "{\"limit\":10}");

        assertThat(out.get("ok").asBoolean()).as(out.toString()).isTrue();
        JsonNode data = out.at("/result/data");
        assertThat(data.findValuesAsText("key")).containsExactlyInAnyOrder("customer-support", "tuned");
        JsonNode tuned = data.get(0).get("key").asText().equals("tuned") ? data.get(0) : data.get(1);
        assertThat(tuned.get("version").asText()).isEqualTo("v1");
        assertThat(tuned.at("/promptConfig/modelType").asText()).isEqualTo("chat");
        assertThat(tuned.at("/promptConfig/provider").asText()).isEqualTo("orq");
        assertThat(tuned.at("/promptConfig/tools/0/function/name").asText()).isNotBlank();
        assertThat(out.at("/result/hasMore").asBoolean()).isFalse();
    }
}
