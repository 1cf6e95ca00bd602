package dev.junction.web;

import static dev.junction.store.generated.Tables.REQUEST_LOGS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /api/spend/series}: a member's spend per UTC day, from the real request log of a live gateway. */
class SpendSeriesApiTest {
    private static final String ADMIN = "spend-admin";
    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);
    static String keyId;
    static String otherKey;

    @BeforeAll
    static void traffic() throws Exception {
        ChatCompletionsFixtures.deployAll(live, ADMIN);
        JsonNode keys = live.client().get("/api/keys", ADMIN).json().get("data");
        keyId = keys.get(0).get("id").asText(); // the demo key
        otherKey = live.client().post("/api/keys", ADMIN, "{\"name\":\"other\"}").json().get("key").asText();
        for (String key : new String[] {live.demoKey(), live.demoKey(), otherKey}) {
            TestClient.Response r = live.client().post("/v2/deployments/invoke", key,
                    "{\"key\":\"oai-chat\",\"identity\":{\"id\":\"customer-7\"},\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            UUID id = UUID.fromString(r.json().get("id").asText());
            GatewayEndToEndTest.awaitLogRow(live.gateway(), id);
            // the simulator is free: give each request a price, as a priced model's log row has
            live.gateway().database().dsl().update(REQUEST_LOGS).set(REQUEST_LOGS.COST_USD, new BigDecimal("0.125"))
                    .where(REQUEST_LOGS.ID.eq(id)).execute();
        }
    }

    private static JsonNode today(JsonNode series) {
        JsonNode days = series.get("days");
        return days.get(days.size() - 1);
    }

    @Test
    void anApiKeysDailySpend() {
        TestClient.Response r = live.client().get("/api/spend/series?scope=api_key&member=" + keyId.toUpperCase() + "&days=7", ADMIN);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode s = r.json();
        assertThat(s.get("member").asText()).isEqualTo(keyId);
        assertThat(s.get("days")).hasSize(7);
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        assertThat(s.get("to").asText()).isEqualTo(today);
        assertThat(today(s).get("day").asText()).isEqualTo(today);
        assertThat(today(s).get("requests").asLong()).isEqualTo(2);
        assertThat(today(s).get("costUsd").decimalValue()).isEqualByComparingTo("0.25");
        assertThat(s.get("days").get(0).get("requests").asLong()).isZero();
        assertThat(s.get("days").get(0).get("costUsd").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void otherScopes() {
        assertThat(today(get("scope=workspace")).get("requests").asLong()).isEqualTo(3);
        assertThat(today(get("scope=deployment&member=oai-chat")).get("costUsd").decimalValue()).isEqualByComparingTo("0.375");
        assertThat(today(get("scope=project&member=shop")).get("requests").asLong()).isEqualTo(3);
        assertThat(today(get("scope=project&member=nobody")).get("requests").asLong()).isZero();
        assertThat(today(get("scope=identity&member=customer-7")).get("requests").asLong()).isEqualTo(3);
        assertThat(today(get("scope=provider&member=simulator")).get("requests").asLong()).isEqualTo(3);
        assertThat(today(get("scope=model&member=simulator/echo")).get("requests").asLong()).isEqualTo(3);
        assertThat(get("scope=workspace").get("days")).hasSize(30); // 30 days unless asked
    }

    private static JsonNode get(String query) {
        TestClient.Response r = live.client().get("/api/spend/series?" + query, ADMIN);
        assertThat(r.status()).as(query + ": " + r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void badQueriesAre400NamingTheParameter() {
        for (String[] c : new String[][] {{"", "scope"}, {"scope=team", "scope"}, {"scope=identity", "member"},
                {"scope=identity&member=*", "member"}, {"scope=api_key&member=demo", "member"}, {"scope=model&member=gpt", "member"},
                {"scope=workspace&days=0", "days"}, {"scope=workspace&days=401", "days"}, {"scope=workspace&days=x", "days"}}) {
            TestClient.Response r = live.client().get("/api/spend/series?" + c[0], ADMIN);
            assertThat(r.status()).as(c[0]).isEqualTo(400);
            assertThat(r.json().get("errors").get(0).get("path").asText()).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(live.client().get("/api/spend/series?scope=workspace").status()).isEqualTo(401);
    }
}
