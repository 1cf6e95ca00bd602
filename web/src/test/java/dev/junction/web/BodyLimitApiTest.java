package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The request body limit (JUNCTION_MAX_BODY_MB, here 1 MiB) and the in-flight budget (JUNCTION_BODY_BUDGET_MB, here
 * 2 MiB), over real HTTP: a real client uploading twice the limit gets a 413 naming it, in each front door's shape,
 * whether the body has a Content-Length or is chunked.
 */
class BodyLimitApiTest {
    static final String ADMIN = "body-limit-admin-token-0123456789";
    static final int LIMIT = 1 << 20;
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN, s -> s.withHttp(new Settings.HttpSettings(1, 2)));

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    static String invoke(int bytes) {
        String head = "{\"key\":\"customer-support\",\"inputs\":{\"question\":\"";
        String tail = "\"}}";
        return head + "a".repeat(bytes - head.length() - tail.length()) + tail;
    }

    static String chat(int bytes) {
        String head = "{\"model\":\"customer-support\",\"messages\":[{\"role\":\"user\",\"content\":\"";
        String tail = "\"}]}";
        return head + "a".repeat(bytes - head.length() - tail.length()) + tail;
    }

    HttpResponse<String> post(String path, String bearer, String body, boolean chunked) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)) // no length: chunked
                : HttpRequest.BodyPublishers.ofByteArray(bytes);
        HttpRequest request = HttpRequest.newBuilder(URI.create(live.client().base() + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json").POST(publisher).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_body_a_little_over_a_million_bytes_but_within_the_limit_is_invoked() throws Exception {
        String head = "{\"key\":\"customer-support\",\"inputs\":{\"question\":\"hi\"},\"metadata\":{\"blob\":\"";
        String body = head + "a".repeat(LIMIT - 1000 - head.length()) + "\"}}"; // metadata: no prompt over the context window
        HttpResponse<String> r = post("/v2/deployments/invoke", live.demoKey(), body, false);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    @Test
    void twice_the_limit_with_a_content_length_is_a_413_naming_the_limit_on_v2() throws Exception {
        HttpResponse<String> r = post("/v2/deployments/invoke", live.demoKey(), invoke(2 * LIMIT), false);

        assertThat(r.statusCode()).isEqualTo(413);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("code").asText()).isEqualTo("413");
        assertThat(body.get("message").asText()).contains("1 MiB").contains("JUNCTION_MAX_BODY_MB").contains(Integer.toString(2 * LIMIT));
        assertThat(body.get("limit_bytes").asLong()).isEqualTo(LIMIT);
    }

    @Test
    void the_sign_in_which_reads_its_body_without_a_credential_takes_no_chunked_or_large_body() throws Exception {
        String form = "{\"token\":\"" + "g".repeat(100_000) + "\"}";
        for (boolean chunked : new boolean[] {true, false}) {
            HttpResponse<String> r = post("/panel/login", "none", form, chunked);
            assertThat(r.statusCode()).as("chunked: " + chunked).isEqualTo(413);
            assertThat(JSON.readTree(r.body()).get("message").asText()).contains("sign-in body is at most 16384 bytes");
        }
        assertThat(post("/panel/login", "none", "{\"token\":\"" + ADMIN + "\"}", false).statusCode())
                .as("a sign-in with its length still works").isBetween(200, 399);
    }

    @Test
    void a_chunked_upload_over_the_limit_after_100_continue_reads_the_413_not_a_reset() throws Exception {
        byte[] bytes = invoke(2 * LIMIT).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(live.client().base() + "/v2/deployments/invoke"))
                .timeout(Duration.ofSeconds(30)).expectContinue(true)
                .header("Authorization", "Bearer " + live.demoKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build();
        // the server refuses once it has read the limit; closing with the rest unread resets the connection, and
        // whether the client has read the 413 by then is a race: a few rounds make a lost one likely to show
        for (int round = 0; round < 10; round++) {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("round " + round).isEqualTo(413);
            assertThat(JSON.readTree(r.body()).get("limit_bytes").asLong()).isEqualTo(LIMIT);
        }
    }

    @Test
    void twice_the_limit_chunked_is_a_413_naming_the_limit_on_v2() throws Exception {
        HttpResponse<String> r = post("/v2/deployments/invoke", live.demoKey(), invoke(2 * LIMIT), true);

        assertThat(r.statusCode()).isEqualTo(413);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("message").asText()).contains("1 MiB").contains("JUNCTION_MAX_BODY_MB");
        assertThat(body.get("limit_bytes").asLong()).isEqualTo(LIMIT);
    }

    @Test
    void twice_the_limit_is_a_413_in_openai_shape_on_v1_with_or_without_a_length() throws Exception {
        for (boolean chunked : List.of(false, true)) {
            HttpResponse<String> r = post("/v1/chat/completions", live.demoKey(), chat(2 * LIMIT), chunked);

            assertThat(r.statusCode()).as("chunked " + chunked).isEqualTo(413);
            JsonNode error = JSON.readTree(r.body()).get("error");
            assertThat(error.get("type").asText()).isEqualTo("invalid_request_error");
            assertThat(error.get("code").asText()).isEqualTo("request_too_large");
            assertThat(error.get("message").asText()).contains("1 MiB").contains("JUNCTION_MAX_BODY_MB");
            assertThat(error.has("param")).isTrue();
        }
    }

    @Test
    void the_panel_api_has_the_same_limit() throws Exception {
        for (boolean chunked : List.of(false, true)) {
            HttpResponse<String> r = post("/api/keys", ADMIN, "{\"name\":\"" + "k".repeat(2 * LIMIT) + "\"}", chunked);

            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(JSON.readTree(r.body()).get("message").asText()).contains("JUNCTION_MAX_BODY_MB");
        }
    }

    @Test
    void large_bodies_over_the_in_flight_budget_are_a_503_with_retry_after_until_one_ends() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) held.add(startUpload(1_000_000)); // 2,000,000 of the 2 MiB budget
            Thread.sleep(300); // the server has admitted both and waits for their bodies

            HttpResponse<String> r = post("/v2/deployments/invoke", live.demoKey(), invoke(200_000), false);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(JSON.readTree(r.body()).get("message").asText()).contains("JUNCTION_BODY_BUDGET_MB");
            assertThat(post("/v2/deployments/invoke", live.demoKey(), invoke(2_000), false).statusCode())
                    .as("small bodies are not counted").isEqualTo(200);
        } finally {
            for (Socket s : held) s.close();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        int status;
        do {
            Thread.sleep(50);
            status = post("/v2/deployments/invoke", live.demoKey(), invoke(200_000), false).statusCode();
        } while (status == 503 && System.nanoTime() < deadline);
        assertThat(status).as("the budget is given back when the uploads end").isEqualTo(200);
    }

    /** A request whose headers promise {@code length} bytes, with none of them sent yet. */
    Socket startUpload(int length) throws Exception {
        Socket socket = new Socket("127.0.0.1", live.gateway().port());
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v2/deployments/invoke HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + live.demoKey()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[] {'{'});
        out.flush();
        return socket;
    }

    @Test
    void a_raw_upload_of_twice_the_limit_reads_the_413_without_a_reset() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", live.gateway().port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            byte[] body = invoke(2 * LIMIT).getBytes(StandardCharsets.UTF_8);
            out.write(("POST /v2/deployments/invoke HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + live.demoKey()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body); // the whole body, as a client that does not read while it sends
            out.flush();
            InputStream in = socket.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(head).isEqualTo("HTTP/1.1 413");
            assertThat(new String(Arrays.copyOf(in.readAllBytes(), 4096), StandardCharsets.UTF_8)).contains("JUNCTION_MAX_BODY_MB");
        }
    }
}
