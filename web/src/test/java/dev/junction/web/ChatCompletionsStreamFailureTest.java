package dev.junction.web;

import static dev.junction.web.ChatCompletionsFixtures.ON_STUB;
import static dev.junction.web.ChatCompletionsFixtures.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code stream: true} when the provider fails after the first token, and when the client goes away: the model is a
 * loopback Anthropic stub (the Anthropic adapter streams) that resets its connection mid-answer or streams slowly.
 */
class ChatCompletionsStreamFailureTest {
    static final String ADMIN = "oai-stream-admin";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);
    static AnthropicStreamStub complete;

    @BeforeAll
    static void deploy() {
        complete = new AnthropicStreamStub(List.of("Hel", "lo"), 0, AnthropicStreamStub.Ending.COMPLETE);
        ChatCompletionsFixtures.deployOnStub(live, ADMIN, complete);
    }

    @AfterAll
    static void stop() throws Exception {
        complete.close();
    }

    @Test
    void a_provider_that_streams_sends_one_chunk_per_piece() {
        ChatCompletionsFixtures.connect(live, ADMIN, complete);

        TestClient.Response r = live.client().post("/v1/chat/completions", live.demoKey(), body(ON_STUB, "\"stream\":true"));

        List<String> data = StreamApiTest.dataLines(r.body());
        assertThat(data).hasSize(5); // role, "Hel", "lo", finish, [DONE]
        assertThat(ChatCompletionsApiTest.json(data.get(1)).at("/choices/0/delta/content").asText()).isEqualTo("Hel");
        assertThat(ChatCompletionsApiTest.json(data.get(2)).at("/choices/0/delta/content").asText()).isEqualTo("lo");
        assertThat(ChatCompletionsApiTest.json(data.get(0)).get("model").asText()).isEqualTo("claude-haiku-4-5");
        assertThat(data.getLast()).isEqualTo("[DONE]");
    }

    @Test
    void a_provider_failing_after_the_first_token_ends_the_stream_with_an_error_event_and_no_done_and_is_logged_truncated() throws Exception {
        try (AnthropicStreamStub cut = new AnthropicStreamStub(List.of("Hel", "lo"), 200, AnthropicStreamStub.Ending.RESET)) {
            ChatCompletionsFixtures.connect(live, ADMIN, cut);

            TestClient.Response r = live.client().post("/v1/chat/completions", live.demoKey(), body(ON_STUB, "\"stream\":true"));

            assertThat(r.status()).isEqualTo(200);
            List<String> data = StreamApiTest.dataLines(r.body());
            assertThat(data).doesNotContain("[DONE]");
            StringBuilder text = new StringBuilder();
            data.subList(0, data.size() - 1).forEach(d -> text.append(ChatCompletionsApiTest.json(d).at("/choices/0/delta/content").asText("")));
            assertThat(text.toString()).as("no retry, no fallback after the first token").isEqualTo("Hello");
            JsonNode error = ChatCompletionsApiTest.json(data.getLast()).get("error");
            assertThat(error.get("code").asText()).isEqualTo("stream_truncated");
            assertThat(error.get("message").asText()).contains("broke off");
            assertThat(r.body()).as("a plain data line, as OpenAI sends stream errors").doesNotContain("event:");
            assertThat(cut.requests.get()).isEqualTo(1);

            var row = GatewayEndToEndTest.awaitLogRow(live.gateway(), UUID.fromString(r.header("X-Junction-Request-Id")));
            assertThat(row.getStatus()).isEqualTo("truncated");
            assertThat(error.get("request_id").asText()).isEqualTo(r.header("X-Junction-Request-Id"));
        }
    }

    @Test
    void a_client_that_disconnects_cancels_the_upstream_call_and_the_log_says_cancelled() throws Exception {
        List<String> ticks = Collections.nCopies(100, "tick ");
        try (AnthropicStreamStub slow = new AnthropicStreamStub(ticks, 100, AnthropicStreamStub.Ending.COMPLETE)) {
            ChatCompletionsFixtures.connect(live, ADMIN, slow);
            String requestId;
            try (Socket socket = new Socket("127.0.0.1", live.gateway().port())) {
                byte[] json = body(ON_STUB, "\"stream\":true").getBytes(StandardCharsets.UTF_8);
                OutputStream out = socket.getOutputStream();
                out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + live.demoKey()
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                out.write(json);
                out.flush();
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                requestId = null;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.toLowerCase(Locale.ROOT).startsWith("x-junction-request-id:")) requestId = line.substring(22).trim();
                    if (line.startsWith("data: ") && line.contains("tick")) break; // the first token: now hang up
                }
                assertThat(requestId).isNotNull();
            }

            assertThat(slow.hungUpOn.await(10, TimeUnit.SECONDS)).as("the gateway abandoned the upstream call").isTrue();
            var row = GatewayEndToEndTest.awaitLogRow(live.gateway(), UUID.fromString(requestId));
            assertThat(row.getStatus()).isEqualTo("cancelled");
        }
    }
}
