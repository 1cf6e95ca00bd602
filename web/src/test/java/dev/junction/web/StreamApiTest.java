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
}
