package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Guardrails, evaluators and experiments through the real HTTP server and PostgreSQL: a block in both front doors'
 * error shapes naming the guardrail, the simulator's preview of each guardrail's verdict, a rule test that expects a
 * block and refuses a deploy when the guardrails say otherwise, the spec's 422s naming the field, and an experiment's
 * results and promotion into the draft.
 */
class GuardrailApiTest {
    static final String ADMIN = "admin-secret";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    static String spec(String key, String guardrails, String routing, String tests) {
        return """
            {"key":"%s","variants":[
              {"key":"main","messages":[{"role":"user","content":"{{question}}"}],"variables":{"question":"hi"},
               "primary":{"provider":"simulator","model":"echo"},"guardrails":%s},
              {"key":"alt","messages":[{"role":"user","content":"Briefly: {{question}}"}],"variables":{"question":"hi"},
               "primary":{"provider":"simulator","model":"echo"}}],
             "contextSchema":[{"name":"beta","type":"boolean"},{"name":"user","type":"string"}],
             "routing":%s, "tests":%s}
            """.formatted(key, guardrails, routing, tests);
    }

    static final String PII_BLOCK = "[{\"name\":\"pii\",\"kind\":\"pii\",\"stage\":\"input\",\"action\":\"block\"}]";
    static final String DEFAULT_ONLY = "{\"rules\":[],\"defaultVariant\":\"main\"}";

    @BeforeAll
    static void setUp() {
        TestClient.Response created = live.client().post("/api/deployments", ADMIN, spec("guarded", PII_BLOCK, DEFAULT_ONLY, "[]"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(live.client().post("/api/deployments/guarded/deploy", ADMIN, "{}").status()).isEqualTo(201);
    }

    @Test
    void a_blocked_request_is_a_400_naming_the_guardrail_in_both_front_doors() {
        TestClient.Response orq = live.client().post("/v2/deployments/invoke", live.demoKey(),
                "{\"key\":\"guarded\",\"inputs\":{\"question\":\"mail me at ana@example.org\"}}");
        assertThat(orq.status()).as(orq.body()).isEqualTo(400);
        JsonNode body = orq.json();
        assertThat(body.get("error_code").asText()).isEqualTo("guardrail_blocked");
        assertThat(body.at("/guardrail/name").asText()).isEqualTo("pii");
        assertThat(body.at("/guardrail/stage").asText()).isEqualTo("input");
        assertThat(body.get("message").asText()).contains("blocked by guardrail 'pii'").doesNotContain("ana@example.org");

        TestClient.Response openai = live.client().post("/v1/chat/completions", live.demoKey(),
                "{\"model\":\"guarded\",\"messages\":[{\"role\":\"user\",\"content\":\"I am ana@example.org\"}]}");
        assertThat(openai.status()).as(openai.body()).isEqualTo(400);
        assertThat(openai.json().at("/error/code").asText()).isEqualTo("guardrail_blocked");
        assertThat(openai.json().at("/error/message").asText()).contains("guardrail 'pii'");

        TestClient.Response clean = live.client().post("/v2/deployments/invoke", live.demoKey(),
                "{\"key\":\"guarded\",\"inputs\":{\"question\":\"where is my order?\"}}");
        assertThat(clean.status()).as(clean.body()).isEqualTo(200);
    }

    @Test
    void the_simulator_shows_each_guardrails_verdict_on_a_sample_text_and_answer() {
        TestClient.Response r = live.client().post("/api/deployments/guarded/simulate", ADMIN,
                "{\"context\":{},\"version\":\"active\",\"text\":\"call +44 20 7946 0958 or mail ana@example.org\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode g = r.json().get("guardrails");
        assertThat(g.get("outcome").asText()).isEqualTo("blocked by pii");
        assertThat(g.at("/guardrails/0/result").asText()).isEqualTo("fail");
        assertThat(g.at("/guardrails/0/found").toString()).contains("email");

        TestClient.Response ok = live.client().post("/api/deployments/guarded/simulate", ADMIN,
                "{\"context\":{},\"version\":\"active\",\"text\":\"where is my order?\",\"answer\":\"on its way\"}");
        assertThat(ok.json().at("/guardrails/outcome").asText()).isEqualTo("passes");
    }

    @Test
    void a_rule_test_that_expects_a_guardrail_verdict_is_run_by_the_deploy_gate() {
        String passing = "[{\"name\":\"pii is blocked\",\"context\":{},\"expectVariant\":\"main\","
                + "\"text\":\"my card is 4111 1111 1111 1111\",\"expect\":\"blocked by pii\"}]";
        assertThat(live.client().post("/api/deployments", ADMIN, spec("gated", PII_BLOCK, DEFAULT_ONLY, passing)).status()).isEqualTo(201);
        TestClient.Response deployed = live.client().post("/api/deployments/gated/deploy", ADMIN, "{}");
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(201);

        String wrong = passing.replace("\"expect\":\"blocked by pii\"", "\"expect\":\"passes\"");
        int revision = live.client().get("/api/deployments/gated/draft", ADMIN).json().get("revision").asInt();
        TestClient.Response saved = live.client().put("/api/deployments/gated/draft", ADMIN,
                "{\"revision\":" + revision + ",\"spec\":" + spec("gated", PII_BLOCK, DEFAULT_ONLY, wrong) + "}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        TestClient.Response refused = live.client().post("/api/deployments/gated/deploy", ADMIN, "{}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.json().at("/errors/0/path").asText()).isEqualTo("tests[0]");
        assertThat(refused.json().at("/errors/0/message").asText())
                .contains("expected the guardrails to say 'passes', they said 'blocked by pii'");
    }

    @Test
    void bad_guardrails_and_evaluators_are_422s_naming_the_field() {
        String[][] cases = {
                {"[{\"name\":\"r\",\"kind\":\"regex\",\"stage\":\"input\",\"action\":\"block\",\"pattern\":\"(a)\\\\1\"}]",
                        "variants[0].guardrails[0].pattern", "backreference"},
                {"[{\"name\":\"j\",\"kind\":\"judge\",\"stage\":\"output\",\"action\":\"block\",\"deployment\":\"bad-one\"}]",
                        "variants[0].guardrails[0].deployment", "own judge"},
                {"[{\"name\":\"j\",\"kind\":\"judge\",\"stage\":\"output\",\"action\":\"block\",\"deployment\":\"nowhere\"}]",
                        "variants[0].guardrails[0].deployment", "no live deployment 'nowhere'"},
                {"[{\"name\":\"h\",\"kind\":\"http\",\"stage\":\"input\",\"action\":\"block\",\"url\":\"http://169.254.169.254/latest\"}]",
                        "variants[0].guardrails[0].url", "JUNCTION_GUARDRAIL_CALLOUT_HOSTS"},
                {"[{\"name\":\"l\",\"kind\":\"length\",\"stage\":\"output\",\"action\":\"redact\",\"maxChars\":10}]",
                        "variants[0].guardrails[0].action", "redact is for"},
                {"[{\"name\":\"p\",\"kind\":\"pii\",\"stage\":\"input\",\"action\":\"block\",\"pattern\":\"x\"}]",
                        "variants[0].guardrails[0].pattern", "not read by a pii guardrail"},
        };
        for (String[] c : cases) {
            TestClient.Response r = live.client().post("/api/deployments", ADMIN, spec("bad-one", c[0], DEFAULT_ONLY, "[]"));
            assertThat(r.status()).as(r.body()).isEqualTo(422);
            assertThat(r.body()).contains(c[1]).contains(c[2]);
        }
        String elsewhere = spec("other-judge", "[]", DEFAULT_ONLY, "[]").replaceFirst("\\{\"key\":\"other-judge\",",
                "{\"key\":\"other-judge\",\"project\":\"elsewhere\",");
        assertThat(live.client().post("/api/deployments", ADMIN, elsewhere).status()).isEqualTo(201);
        assertThat(live.client().post("/api/deployments/other-judge/deploy", ADMIN, "{}").status()).isEqualTo(201);
        TestClient.Response borrowed = live.client().post("/api/deployments", ADMIN, spec("bad-one",
                "[{\"name\":\"j\",\"kind\":\"judge\",\"stage\":\"input\",\"action\":\"block\",\"deployment\":\"other-judge\"}]",
                DEFAULT_ONLY, "[]"));
        assertThat(borrowed.status()).as(borrowed.body()).isEqualTo(422);
        assertThat(borrowed.body()).contains("variants[0].guardrails[0].deployment").contains("'other-judge' is in 'elsewhere'");

        String evaluator = spec("bad-one", "[]", DEFAULT_ONLY, "[]").replace("\"guardrails\":[]",
                "\"guardrails\":[],\"evaluators\":[{\"name\":\"e\",\"kind\":\"length\",\"maxChars\":5,\"sampleRate\":1.5}]");
        TestClient.Response r = live.client().post("/api/deployments", ADMIN, evaluator);
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(r.body()).contains("variants[0].evaluators[0].sampleRate");
    }

    @Test
    void an_experiment_shows_its_arms_and_an_arm_is_promoted_into_the_draft() {
        String routing = "{\"rules\":[{\"id\":\"ab\",\"when\":[{\"field\":\"beta\",\"op\":\"is\",\"value\":true}],\"split\":[{\"variant\":\"main\",\"percent\":50},"
                + "{\"variant\":\"alt\",\"percent\":50}],\"stickyOn\":\"user\",\"experiment\":{\"goal\":{\"metric\":\"error_rate\"},"
                + "\"minSample\":50}}],\"defaultVariant\":\"main\"}";
        TestClient.Response created = live.client().post("/api/deployments", ADMIN, spec("ab-test", "[]", routing, "[]"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(live.client().post("/api/deployments/ab-test/deploy", ADMIN, "{}").status()).isEqualTo(201);

        TestClient.Response list = live.client().get("/api/deployments/ab-test/experiments", ADMIN);
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        JsonNode e = list.json().at("/data/0");
        assertThat(e.get("rule").asText()).isEqualTo("ab");
        assertThat(e.get("metric").asText()).isEqualTo("error_rate");
        assertThat(e.get("better").asText()).isEqualTo("lower");
        assertThat(e.get("control").asText()).isEqualTo("main");
        assertThat(e.get("enoughData").asBoolean()).isFalse();
        assertThat(e.get("winner").isNull()).isTrue();
        assertThat(e.get("test").asText()).contains("mSPRT");
        assertThat(e.get("arms")).hasSize(2);

        TestClient.Response noWinner = live.client().post("/api/deployments/ab-test/experiments/ab/promote", ADMIN, "{}");
        assertThat(noWinner.status()).as(noWinner.body()).isEqualTo(409);
        TestClient.Response badArm = live.client().post("/api/deployments/ab-test/experiments/ab/promote", ADMIN, "{\"arm\":\"zzz\"}");
        assertThat(badArm.status()).isEqualTo(422);
        assertThat(badArm.body()).contains("\"arm\"");
        TestClient.Response stale = live.client().post("/api/deployments/ab-test/experiments/ab/promote", ADMIN,
                "{\"arm\":\"alt\",\"revision\":999}");
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        TestClient.Response promoted = live.client().post("/api/deployments/ab-test/experiments/ab/promote", ADMIN, "{\"arm\":\"alt\"}");
        assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
        JsonNode row = live.client().get("/api/deployments/ab-test/draft", ADMIN).json().at("/spec/routing/rules/0");
        assertThat(row.get("variant").asText()).isEqualTo("alt");
        assertThat(row.has("split")).isFalse();
        assertThat(row.has("experiment")).isFalse();
        assertThat(live.client().get("/api/deployments/nope/experiments", ADMIN).status()).isEqualTo(404);
    }

    @Test
    void a_judge_deployment_blocks_a_sample_answer_in_the_simulator_and_its_own_request_is_logged_as_a_judge_call()
            throws Exception {
        try (OpenAiStub judgeModel = new OpenAiStub("FAIL it is rude to the customer")) {
            assertThat(live.client().put("/api/providers/openai", ADMIN,
                    "{\"kind\":\"openai\",\"baseUrl\":\"" + judgeModel.baseUrl() + "\",\"apiKey\":\"sk-test\"}").status()).isEqualTo(201);
            live.client().post("/api/models/openai/gpt-4o-mini/activate", ADMIN, "");
            String judge = """
                {"key":"tone-judge","variants":[{"key":"main","messages":[{"role":"system","content":"Answer PASS or FAIL and why."},
                  {"role":"user","content":"Customer asked: {{input}}\\nAgent answered: {{text}}"}],
                  "primary":{"provider":"openai","model":"gpt-4o-mini"}}],"routing":{"rules":[],"defaultVariant":"main"}}""";
            assertThat(live.client().post("/api/deployments", ADMIN, judge).status()).isEqualTo(201);
            assertThat(live.client().post("/api/deployments/tone-judge/deploy", ADMIN, "{}").status()).isEqualTo(201);
            String polite = "[{\"name\":\"polite\",\"kind\":\"judge\",\"stage\":\"output\",\"action\":\"block\","
                    + "\"deployment\":\"tone-judge\",\"timeoutMs\":10000}]";
            TestClient.Response created = live.client().post("/api/deployments", ADMIN, spec("judged", polite, DEFAULT_ONLY, "[]"));
            assertThat(created.status()).as(created.body()).isEqualTo(201);

            TestClient.Response r = live.client().post("/api/deployments/judged/simulate", ADMIN,
                    "{\"context\":{},\"version\":\"draft\",\"text\":\"where is my parcel?\",\"answer\":\"figure it out yourself\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            JsonNode g = r.json().get("guardrails");
            assertThat(g.get("outcome").asText()).isEqualTo("blocked by polite");
            assertThat(g.at("/guardrails/0/reason").asText()).isEqualTo("it is rude to the customer");
            assertThat(judgeModel.authorizations).isNotEmpty();

            JsonNode judged = live.client().get("/api/logs?deployment=tone-judge&source=JUDGE", ADMIN).json().at("/data/0");
            for (int i = 0; i < 200 && judged.isMissingNode(); i++) {
                Thread.sleep(25);
                judged = live.client().get("/api/logs?deployment=tone-judge&source=JUDGE", ADMIN).json().at("/data/0");
            }
            JsonNode detail = live.client().get("/api/logs/" + judged.get("id").asText(), ADMIN).json();
            assertThat(detail.at("/inputs/text").asText()).isEqualTo("figure it out yourself");
            assertThat(detail.at("/inputs/input").asText()).isEqualTo("where is my parcel?");
        }
    }

    @Test
    void an_experiment_finds_the_arm_with_better_seeded_feedback_and_names_no_winner_when_the_arms_are_alike()
            throws Exception {
        String routing = "{\"rules\":[{\"id\":\"ab\",\"when\":[{\"field\":\"beta\",\"op\":\"is\",\"value\":true}],"
                + "\"split\":[{\"variant\":\"main\",\"percent\":50},{\"variant\":\"alt\",\"percent\":50}],\"stickyOn\":\"user\","
                + "\"experiment\":{\"goal\":{\"metric\":\"feedback\",\"name\":\"rating\"},\"minSample\":30}}],\"defaultVariant\":\"main\"}";
        for (String key : new String[] {"fb-differ", "fb-alike"}) {
            assertThat(live.client().post("/api/deployments", ADMIN, spec(key, "[]", routing, "[]")).status()).isEqualTo(201);
            assertThat(live.client().post("/api/deployments/" + key + "/deploy", ADMIN, "{}").status()).isEqualTo(201);
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(22);
        for (int i = 0; i < 240; i++) {
            for (String key : new String[] {"fb-differ", "fb-alike"}) {
                java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(live.client().base() + "/v2/deployments/invoke"))
                                .header("Content-Type", "application/json").header("Authorization", "Bearer " + live.demoKey())
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"key\":\"" + key
                                        + "\",\"context\":{\"beta\":true,\"user\":\"u" + i + "\"},\"inputs\":{\"question\":\"q" + i + "\"}}"))
                                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                String variant = r.headers().firstValue("X-Junction-Variant").orElseThrow();
                double good = key.equals("fb-alike") ? 0.5 : variant.equals("alt") ? 0.8 : 0.3;
                String id = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).get("id").asText();
                TestClient.Response fb = live.client().post("/v2/feedback", live.demoKey(), "{\"property\":\"rating\",\"value\":\""
                        + (random.nextDouble() < good ? "good" : "bad") + "\",\"trace_id\":\"" + id + "\"}");
                assertThat(fb.status()).as(fb.body()).isEqualTo(200);
            }
        }
        JsonNode differ = live.client().get("/api/deployments/fb-differ/experiments/ab", ADMIN).json();
        assertThat(differ.get("enoughData").asBoolean()).as(differ.toString()).isTrue();
        assertThat(differ.get("kind").asText()).isEqualTo("proportion");
        assertThat(differ.get("winner").asText()).as(differ.get("verdict").asText()).isEqualTo("alt");
        assertThat(differ.at("/arms/1/significant").asBoolean()).isTrue();
        assertThat(differ.at("/arms/0/n").asLong() + differ.at("/arms/1/n").asLong()).isEqualTo(240);

        JsonNode alike = live.client().get("/api/deployments/fb-alike/experiments/ab", ADMIN).json();
        assertThat(alike.get("enoughData").asBoolean()).isTrue();
        assertThat(alike.get("winner").isNull()).as(alike.get("verdict").asText()).isTrue();
        assertThat(alike.get("verdict").asText()).contains("no significant difference");

        TestClient.Response promoted = live.client().post("/api/deployments/fb-differ/experiments/ab/promote", ADMIN, "{}");
        assertThat(promoted.status()).as(promoted.body()).isEqualTo(200);
        assertThat(promoted.json().at("/spec/routing/rules/0/variant").asText()).isEqualTo("alt");
    }
}
