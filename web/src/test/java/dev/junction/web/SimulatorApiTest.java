package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The routing simulator and the rule test harness through the panel API. */
class SimulatorApiTest {
    static final String ADMIN = "sim-admin";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    static String withTests(String key, String tests) {
        String spec = DeploymentApiTest.spec(key, "with tests", "echo");
        return spec.substring(0, spec.lastIndexOf('}')) + ",\"tests\":" + tests + "}";
    }

    @Test
    void simulating_a_context_answers_the_decision_and_why_without_calling_a_model() {
        TestClient.Response r = live.client().post("/api/deployments/customer-support/simulate", ADMIN,
                "{\"context\":{\"language\":\"es\"}}");

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("version").asText()).isEqualTo("active");
        assertThat(body.get("variant").asText()).isEqualTo("spanish");
        assertThat(body.get("evaluation").asText()).isEqualTo("Matched");
        assertThat(body.get("rule").asText()).isEqualTo("spanish-speakers");
        JsonNode condition = body.at("/explanation/0/conditions/0");
        assertThat(condition.get("field").asText()).isEqualTo("language");
        assertThat(condition.get("actual").asText()).isEqualTo("es");
        assertThat(condition.get("held").asBoolean()).isTrue();
        assertThat(body.has("invoked")).isFalse();

        JsonNode other = live.client().post("/api/deployments/customer-support/simulate", ADMIN, "{\"context\":{\"language\":\"de\"}}").json();
        assertThat(other.get("evaluation").asText()).isEqualTo("Default Matched");
        assertThat(other.at("/explanation/0/conditions/0/held").asBoolean()).isFalse();
    }

    @Test
    void with_invoke_the_live_version_is_called_for_real_and_logged_with_source_simulator() throws Exception {
        JsonNode body = live.client().post("/api/deployments/customer-support/simulate", ADMIN,
                "{\"context\":{\"language\":\"es\"},\"inputs\":{\"question\":\"hola\"},\"invoke\":true}").json();

        assertThat(body.at("/invoked/content").asText()).endsWith("user: hola");
        var row = GatewayEndToEndTest.awaitLogRow(live.gateway(), UUID.fromString(body.at("/invoked/id").asText()));
        assertThat(row.getSource()).isEqualTo("SIMULATOR");
        assertThat(row.getVariantKey()).isEqualTo("spanish");

        TestClient.Response draftInvoke = live.client().post("/api/deployments/customer-support/simulate", ADMIN,
                "{\"context\":{},\"version\":\"draft\",\"invoke\":true}");
        assertThat(draftInvoke.status()).isEqualTo(422);
        assertThat(draftInvoke.json().at("/errors/0/path").asText()).isEqualTo("version");
        assertThat(live.client().post("/api/deployments/customer-support/simulate", ADMIN,
                "{\"context\":{},\"version\":\"latest\"}").status()).isEqualTo(400);
    }

    @Test
    void the_draft_is_simulated_before_it_is_deployed() {
        live.client().post("/api/deployments", ADMIN, DeploymentApiTest.spec("drafty", "d", "echo"));
        JsonNode body = live.client().post("/api/deployments/drafty/simulate", ADMIN, "{\"context\":{\"tier\":\"gold\"}}").json();
        assertThat(body.get("version").asText()).as("no live version yet: the draft").isEqualTo("draft");
        assertThat(body.get("variant").asText()).isEqualTo("premium");
    }

    @Test
    void routing_tests_run_on_demand_and_a_failing_one_refuses_the_deploy_leaving_the_live_version() {
        String passing = "[{\"name\":\"gold goes premium\",\"context\":{\"tier\":\"gold\"},\"expectVariant\":\"premium\",\"expectRule\":\"gold\"},"
                + "{\"name\":\"others standard\",\"context\":{},\"expectVariant\":\"standard\",\"expectRule\":\"default\"}]";
        assertThat(live.client().post("/api/deployments", ADMIN, withTests("tested", passing)).status()).isEqualTo(201);
        assertThat(live.client().post("/api/deployments/tested/deploy", ADMIN, "{}").status()).isEqualTo(201);

        JsonNode run = live.client().post("/api/deployments/tested/tests/run", ADMIN, "").json();
        assertThat(run.get("passed").asInt()).isEqualTo(2);
        assertThat(run.get("failed").asInt()).isZero();

        String failing = "[{\"name\":\"silver goes premium\",\"context\":{\"tier\":\"silver\"},\"expectVariant\":\"premium\"}]";
        String draft = "{\"revision\":1,\"spec\":" + withTests("tested", failing) + "}";
        assertThat(live.client().put("/api/deployments/tested/draft", ADMIN, draft).status()).isEqualTo(200);
        JsonNode draftRun = live.client().post("/api/deployments/tested/tests/run?version=draft", ADMIN, "").json();
        assertThat(draftRun.get("failed").asInt()).isEqualTo(1);
        assertThat(draftRun.at("/results/0/failure").asText()).isEqualTo("expected variant 'premium', got 'standard' (the default)");

        TestClient.Response refused = live.client().post("/api/deployments/tested/deploy", ADMIN, "{}");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/errors/0/path").asText()).isEqualTo("tests[0]");
        assertThat(refused.json().at("/errors/0/message").asText()).startsWith("silver goes premium: expected variant 'premium'");
        assertThat(live.client().get("/api/deployments/tested", ADMIN).json().get("activeVersion").asInt()).isEqualTo(1);
    }

    @Test
    void a_test_naming_an_unknown_variant_or_rule_is_a_422() {
        String bad = "[{\"context\":{},\"expectVariant\":\"ghost\",\"expectRule\":\"nope\"}]";
        TestClient.Response r = live.client().post("/api/deployments", ADMIN, withTests("badtests", bad));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().get("errors").findValuesAsText("path")).containsExactlyInAnyOrder("tests[0].expectVariant", "tests[0].expectRule");
    }

    @Test
    void deploy_time_warnings_come_with_the_deploy_and_on_request_and_the_drl_can_be_read() {
        String spec = DeploymentApiTest.spec("warned", "w", "echo").replace(
                "\"rules\":[{\"id\":\"gold\",\"when\":[{\"field\":\"tier\",\"op\":\"equals\",\"value\":\"gold\"}],\"variant\":\"premium\"}]",
                "\"rules\":[{\"id\":\"gold\",\"when\":[{\"field\":\"tier\",\"op\":\"equals\",\"value\":\"gold\"}],\"variant\":\"premium\"},"
                        + "{\"id\":\"again\",\"when\":[{\"field\":\"tier\",\"op\":\"equals\",\"value\":\"gold\"}],\"variant\":\"standard\"}]");
        assertThat(live.client().post("/api/deployments", ADMIN, spec).status()).isEqualTo(201);

        JsonNode checks = live.client().get("/api/deployments/warned/checks", ADMIN).json();
        assertThat(checks.get("warnings").findValuesAsText("path")).containsExactly("routing.rules[1]");
        JsonNode deployed = live.client().post("/api/deployments/warned/deploy", ADMIN, "{}").json();
        assertThat(deployed.get("warnings").findValuesAsText("message")).singleElement().asString().contains("rule 'gold' above it");

        TestClient.Response drl = live.client().get("/api/deployments/warned/drl?version=active", ADMIN);
        assertThat(drl.status()).isEqualTo(200);
        assertThat(drl.header("Content-Type")).startsWith("text/plain");
        assertThat(drl.body()).contains("rule \"row_0\"", "activation-group \"routing\"").contains("RouteFact( s0 == \"gold\" )").doesNotContain("tier");
        assertThat(live.client().get("/api/deployments/warned/drl?version=latest", ADMIN).status()).isEqualTo(400);
    }

    @Test
    void replay_routes_logged_traffic_with_the_draft_and_reports_what_would_change() throws Exception {
        live.client().post("/api/deployments", ADMIN, DeploymentApiTest.spec("replayed", "r", "echo"));
        live.client().post("/api/deployments/replayed/deploy", ADMIN, "{}");
        UUID last = null;
        for (String tier : new String[] {"gold", "silver", "silver", "bronze"}) {
            last = UUID.fromString(live.client().post("/v2/deployments/invoke", live.demoKey(),
                    "{\"key\":\"replayed\",\"context\":{\"tier\":\"" + tier + "\"}}").json().get("id").asText());
        }
        GatewayEndToEndTest.awaitLogRow(live.gateway(), last);
        String silverToo = DeploymentApiTest.spec("replayed", "r", "echo").replace("\"value\":\"gold\"", "\"value\":\"silver\"");
        assertThat(live.client().put("/api/deployments/replayed/draft", ADMIN, DeploymentApiTest.draftBody(1, silverToo)).status()).isEqualTo(200);

        JsonNode report = live.client().post("/api/deployments/replayed/replay", ADMIN, "{\"limit\":100}").json().get("report");

        assertThat(report.get("requests").asInt()).isEqualTo(4);
        assertThat(report.get("changed").asInt()).isEqualTo(3);
        JsonNode premium = report.get("shares").get(0).get("variant").asText().equals("premium") ? report.get("shares").get(0) : report.get("shares").get(1);
        assertThat(premium.get("before").asInt()).isEqualTo(1);
        assertThat(premium.get("after").asInt()).isEqualTo(2);
        assertThat(report.get("changes").findValuesAsText("after")).containsOnly("premium", "standard");
        assertThat(live.client().post("/api/deployments/replayed/replay", ADMIN, "{\"limit\":0}").status()).isEqualTo(400);
    }

    @Test
    void a_split_row_keeps_each_user_on_one_variant_and_spreads_users_by_percentage() {
        String spec = DeploymentApiTest.spec("ab", "a/b test", "echo")
                .replace("[{\"name\":\"tier\",\"type\":\"string\"}]", "[{\"name\":\"tier\",\"type\":\"string\"},{\"name\":\"user\",\"type\":\"string\"}]")
                .replace("\"variant\":\"premium\"}]", "\"split\":[{\"variant\":\"premium\",\"percent\":50},{\"variant\":\"standard\",\"percent\":50}],\"stickyOn\":\"user\"}]");
        TestClient.Response created = live.client().post("/api/deployments", ADMIN, spec);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        live.client().post("/api/deployments/ab/deploy", ADMIN, "{}");

        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (int u = 0; u < 40; u++) {
            String context = "{\"tier\":\"gold\",\"user\":\"u" + u + "\"}";
            String first = live.client().post("/v2/deployments/invoke", live.demoKey(), "{\"key\":\"ab\",\"context\":" + context + "}").header("X-Junction-Variant");
            String again = live.client().post("/v2/deployments/invoke", live.demoKey(), "{\"key\":\"ab\",\"context\":" + context + "}").header("X-Junction-Variant");
            assertThat(again).as("user u%d stays on one variant", u).isEqualTo(first);
            counts.merge(first, 1, Integer::sum);
        }
        assertThat(counts.keySet()).containsExactlyInAnyOrder("premium", "standard");

        JsonNode simulated = live.client().post("/api/deployments/ab/simulate", ADMIN, "{\"context\":{\"tier\":\"gold\",\"user\":\"u7\"}}").json();
        assertThat(simulated.at("/explanation/0/split")).hasSize(2);
        assertThat(simulated.at("/explanation/0/stickyOn").asText()).isEqualTo("user");
        assertThat(simulated.at("/explanation/0/variant").asText()).isEqualTo(simulated.get("variant").asText());
    }

    static String typedSpec(String key, String when) {
        return DeploymentApiTest.spec(key, "typed", "echo")
                .replace("\"contextSchema\":[{\"name\":\"tier\",\"type\":\"string\"}]",
                        "\"contextSchema\":[{\"name\":\"tier\",\"type\":\"string\"},{\"name\":\"age\",\"type\":\"number\"},"
                                + "{\"name\":\"tags\",\"type\":\"list\"}]")
                .replace("\"when\":[{\"field\":\"tier\",\"op\":\"equals\",\"value\":\"gold\"}]", "\"when\":" + when);
    }

    @Test
    void typed_operators_route_invoke_and_explain_through_the_api_and_a_wrong_type_is_a_reason_not_an_error() {
        String when = "[{\"field\":\"tier\",\"op\":\"in\",\"values\":[\"gold\",\"platinum\"]},"
                + "{\"field\":\"age\",\"op\":\"between\",\"values\":[18,65]},{\"field\":\"tags\",\"op\":\"contains_any\",\"values\":[\"vip\"]}]";
        assertThat(live.client().post("/api/deployments", ADMIN, typedSpec("typed", when)).status()).isEqualTo(201);
        assertThat(live.client().post("/api/deployments/typed/deploy", ADMIN, "{}").status()).isEqualTo(201);

        JsonNode hit = live.client().post("/api/deployments/typed/simulate", ADMIN,
                "{\"context\":{\"tier\":\"platinum\",\"age\":30,\"tags\":[\"vip\",\"eu\"]}}").json();
        assertThat(hit.get("variant").asText()).isEqualTo("premium");
        assertThat(hit.at("/explanation/0/conditions/1/values").toString()).isEqualTo("[18,65]");

        JsonNode miss = live.client().post("/api/deployments/typed/simulate", ADMIN,
                "{\"context\":{\"tier\":\"gold\",\"age\":\"thirty\",\"tags\":[\"vip\"]}}").json();
        assertThat(miss.get("evaluation").asText()).isEqualTo("Default Matched");
        assertThat(miss.at("/explanation/0/conditions/1/held").asBoolean()).isFalse();
        assertThat(miss.at("/explanation/0/conditions/1/reason").asText()).isEqualTo("expected a number, got \"thirty\"");

        TestClient.Response invoked = live.client().post("/v2/deployments/invoke", live.demoKey(),
                "{\"key\":\"typed\",\"context\":{\"tier\":\"gold\",\"age\":\"40\",\"tags\":[\"vip\"]},\"inputs\":{\"q\":\"hi\"}}");
        assertThat(invoked.status()).as(invoked.body()).isEqualTo(200);
        assertThat(invoked.body()).contains("premium: hi");
    }

    @Test
    void a_condition_that_does_not_suit_its_field_is_refused_with_the_path_and_the_operators_that_would() {
        TestClient.Response r = live.client().post("/api/deployments", ADMIN,
                typedSpec("typed-bad", "[{\"field\":\"age\",\"op\":\"starts_with\",\"value\":\"1\"},{\"field\":\"tier\",\"op\":\"sounds_like\",\"value\":\"x\"}]"));

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().at("/errors/0/path").asText()).isEqualTo("routing.rules[0].when[1].op");
        assertThat(r.json().at("/errors/0/message").asText()).contains("unknown operator 'sounds_like' (expected one of equals, not_equals, in");
        TestClient.Response wrongType = live.client().post("/api/deployments", ADMIN,
                typedSpec("typed-bad", "[{\"field\":\"age\",\"op\":\"starts_with\",\"value\":\"1\"}]"));
        assertThat(wrongType.status()).isEqualTo(422);
        assertThat(wrongType.json().at("/errors/0/path").asText()).isEqualTo("routing.rules[0].when[0].op");
        assertThat(wrongType.json().at("/errors/0/message").asText()).contains("number fields take equals, not_equals, lt, lte, gt, gte, between");
    }
}
