package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A large request is logged cut to JUNCTION_LOG_BODY_MAX_KB (32 KB by default), and the log detail says so. */
class LogTruncationApiTest {
    static final String ADMIN = "admin-secret";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    @Test
    void the_detail_of_a_request_with_a_long_body_shows_each_cut_text_with_its_full_size_and_sha256() throws Exception {
        String question = "Where is my parcel? ".repeat(20_000) + "ñ"; // 400 KB
        TestClient.Response r = live.client().post("/v2/deployments/invoke", live.demoKey(),
                "{\"key\":\"customer-support\",\"context\":{},\"inputs\":{\"question\":\"" + question + "\"}}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        UUID id = UUID.fromString(r.json().get("id").asText());
        GatewayEndToEndTest.awaitLogRow(live.gateway(), id);

        JsonNode d = live.client().get("/api/logs/" + id, ADMIN).json();
        byte[] full = question.getBytes(StandardCharsets.UTF_8);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(full));
        JsonNode cut = d.get("truncated").get("inputs.question");
        assertThat(cut.get("bytes").asInt()).as(d.get("truncated").toString()).isEqualTo(full.length);
        assertThat(cut.get("sha256").asText()).isEqualTo(sha);
        assertThat(d.at("/inputs/question").asText()).hasSize(32 * 1024);
        assertThat(question).startsWith(d.at("/inputs/question").asText());
        assertThat(d.get("truncated").get("messages[1].content").get("sha256").asText()).isEqualTo(sha);
        assertThat(d.get("truncated").has("answer")).isTrue(); // the simulator echoes the prompt
        assertThat(d.get("answer").asText().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(32 * 1024);
    }
}
