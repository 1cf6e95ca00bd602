package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One application's API key cannot touch another's requests: the /v2 log and feedback routes answer another key's
 * request id exactly as they answer an unknown one, while the key that made the request and the admin routes still
 * work, and every log row names the key that made it (real server, real HTTP).
 */
class LogKeyIsolationTest {
    static final String ADMIN = "admin-secret";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    static String keyA;
    static String keyB;
    static String keyAId;
    static UUID requestOfA;
    static UUID chatOfA;

    @BeforeAll
    static void two_applications() throws Exception {
        TestClient.Response a = live.client().post("/api/keys", ADMIN, "{\"name\":\"app A\"}");
        TestClient.Response b = live.client().post("/api/keys", ADMIN, "{\"name\":\"app B\"}");
        assertThat(a.status()).as(a.body()).isEqualTo(201);
        assertThat(b.status()).as(b.body()).isEqualTo(201);
        keyA = a.json().get("key").asText();
        keyAId = a.json().get("id").asText();
        keyB = b.json().get("key").asText();
        TestClient.Response invoked = live.client().post("/v2/deployments/invoke", keyA,
                GatewayEndToEndTest.invokeBody("{}").replace("}}", "},\"metadata\":{\"team\":\"a\"}}"));
        assertThat(invoked.status()).as(invoked.body()).isEqualTo(200);
        requestOfA = UUID.fromString(invoked.json().get("id").asText());
        TestClient.Response chat = live.client().post("/v1/chat/completions", keyA,
                "{\"model\":\"customer-support\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],"
                        + "\"junction\":{\"inputs\":{\"question\":\"hi\"}}}");
        assertThat(chat.status()).as(chat.body()).isEqualTo(200);
        chatOfA = UUID.fromString(chat.header("X-Junction-Request-Id"));
        GatewayEndToEndTest.awaitLogRow(live.gateway(), requestOfA);
        GatewayEndToEndTest.awaitLogRow(live.gateway(), chatOfA);
    }

    /** The body with the request id in it replaced, so answers about two ids compare. */
    static String without(TestClient.Response r, Object id) {
        return r.body().replace(id.toString(), "<id>");
    }

    @Test
    void every_log_row_names_the_api_key_that_made_the_request() {
        for (UUID id : List.of(requestOfA, chatOfA)) {
            JsonNode d = live.client().get("/api/logs/" + id, ADMIN).json();
            assertThat(d.at("/apiKey/id").asText()).as(d.toString()).isEqualTo(keyAId);
            assertThat(d.at("/apiKey/name").asText()).isEqualTo("app A");
        }
        JsonNode listed = live.client().get("/api/logs?apiKey=" + keyAId, ADMIN).json().get("data");
        List<String> ids = new ArrayList<>();
        listed.forEach(row -> ids.add(row.get("id").asText()));
        assertThat(ids).containsExactlyInAnyOrder(requestOfA.toString(), chatOfA.toString());
        assertThat(listed.get(0).at("/apiKey/name").asText()).isEqualTo("app A");
        assertThat(live.client().get("/api/logs?apiKey=" + UUID.randomUUID(), ADMIN).json().get("data")).isEmpty();
        assertThat(live.client().get("/api/logs?apiKey=nope", ADMIN).status()).isEqualTo(400);
    }

    @Test
    void another_key_reading_or_changing_the_metadata_gets_the_answer_of_an_unknown_id() {
        UUID unknown = UUID.randomUUID();
        TestClient.Response notFound = live.client().send("PATCH", "/v2/logs/" + unknown + "/metadata", keyB, "{}");
        assertThat(notFound.status()).isEqualTo(404);
        for (String change : List.of("{}", "{\"team\":\"b\"}", "{\"team\":null}")) {
            TestClient.Response r = live.client().send("PATCH", "/v2/logs/" + requestOfA + "/metadata", keyB, change);
            assertThat(r.status()).as(change + " -> " + r.body()).isEqualTo(404);
            assertThat(without(r, requestOfA)).isEqualTo(without(notFound, unknown));
        }
        assertThat(live.client().get("/api/logs/" + requestOfA, ADMIN).json().at("/metadata/team").asText()).isEqualTo("a");

        TestClient.Response own = live.client().send("PATCH", "/v2/logs/" + chatOfA + "/metadata", keyA, "{\"paid\":true}");
        assertThat(own.status()).as(own.body()).isEqualTo(200);
        assertThat(own.json().at("/metadata/paid").asBoolean()).isTrue();
        TestClient.Response admin = live.client().send("PATCH", "/api/logs/" + chatOfA + "/metadata", ADMIN, "{\"checked\":1}");
        assertThat(admin.status()).as(admin.body()).isEqualTo(200);
        assertThat(admin.json().at("/metadata/paid").asBoolean()).isTrue();
    }

    @Test
    void another_key_cannot_give_change_or_remove_feedback_on_a_request() {
        String old = "0188f2a0-0000-7000-8000-000000000000"; // an unknown id, too old to be waited for
        TestClient.Response unknown = live.client().post("/v2/feedback", keyB,
                "{\"property\":\"rating\",\"value\":1,\"trace_id\":\"" + old + "\"}");
        assertThat(unknown.status()).isEqualTo(404);
        TestClient.Response foreign = live.client().post("/v2/feedback", keyB,
                "{\"property\":\"rating\",\"value\":1,\"trace_id\":\"" + requestOfA + "\"}");
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(404);
        assertThat(without(foreign, requestOfA)).isEqualTo(without(unknown, old));

        TestClient.Response mine = live.client().post("/v2/feedback", keyA,
                "{\"property\":\"rating\",\"value\":5,\"trace_id\":\"" + requestOfA + "\"}");
        assertThat(mine.status()).as(mine.body()).isEqualTo(200);
        String feedbackId = mine.json().get("id").asText();

        TestClient.Response update = live.client().post("/v2/feedback", keyB,
                "{\"id\":\"" + feedbackId + "\",\"property\":\"rating\",\"value\":1,\"trace_id\":\"" + requestOfA + "\"}");
        assertThat(update.status()).as(update.body()).isEqualTo(404);
        TestClient.Response removeUnknown = live.client().post("/v2/feedback/remove", keyB,
                "{\"id\":\"" + feedbackId + "\",\"trace_id\":\"" + old + "\"}");
        TestClient.Response remove = live.client().post("/v2/feedback/remove", keyB,
                "{\"id\":\"" + feedbackId + "\",\"trace_id\":\"" + requestOfA + "\"}");
        assertThat(remove.status()).as(remove.body()).isEqualTo(404);
        assertThat(without(remove, requestOfA)).isEqualTo(without(removeUnknown, old));

        JsonNode feedback = live.client().get("/api/logs/" + requestOfA, ADMIN).json().get("feedback");
        assertThat(feedback).hasSize(1);
        assertThat(feedback.get(0).get("value").asInt()).as("key B changed nothing").isEqualTo(5);

        TestClient.Response removed = live.client().post("/v2/feedback/remove", keyA,
                "{\"id\":\"" + feedbackId + "\",\"trace_id\":\"" + requestOfA + "\"}");
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(live.client().get("/api/logs/" + requestOfA, ADMIN).json().get("feedback")).isEmpty();
    }
}
