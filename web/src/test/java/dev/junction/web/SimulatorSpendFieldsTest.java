package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The spend fields through the API: a rule on them, the simulator given them (its values win, also when invoking),
 * a client that cannot fake them at the front door, unknown names refused naming the field and listing the valid ones.
 */
class SimulatorSpendFieldsTest {
    static final String ADMIN = "spendfields-admin";
    static final String BIG_SPENDER = "{\"field\":\"spend.identity.month_usd\",\"op\":\"gt\",\"value\":50},"
            + "{\"field\":\"spend.deployment.day_usd\",\"op\":\"lt\",\"value\":1000000}";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    private static String spec(String key, String conditions) {
        return DeploymentApiTest.spec(key, "spend fields", "echo")
                .replace("{\"field\":\"tier\",\"op\":\"equals\",\"value\":\"gold\"}", conditions);
    }

    private static JsonNode simulate(String key, String body) {
        TestClient.Response r = live.client().post("/api/deployments/" + key + "/simulate", ADMIN, body);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void the_simulator_takes_spend_values_and_they_win_even_when_invoking() {
        assertThat(live.client().post("/api/deployments", ADMIN, spec("spend-route", BIG_SPENDER)).status()).isEqualTo(201);

        JsonNode big = simulate("spend-route", "{\"context\":{\"spend.identity.month_usd\":60,\"spend.deployment.day_usd\":0}}");
        assertThat(big.get("variant").asText()).as(big.toString()).isEqualTo("premium");
        assertThat(big.at("/explanation/0/conditions/0/actual").asDouble()).isEqualTo(60.0);
        JsonNode small = simulate("spend-route", "{\"context\":{\"spend.identity.month_usd\":50,\"spend.deployment.day_usd\":0}}");
        assertThat(small.get("variant").asText()).isEqualTo("standard");
        JsonNode unset = simulate("spend-route", "{\"context\":{\"spend.identity.month_usd\":60}}");
        assertThat(unset.get("variant").asText()).as("a field not given is absent in a simulation: 'lt' does not hold").isEqualTo("standard");

        TestClient.Response typo = live.client().post("/api/deployments/spend-route/simulate", ADMIN,
                "{\"context\":{\"spend.identity.monthly_usd\":60}}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().at("/errors/0/path").asText()).isEqualTo("context.spend.identity.monthly_usd");
        assertThat(typo.json().at("/errors/0/message").asText()).contains("spend.identity.month_usd", "budget.deployment.remaining_pct");

        assertThat(live.client().post("/api/deployments/spend-route/deploy", ADMIN, "{}").status()).isEqualTo(201);
        JsonNode invoked = simulate("spend-route", "{\"context\":{\"spend.identity.month_usd\":60},\"inputs\":{\"q\":\"hi\"},\"invoke\":true}");
        assertThat(invoked.get("variant").asText()).as(invoked.toString()).isEqualTo("premium");
        assertThat(invoked.at("/explanation/0/conditions/1/actual").isNumber())
                .as("left out, so the deployment's real spend today, as the invoke read it").isTrue();
        assertThat(invoked.at("/invoked/content").asText()).as("the premium variant answered").contains("premium: hi");
    }

    @Test
    void a_client_cannot_fake_its_spend_at_the_front_door() {
        assertThat(live.client().post("/api/deployments", ADMIN, spec("spend-faked", BIG_SPENDER)).status()).isEqualTo(201);
        assertThat(live.client().post("/api/deployments/spend-faked/deploy", ADMIN, "{}").status()).isEqualTo(201);

        TestClient.Response r = live.client().post("/v2/deployments/invoke", live.demoKey(),
                "{\"key\":\"spend-faked\",\"context\":{\"spend.identity.month_usd\":1000},\"inputs\":{\"q\":\"hi\"},"
                        + "\"identity\":{\"id\":\"new-customer\"}}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).as("a new customer has spent nothing: the standard variant").doesNotContain("premium: hi");
    }

    @Test
    void an_unknown_spend_field_in_a_rule_is_a_422_naming_it_and_listing_the_valid_ones() {
        TestClient.Response r = live.client().post("/api/deployments", ADMIN,
                spec("spend-typo", "{\"field\":\"budget.identity.remaining\",\"op\":\"lt\",\"value\":10}"));

        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.json().at("/errors/0/path").asText()).isEqualTo("routing.rules[0].when[0].field");
        assertThat(r.json().at("/errors/0/message").asText()).contains("'budget.identity.remaining' is not a spend field",
                "budget.identity.remaining_pct", "spend.api_key.day_usd");
    }
}
