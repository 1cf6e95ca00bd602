package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /v2/deployments/stream}: raw server-sent events, and the official SDK's {@code stream()} unmodified. */
class StreamApiTest {
    static final String ADMIN = "stream-admin";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    /** The {@code data:} payloads of an SSE body, in order. */
    static List<String> dataLines(String body) {
        List<String> out = new ArrayList<>();
        for (String event : body.split("\\n\\n")) {
            for (String line : event.split("\\n")) {
                if (line.startsWith("data: ")) out.add(line.substring(6));
            }
        }
        return out;
    }

    @Test
    void a_stream_sends_chunks_in_the_orquesta_format_then_a_final_chunk_with_usage_then_done() throws Exception {
        TestClient.Response r = live.client().post("/v2/deployments/stream", live.demoKey(),
                "{\"key\":\"customer-support\",\"context\":{\"language\":\"es\"},\"inputs\":{\"question\":\"hola\"}}");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/event-stream");
        assertThat(r.header("X-Junction-Variant")).isEqualTo("spanish");
        assertThat(Double.parseDouble(r.header("X-Junction-Overhead-Ms"))).isGreaterThanOrEqualTo(0);
        List<String> data = dataLines(r.body());
        assertThat(data.getLast()).isEqualTo("[DONE]");
        ObjectMapper json = new ObjectMapper();
        StringBuilder text = new StringBuilder();
        for (String d : data.subList(0, data.size() - 2)) {
            JsonNode chunk = json.readTree(d);
            assertThat(chunk.get("is_final").asBoolean()).isFalse();
            text.append(chunk.at("/choices/0/message/content").asText());
        }
        JsonNode last = json.readTree(data.get(data.size() - 2));
        assertThat(last.get("is_final").asBoolean()).isTrue();
        assertThat(last.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(last.at("/usage/total_tokens").asInt()).isPositive();
        assertThat(text.toString()).startsWith("system: Eres un agente").endsWith("user: hola");

        var row = GatewayEndToEndTest.awaitLogRow(live.gateway(), UUID.fromString(last.get("id").asText()));
        assertThat(row.getStatus()).isEqualTo("success");
    }

    @Test
    void the_official_sdk_streams_unmodified_and_the_text_adds_up() throws Exception {
        JsonNode out = NodeSdk.call(live.gateway().port(), live.demoKey(), "stream",
                "{\"key\":\"customer-support\",\"inputs\":{\"question\":\"Where is my order?\"}}");

        assertThat(out.get("ok").asBoolean()).as(out.toString()).isTrue();
        JsonNode chunks = out.get("result");
        assertThat(chunks.size()).isGreaterThanOrEqualTo(2);
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(c.at("/choices/0/message/content").asText()));
        assertThat(text.toString()).endsWith("user: Where is my order?");
        JsonNode last = chunks.get(chunks.size() - 1);
        assertThat(last.get("isFinal").asBoolean()).isTrue();
        assertThat(last.at("/usage/totalTokens").asInt()).isPositive();
    }

    @Test
    void a_stream_whose_every_option_fails_before_its_first_token_is_an_ordinary_json_error() throws Exception {
        String spec = DeploymentApiTest.spec("broken-stream", "fails", "broken");
        assertThat(live.client().post("/api/deployments", ADMIN, spec.replace(
                "\"fallback\":{\"provider\":\"simulator\",\"model\":\"echo\"},", "")).status()).isEqualTo(201);
        assertThat(live.client().post("/api/deployments/broken-stream/deploy", ADMIN, "{}").status()).isEqualTo(201);

        TestClient.Response r = live.client().post("/v2/deployments/stream", live.demoKey(), "{\"key\":\"broken-stream\"}");

        assertThat(r.status()).isEqualTo(502);
        assertThat(r.header("Content-Type")).startsWith("application/json");
        assertThat(r.json().get("attempts").size()).isEqualTo(2);

        JsonNode sdk = NodeSdk.call(live.gateway().port(), live.demoKey(), "stream", "{\"key\":\"broken-stream\"}");
        assertThat(sdk.get("ok").asBoolean()).isFalse();
        assertThat(sdk.get("statusCode").asInt()).isEqualTo(502);
    }

    @Test
    void a_provider_that_breaks_off_after_the_first_token_ends_the_stream_with_an_error_event_and_no_done() throws Exception {
        String spec = DeploymentApiTest.spec("cut-stream", "breaks off", "cut-stream");
        assertThat(live.client().post("/api/deployments", ADMIN, spec).status()).isEqualTo(201);
        assertThat(live.client().post("/api/deployments/cut-stream/deploy", ADMIN, "{}").status()).isEqualTo(201);

        TestClient.Response r = live.client().post("/v2/deployments/stream", live.demoKey(), "{\"key\":\"cut-stream\"}");

        assertThat(r.status()).as("the stream had started: the status was already sent").isEqualTo(200);
        assertThat(r.body()).contains("event: error").doesNotContain("[DONE]");
        List<String> data = dataLines(r.body());
        assertThat(data.size()).as("three pieces, then the error").isEqualTo(4);
        JsonNode error = new ObjectMapper().readTree(data.getLast()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("stream_truncated");
        assertThat(error.get("reason").asText()).isEqualTo("connection_error");
        var row = GatewayEndToEndTest.awaitLogRow(live.gateway(), UUID.fromString(error.get("request_id").asText()));
        assertThat(row.getStatus()).isEqualTo("truncated");
        assertThat(row.getAttempts().data()).as("not retried and not sent to the fallback after the first token")
                .doesNotContain("\"option\":\"fallback\"");

        JsonNode sdk = NodeSdk.call(live.gateway().port(), live.demoKey(), "stream", "{\"key\":\"cut-stream\"}");
        assertThat(sdk.get("ok").asBoolean()).as("the SDK throws rather than taking a partial answer").isFalse();
        assertThat(sdk.get("chunks").size()).isEqualTo(3);
    }

    @Test
    void a_stream_whose_provider_sends_no_text_still_says_the_overhead_on_both_front_doors() throws Exception {
        try (AnthropicStreamStub silent = new AnthropicStreamStub(List.of(), 0, AnthropicStreamStub.Ending.COMPLETE)) {
            ChatCompletionsFixtures.deployOnStub(live, ADMIN, silent);

            TestClient.Response orq = live.client().post("/v2/deployments/stream", live.demoKey(),
                    "{\"key\":\"" + ChatCompletionsFixtures.ON_STUB + "\"}");
            TestClient.Response openAi = live.client().post("/v1/chat/completions", live.demoKey(),
                    ChatCompletionsFixtures.body(ChatCompletionsFixtures.ON_STUB, "\"stream\":true"));

            assertThat(silent.requests.get()).as("both answered by the provider, not the fallback").isEqualTo(2);
            for (TestClient.Response r : List.of(orq, openAi)) {
                assertThat(r.status()).as(r.body()).isEqualTo(200);
                assertThat(r.header("Content-Type")).startsWith("text/event-stream");
                assertThat(r.header("X-Junction-Request-Id")).isNotNull();
                assertThat(r.header("X-Junction-Variant")).isEqualTo("main");
                assertThat(r.header("X-Junction-Overhead-Ms")).as("the README promises it on every answer").isNotNull();
                assertThat(Double.parseDouble(r.header("X-Junction-Overhead-Ms"))).isGreaterThanOrEqualTo(0);
                assertThat(dataLines(r.body()).getLast()).isEqualTo("[DONE]");
            }
            List<String> data = dataLines(orq.body());
            assertThat(data).as("the final chunk, then [DONE]").hasSize(2);
            JsonNode last = new ObjectMapper().readTree(data.getFirst());
            assertThat(last.get("is_final").asBoolean()).isTrue();
            assertThat(last.at("/choices/0/message/content").asText()).isEmpty();
            assertThat(last.get("id").asText()).isEqualTo(orq.header("X-Junction-Request-Id"));
        }
    }

    @Test
    void a_client_that_disconnects_mid_stream_cancels_the_upstream_call_and_the_log_says_cancelled() throws Exception {
        String spec = DeploymentApiTest.spec("slow-stream", "slow", "slow").replace("\"maxTokens\":200", "\"maxTokens\":2000");
        assertThat(live.client().post("/api/deployments", ADMIN, spec).status()).isEqualTo(201);
        assertThat(live.client().post("/api/deployments/slow-stream/deploy", ADMIN, "{}").status()).isEqualTo(201);

        String body = "{\"key\":\"slow-stream\",\"inputs\":{\"q\":\"" + "word ".repeat(40) + "\"}}";
        String requestId;
        long start = System.nanoTime();
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", live.gateway().port())) {
            var out = socket.getOutputStream();
            out.write(("POST /v2/deployments/stream HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + live.demoKey()
                    + "\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.flush();
            var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            String line;
            String id = null;
            while ((line = in.readLine()) != null) {
                if (line.regionMatches(true, 0, "X-Junction-Request-Id:", 0, 22)) id = line.substring(22).trim();
                if (line.startsWith("data: ")) break; // the first piece arrived: hang up
            }
            requestId = id;
        }
        assertThat(requestId).isNotNull();
        var row = GatewayEndToEndTest.awaitLogRow(live.gateway(), UUID.fromString(requestId));
        assertThat(row.getStatus()).isEqualTo("cancelled");
        assertThat(row.getHttpStatus()).isEqualTo(499);
        assertThat(row.getAttempts().data()).as("the attempt ended because the client went away")
                .contains("client_cancelled");
    }
}
