package dev.junction.web;

import static dev.junction.web.ChatCompletionsFixtures.BROKEN;
import static dev.junction.web.ChatCompletionsFixtures.CHAT;
import static dev.junction.web.ChatCompletionsFixtures.NEEDS_INPUT;
import static dev.junction.web.ChatCompletionsFixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /v1/chat/completions} over raw HTTP: the OpenAI wire format, routing context, headers and error shapes. */
class ChatCompletionsApiTest {
    static final String ADMIN = "oai-admin";
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    @BeforeAll
    static void deploy() {
        ChatCompletionsFixtures.deployAll(live, ADMIN);
    }

    TestClient.Response post(String body) {
        return live.client().post("/v1/chat/completions", live.demoKey(), body);
    }

    /** A POST with extra headers. */
    static HttpResponse<String> post(String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(live.client().base() + "/v1/chat/completions"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + live.demoKey())
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) b.headers(headers);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_completion_answers_in_openai_format_with_the_served_model_usage_and_the_junction_headers() throws Exception {
        TestClient.Response r = post("{\"model\":\"oai-chat\",\"messages\":[{\"role\":\"system\",\"content\":\"Reply in French.\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Where is \"},{\"type\":\"text\",\"text\":\"my order?\"}]}]}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        JsonNode c = r.json();
        assertThat(c.get("object").asText()).isEqualTo("chat.completion");
        assertThat(c.get("id").asText()).isEqualTo("chatcmpl-" + r.header("X-Junction-Request-Id"));
        assertThat(c.get("created").asLong()).isCloseTo(System.currentTimeMillis() / 1000, org.assertj.core.data.Offset.offset(60L));
        assertThat(c.get("model").asText()).as("the model that answered, not the deployment key").isEqualTo("echo");
        assertThat(c.get("system_fingerprint").asText()).isEqualTo("junction:oai-chat@v1");
        assertThat(c.at("/choices/0/index").asInt()).isZero();
        assertThat(c.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(c.at("/choices/0/message/content").asText())
                .as("the caller's messages come after the variant's prompt")
                .isEqualTo("system: Be brief.\nsystem: Reply in French.\nuser: Where is \nmy order?");
        assertThat(c.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(c.at("/usage/total_tokens").asInt()).isEqualTo(c.at("/usage/prompt_tokens").asInt() + c.at("/usage/completion_tokens").asInt()).isPositive();
        assertThat(r.header("X-Junction-Variant")).isEqualTo("standard");
        assertThat(r.header("X-Junction-Deployment-Version")).isEqualTo("v1");
        assertThat(Double.parseDouble(r.header("X-Junction-Overhead-Ms"))).isGreaterThanOrEqualTo(0);
        assertThat(r.header("X-Junction-Ignored-Params")).isNull();

        var row = GatewayEndToEndTest.awaitLogRow(live.gateway(), UUID.fromString(r.header("X-Junction-Request-Id")));
        assertThat(row.getStatus()).isEqualTo("success");
        assertThat(row.getDeploymentKey()).isEqualTo(CHAT);
    }

    @Test
    void the_routing_context_comes_from_the_junction_field_or_the_header_and_a_conflict_between_them_is_refused() throws Exception {
        assertThat(post(body(CHAT, "\"junction\":{\"context\":{\"tier\":\"gold\"}}")).header("X-Junction-Variant")).isEqualTo("gold");
        assertThat(post(body(CHAT, "")).header("X-Junction-Variant")).isEqualTo("standard");

        HttpResponse<String> viaHeader = post(body(CHAT, ""), "X-Junction-Context", "{\"tier\":\"gold\"}");
        assertThat(viaHeader.statusCode()).isEqualTo(200);
        assertThat(viaHeader.headers().firstValue("X-Junction-Variant")).hasValue("gold");
        assertThat(JSON.readTree(viaHeader.body()).at("/choices/0/message/content").asText()).startsWith("system: Gold service.");

        HttpResponse<String> agree = post(body(CHAT, "\"junction\":{\"context\":{\"tier\":\"gold\"}}"), "X-Junction-Context", "{\"tier\":\"gold\"}");
        assertThat(agree.statusCode()).isEqualTo(200);

        HttpResponse<String> conflict = post(body(CHAT, "\"junction\":{\"context\":{\"tier\":\"gold\"}}"), "X-Junction-Context", "{\"tier\":\"silver\"}");
        assertThat(conflict.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(conflict.body()).at("/error/param").asText()).isEqualTo("junction.context.tier");

        HttpResponse<String> malformed = post(body(CHAT, ""), "X-Junction-Context", "tier=gold");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).at("/error/param").asText()).isEqualTo("X-Junction-Context");
    }

    @Test
    void inputs_come_from_the_junction_field_and_a_missing_one_is_a_422_naming_it() {
        TestClient.Response ok = post(body(NEEDS_INPUT, "\"junction\":{\"inputs\":{\"question\":\"Where?\"}}"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().at("/choices/0/message/content").asText()).isEqualTo("user: Where?\nuser: hi");

        TestClient.Response missing = post(body(NEEDS_INPUT, ""));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(missing.json().at("/error/param").asText()).isEqualTo("junction.inputs.question");
        assertThat(missing.json().at("/error/code").asText()).isEqualTo("invalid_input");

        TestClient.Response missingInStream = post(body(NEEDS_INPUT, "\"stream\":true"));
        assertThat(missingInStream.status()).isEqualTo(422);
        assertThat(missingInStream.json().at("/error/param").asText()).isEqualTo("junction.inputs.question");
    }

    @Test
    void parameters_the_deployment_owns_are_not_applied_and_the_answer_names_them() {
        TestClient.Response r = post(body(CHAT, "\"temperature\":1.5,\"max_tokens\":1,\"top_p\":0.1,\"user\":\"u-42\",\"metadata\":{\"team\":\"a\"},\"some_future_field\":true"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Junction-Ignored-Params")).isEqualTo("temperature,top_p,max_tokens");
        assertThat(r.json().at("/choices/0/finish_reason").asText()).as("max_tokens: 1 did not cut the answer").isEqualTo("stop");
    }

    @Test
    void errors_come_in_openai_shape_with_the_field_at_fault_and_no_retry_hint() {
        TestClient.Response unknown = post(body("no-such-deployment", ""));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error").get("code").asText()).isEqualTo("model_not_found");
        assertThat(unknown.json().at("/error/param").asText()).isEqualTo("model");
        assertThat(unknown.json().at("/error/message").asText()).contains("no-such-deployment");
        assertThat(unknown.header("x-should-retry")).isEqualTo("false");
        assertThat(unknown.header("X-Junction-Overhead-Ms")).isNotNull();

        TestClient.Response badKey = live.client().post("/v1/chat/completions", "not-a-key", body(CHAT, ""));
        assertThat(badKey.status()).isEqualTo(401);
        assertThat(badKey.json().at("/error/code").asText()).isEqualTo("invalid_api_key");
        assertThat(badKey.json().at("/error/type").asText()).isEqualTo("authentication_error");

        for (String[] c : List.of(
                new String[] {"{\"messages\":[]}", "model"},
                new String[] {"{\"model\":42,\"messages\":[]}", "model"},
                new String[] {"{\"model\":\"oai-chat\"}", "messages"},
                new String[] {"{\"model\":\"oai-chat\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}", "messages[0].role"},
                new String[] {"{\"model\":\"oai-chat\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}}]}]}", "messages[0].content[0].image_url.url"},
                new String[] {"{\"model\":\"oai-chat\",\"messages\":[],\"stream\":\"yes\"}", "stream"},
                new String[] {"{\"model\":\"oai-chat\",\"messages\":[],\"junction\":{\"contxt\":{}}}", "junction.contxt"},
                new String[] {"{\"model\":\"oai-chat\",\"messages\":[],\"junction\":{\"context\":[1]}}", "junction.context"},
                new String[] {"{\"model\":\"oai-chat\",\"messages\":[],\"function_call\":\"auto\"}", "function_call"},
                new String[] {"{\"model\":\"oai-chat\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\",\"tool_call_id\":\"c\"}]}", "messages[0].tool_call_id"},
                new String[] {"{\"model\":\"oai-chat\",\"messages\":[],\"n\":2}", "n"},
                new String[] {"{\"model\":\"oai-chat\",\"messages\":[],\"user\":7}", "user"},
                new String[] {"not json", "body"})) {
            TestClient.Response r = post(c[0]);
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            JsonNode error = r.json().get("error");
            assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.get("param").asText()).as(c[0]).isEqualTo(c[1]);
            assertThat(error.get("message").asText()).startsWith(c[1] + ":");
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("at dev.");
        }

        TestClient.Response nowhere = live.client().post("/v1/embeddings", live.demoKey(), "{}");
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.json().at("/error/type").asText()).isEqualTo("invalid_request_error");
    }

    @Test
    void a_deployment_whose_every_option_fails_is_a_502_listing_every_attempt() {
        TestClient.Response r = post(body(BROKEN, ""));

        assertThat(r.status()).isEqualTo(502);
        JsonNode error = r.json().get("error");
        assertThat(error.get("type").asText()).isEqualTo("upstream_error");
        assertThat(error.get("code").asText()).isEqualTo("all_attempts_failed");
        assertThat(error.get("message").asText()).contains("simulator/broken");
        assertThat(error.get("attempts").size()).isGreaterThanOrEqualTo(1);
        assertThat(error.get("request_id").asText()).isNotBlank();
        assertThat(r.header("x-should-retry")).isEqualTo("false");
        assertThat(Double.parseDouble(r.header("X-Junction-Overhead-Ms"))).isGreaterThanOrEqualTo(0);
    }

    @Test
    void a_stream_sends_a_role_chunk_content_chunks_a_finish_chunk_a_usage_chunk_and_done() throws Exception {
        TestClient.Response r = post(body(CHAT, "\"stream\":true,\"stream_options\":{\"include_usage\":true}"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/event-stream");
        assertThat(r.header("X-Junction-Variant")).isEqualTo("standard");
        assertThat(Double.parseDouble(r.header("X-Junction-Overhead-Ms"))).isGreaterThanOrEqualTo(0);
        List<String> data = StreamApiTest.dataLines(r.body());
        assertThat(data.getLast()).isEqualTo("[DONE]");
        List<JsonNode> chunks = data.subList(0, data.size() - 1).stream().map(ChatCompletionsApiTest::json).toList();
        String id = chunks.getFirst().get("id").asText();
        assertThat(id).isEqualTo("chatcmpl-" + r.header("X-Junction-Request-Id"));
        chunks.forEach(chunk -> {
            assertThat(chunk.get("object").asText()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.get("id").asText()).isEqualTo(id);
            assertThat(chunk.get("model").asText()).isEqualTo("echo");
        });
        assertThat(chunks.getFirst().at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        StringBuilder text = new StringBuilder();
        chunks.forEach(chunk -> text.append(chunk.at("/choices/0/delta/content").asText("")));
        assertThat(text.toString()).isEqualTo("system: Be brief.\nuser: hi");
        JsonNode finish = chunks.get(chunks.size() - 2);
        assertThat(finish.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = chunks.getLast();
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.at("/usage/total_tokens").asInt()).isPositive();

        TestClient.Response noUsage = post(body(CHAT, "\"stream\":true"));
        List<String> plain = StreamApiTest.dataLines(noUsage.body());
        assertThat(json(plain.get(plain.size() - 2)).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(noUsage.body()).doesNotContain("\"usage\"");
    }

    @Test
    void a_stream_whose_every_option_fails_before_its_first_token_is_an_ordinary_json_error() {
        TestClient.Response r = post(body(BROKEN, "\"stream\":true"));

        assertThat(r.status()).isEqualTo(502);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json().at("/error/code").asText()).isEqualTo("all_attempts_failed");
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }
}
