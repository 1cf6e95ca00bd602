package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Guardrails, evaluators and experiments in the panel, in a real browser (Debian's headless Chromium): the variant
 * editor adds a personal-data guardrail and a pattern guardrail (only the kind's own fields shown, reordered), shows
 * the server's 422 next to a pattern RE2 refuses, adds an evaluator, saves and deploys; the settings mask personal data
 * in the logs; the simulator shows each guardrail's verdict on a sample message; the log detail of a request shows what
 * its guardrails did and its evaluator's score, and the logs filter on that score; analytics show the scores per
 * variant; a split row made an experiment in the routing editor shows its arms with their intervals, refuses to promote
 * a winner it does not have, and promotes an arm into the draft's row. A viewer sees all of it read-only, with no
 * settings tab and nothing to promote.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuardrailsPanelBrowserTest {
    static final String ADMIN = "panel-guardrails-admin-token";
    static final String KEY = "guarded-support";
    static final String AB = "ab-panel";
    static final String EVALUATOR = "length-check";
    static final String VIEWER = "vic@shop.example";
    static final String PASSWORD = "a long enough passphrase";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    static PanelDriver ui;
    static ChromeDriver driver;
    static WebDriverWait wait;

    /** Two variants on the simulator; alt's model is {@code altModel} ("broken" always fails). */
    static String spec(String key, String altModel, String routing) {
        return """
            {"key":"%s","project":"shop","folder":"support",
             "contextSchema":[{"name":"beta","type":"boolean"},{"name":"user","type":"string"}],
             "variants":[
               {"key":"main","messages":[{"role":"user","content":"{{question}}"}],"variables":{"question":"hi"},
                "primary":{"provider":"simulator","model":"echo"}},
               {"key":"alt","messages":[{"role":"user","content":"Briefly: {{question}}"}],"variables":{"question":"hi"},
                "primary":{"provider":"simulator","model":"%s"}}],
             "routing":%s}
            """.formatted(key, altModel, routing);
    }

    @BeforeAll
    static void browser() throws Exception {
        for (String[] d : new String[][] {{KEY, "echo", "{\"rules\":[],\"defaultVariant\":\"main\"}"},
                {AB, "broken", "{\"rules\":[{\"id\":\"ab\",\"when\":[{\"field\":\"beta\",\"op\":\"is\",\"value\":true}],\"split\":[{\"variant\":\"main\",\"percent\":50},{\"variant\":\"alt\",\"percent\":50}],"
                        + "\"stickyOn\":\"user\"}],\"defaultVariant\":\"main\"}"}}) {
            TestClient.Response created = live.client().post("/api/deployments", ADMIN, spec(d[0], d[1], d[2]));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
        }
        PeopleApiTest.person(live.client(), ADMIN, VIEWER, "[{\"role\":\"viewer\",\"scope\":\"shop\"}]", PASSWORD);
        ui = PanelDriver.start();
        driver = ui.driver;
        wait = ui.wait;
        ui.signIn(live.client().base(), ADMIN);
    }

    @AfterAll
    static void close() {
        if (ui != null) ui.close();
    }

    static JsonNode draft(String key) {
        return live.client().get("/api/deployments/" + key + "/draft", ADMIN).json().get("spec");
    }

    static final String GUARDRAILS = "section[aria-label='Guardrails']";
    static final String EVALUATORS = "section[aria-label='Evaluators']";

    /** The inline error the server's 422 put next to the control with this data-path. */
    static WebElement errorNextTo(String path) {
        return wait.withMessage(() -> "an error next to " + path).until(d -> {
            List<WebElement> errors = d.findElements(By.xpath("//*[@data-path='" + path + "']"
                    + "/following-sibling::div[contains(@class,'field-error') and not(contains(@class,'local'))]"));
            return errors.isEmpty() ? null : errors.getFirst();
        });
    }

    static String value(WebElement input) {
        return input.getDomProperty("value");
    }

    @Test
    @Order(1)
    void an_analyst_adds_guardrails_and_an_evaluator_sees_the_servers_error_next_to_a_bad_pattern_saves_and_deploys() {
        driver.get(live.client().base() + "/panel/#/deployments/" + KEY + "/variants/main");
        ui.waitHeading(KEY);
        ui.waitText(GUARDRAILS, "No guardrails");
        ui.el(GUARDRAILS).findElement(By.xpath(".//button[.='Add guardrail']")).click();
        WebElement name1 = ui.within(GUARDRAILS, "Guardrail 1 name");
        assertThat(driver.switchTo().activeElement()).as("the new guardrail's name has the focus").isEqualTo(name1);
        ui.type(name1, "pii");
        assertThat(new Select(ui.within(GUARDRAILS, "Guardrail 1 kind")).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("pii");
        assertThat(new Select(ui.within(GUARDRAILS, "Guardrail 1 checks")).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("input");
        assertThat(new Select(ui.within(GUARDRAILS, "Guardrail 1 when it fails")).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("block");
        assertThat(ui.text(GUARDRAILS)).contains("Guardrail 1 finds", "Email addresses", "None ticked: every kind");

        // a second one, a pattern: only the pattern's own field, and no masking choice for a judge
        ui.el(GUARDRAILS).findElement(By.xpath(".//button[.='Add guardrail']")).click();
        ui.type(ui.within(GUARDRAILS, "Guardrail 2 name"), "order-words");
        new Select(ui.within(GUARDRAILS, "Guardrail 2 kind")).selectByValue("judge");
        ui.within(GUARDRAILS, "Guardrail 2 judge deployment");
        ui.within(GUARDRAILS, "Guardrail 2 if the check cannot answer");
        assertThat(new Select(ui.within(GUARDRAILS, "Guardrail 2 when it fails")).getOptions())
                .extracting(o -> o.getDomAttribute("value")).doesNotContain("redact");
        new Select(ui.within(GUARDRAILS, "Guardrail 2 kind")).selectByValue("regex");
        assertThat(ui.text(GUARDRAILS)).doesNotContain("Guardrail 2 finds", "Guardrail 2 judge deployment", "Guardrail 2 if the check cannot answer");
        WebElement pattern = ui.within(GUARDRAILS, "Guardrail 2 pattern");
        ui.type(pattern, "(a)\\1");
        new Select(ui.within(GUARDRAILS, "Guardrail 2 when it fails")).selectByValue("flag");

        // reorder: up, then back down
        ui.aria("Move guardrail 2 up").click();
        wait.until(d -> value(ui.within(GUARDRAILS, "Guardrail 1 name")).equals("order-words"));
        ui.aria("Move guardrail 1 down").click();
        wait.until(d -> value(ui.within(GUARDRAILS, "Guardrail 1 name")).equals("pii"));

        ui.el(EVALUATORS).findElement(By.xpath(".//button[.='Add evaluator']")).click();
        ui.type(ui.within(EVALUATORS, "Evaluator 1 name"), EVALUATOR);
        assertThat(new Select(ui.within(EVALUATORS, "Evaluator 1 kind")).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("length");
        ui.type(ui.within(EVALUATORS, "Evaluator 1 sample rate"), "1");
        assertThat(ui.text(EVALUATORS)).doesNotContain("Evaluator 1 checks", "when it fails");

        ui.button("Save draft").click();
        WebElement error = errorNextTo("variants[0].guardrails[1].pattern");
        assertThat(error.getText()).contains("backreference");
        assertThat(ui.within(GUARDRAILS, "Guardrail 2 pattern").getDomAttribute("aria-invalid")).isEqualTo("true");
        ui.screenshot("variant-editor-guardrail-error");

        ui.type(ui.within(GUARDRAILS, "Guardrail 2 pattern"), "\\border\\b");
        ui.button("Save draft").click();
        ui.waitText(".status", "Draft revision"); // not "saved": "Unsaved changes" has it too
        ui.screenshot("variant-editor-guardrails");

        JsonNode v = draft(KEY).at("/variants/0");
        assertThat(v.at("/guardrails/0").toString()).isEqualTo("{\"name\":\"pii\",\"kind\":\"pii\",\"stage\":\"input\",\"action\":\"block\"}");
        assertThat(v.at("/guardrails/1/name").asText()).isEqualTo("order-words");
        assertThat(v.at("/guardrails/1/kind").asText()).isEqualTo("regex");
        assertThat(v.at("/guardrails/1/action").asText()).isEqualTo("flag");
        assertThat(v.at("/guardrails/1/pattern").asText()).isEqualTo("\\border\\b");
        assertThat(v.at("/guardrails/1/deployment").isMissingNode()).as("the judge's field went with the judge").isTrue();
        assertThat(v.at("/evaluators/0/name").asText()).isEqualTo(EVALUATOR);
        assertThat(v.at("/evaluators/0/kind").asText()).isEqualTo("length");
        assertThat(v.at("/evaluators/0/maxChars").asInt()).isEqualTo(2000);
        assertThat(v.at("/evaluators/0/sampleRate").asDouble()).isEqualTo(1.0);

        // the deployment's settings: personal data masked in its logs
        ui.tab("Settings");
        WebElement mask = ui.el("input[data-path='maskPiiInLogs']");
        assertThat(mask.findElement(By.xpath("./parent::label")).getText()).contains("Mask personal data in the logs");
        assertThat(mask.isSelected()).isFalse();
        mask.click();
        ui.button("Save draft").click();
        ui.waitText(".status", "Draft revision");
        assertThat(draft(KEY).path("maskPiiInLogs").asBoolean()).as(draft(KEY).toString()).isTrue();

        ui.tab("Deploy & versions");
        ui.waitText(".checks", "Ready to deploy");
        ui.byLabel("Message").sendKeys("guardrails and a length evaluator");
        ui.button("Deploy").click();
        ui.waitText("table.versions", "guardrails and a length evaluator");
        assertThat(ui.text(".meta")).contains("live: v1");
    }

    @Test
    @Order(2)
    void the_simulator_shows_each_guardrails_verdict_on_a_sample_message_and_keeps_it_as_a_test() {
        driver.get(live.client().base() + "/panel/#/deployments/" + KEY);
        ui.waitHeading(KEY);
        ui.tab("Simulator & tests");
        ui.byLabel("Sample message").sendKeys("Please mail me at ana@example.org about my order");
        ui.button("Simulate").click();
        ui.waitText(".guard-outcome", "blocked by pii");
        WebElement row = ui.el("table.verdicts tbody tr");
        assertThat(row.getText()).contains("pii", "input", "fail", "block", "email");
        assertThat(row.getText()).doesNotContain("ana@example.org");
        ui.screenshot("simulator-guardrails");

        ui.button("Keep as test case").click();
        ui.waitText(".toasts", "Kept as a test case");
        JsonNode test = draft(KEY).at("/tests/0");
        assertThat(test.get("expect").asText()).isEqualTo("blocked by pii");
        assertThat(test.get("text").asText()).contains("ana@example.org");
        ui.button("Run all tests").click();
        ui.waitText("main", "1 passed, 0 failed");

        ui.type(ui.byLabel("Sample message"), "where is my order?");
        ui.byLabel("Sample answer").sendKeys("It left today.");
        ui.button("Simulate").click();
        ui.waitText(".guard-outcome", "flagged by order-words");
        assertThat(ui.text("table.verdicts")).contains("order-words", "flag");
    }

    @Test
    @Order(3)
    void the_log_detail_shows_what_the_guardrails_did_and_the_evaluators_score_and_the_logs_filter_on_it() throws Exception {
        TestClient.Response passed = live.client().post("/v2/deployments/invoke", live.demoKey(),
                "{\"key\":\"" + KEY + "\",\"inputs\":{\"question\":\"where is my order?\"}}");
        assertThat(passed.status()).as(passed.body()).isEqualTo(200);
        String id = passed.header("X-Junction-Request-Id");
        TestClient.Response blocked = live.client().post("/v2/deployments/invoke", live.demoKey(),
                "{\"key\":\"" + KEY + "\",\"inputs\":{\"question\":\"mail me at ana@example.org\"}}");
        assertThat(blocked.status()).as(blocked.body()).isEqualTo(400);
        // scores are written off the request path: wait for this one through the API before opening the page
        wait.withMessage("the evaluator's score").until(d -> {
            TestClient.Response r = live.client().get("/api/logs/" + id, ADMIN);
            return r.status() == 200 && r.json().get("scores").size() == 1;
        });

        driver.get(live.client().base() + "/panel/#/logs/" + id);
        ui.waitText(".log-detail", "Scores");
        WebElement detail = ui.el(".log-detail");
        List<WebElement> verdicts = detail.findElements(By.cssSelector("table.verdicts tbody tr"));
        assertThat(verdicts).hasSize(2);
        assertThat(verdicts.get(0).getText()).contains("pii", "input", "pass");
        assertThat(verdicts.get(1).getText()).contains("order-words", "regex", "fail", "flag");
        WebElement score = detail.findElement(By.cssSelector("table.scores tbody tr"));
        assertThat(score.getText()).contains(EVALUATOR, "length", "1", "pass");
        driver.executeScript("arguments[0].scrollIntoView({block: 'start'})", detail.findElement(By.xpath(".//h3[.='Guardrails']")));
        ui.screenshot("log-detail-guardrails");

        // the list: only the scored request has the evaluator's score; a failed score matches nothing
        driver.get(live.client().base() + "/panel/#/logs?deployment=" + KEY);
        ui.waitHeading("Logs");
        wait.until(d -> d.findElements(By.cssSelector("table.logs tbody tr")).size() == 2);
        assertThat(ui.byLabel("Score result").isEnabled()).as("the score's range and result need its name").isFalse();
        ui.byLabel("Evaluator").sendKeys(EVALUATOR);
        new Select(ui.byLabel("Score result")).selectByValue("true");
        wait.until(d -> d.getCurrentUrl().contains("score=" + EVALUATOR) && d.getCurrentUrl().contains("scorePassed=true"));
        wait.until(d -> d.findElements(By.cssSelector("table.logs tbody tr")).size() == 1);
        assertThat(ui.el("table.logs tbody tr").getDomAttribute("data-id")).isEqualTo(id);
        ui.type(ui.byLabel("Score at least"), "2");
        ui.byLabel("Evaluator").click(); // the number's change
        ui.waitText("table.logs tbody", "No requests match these filters.");

        // the blocked request: its guardrail said why, and the logged text is masked
        String blockedId = blocked.header("X-Junction-Request-Id");
        driver.get(live.client().base() + "/panel/#/logs/" + blockedId);
        ui.waitText(".log-detail", "Guardrails");
        assertThat(ui.text(".log-detail table.verdicts")).contains("pii", "fail", "block", "email");
        assertThat(ui.text(".log-detail")).doesNotContain("ana@example.org");
    }

    @Test
    @Order(4)
    void analytics_show_the_evaluators_scores_per_variant() {
        driver.get(live.client().base() + "/panel/#/analytics/" + KEY);
        ui.waitHeading("Analytics");
        ui.waitText("section[aria-label='Scores']", EVALUATOR);
        WebElement row = ui.el("table.scores tbody tr");
        assertThat(row.getText()).contains("main", EVALUATOR, "1", "100 %");
    }

    @Test
    @Order(5)
    void a_split_row_becomes_an_experiment_with_the_servers_error_next_to_its_goal_and_gets_guardrails_of_its_own() {
        driver.get(live.client().base() + "/panel/#/deployments/" + AB + "/routing");
        ui.waitHeading(AB);
        WebElement experiment = ui.aria("Rule 1 is an experiment");
        assertThat(experiment.isSelected()).isFalse();
        experiment.click();
        new Select(ui.aria("Rule 1 experiment goal")).selectByValue("score");
        ui.button("Save draft").click();
        assertThat(errorNextTo("routing.rules[0].experiment.goal.name").getText()).contains("required for a score goal");

        new Select(ui.aria("Rule 1 experiment goal")).selectByValue("error_rate");
        assertThat(ui.driver.findElement(By.cssSelector("[aria-label='Rule 1 experiment goal name']")).isDisplayed()).isFalse();
        ui.aria("Rule 1 experiment minimum requests per arm").sendKeys("10");

        // the row's own guardrails, in a dialog
        ui.aria("Rule 1 guardrails (0)").click();
        ui.button("Add guardrail").click();
        ui.type(ui.byLabel("Guardrail 1 name"), "codenames");
        new Select(ui.byLabel("Guardrail 1 kind")).selectByValue("deny_list");
        ui.byLabel("Guardrail 1 terms (one per line)").sendKeys("project falcon\nproject osprey");
        ui.escape();
        ui.aria("Rule 1 guardrails (1)");

        ui.button("Save draft").click();
        ui.waitText(".status", "Draft revision");
        JsonNode row = draft(AB).at("/routing/rules/0");
        assertThat(row.get("experiment").toString()).isEqualTo("{\"goal\":{\"metric\":\"error_rate\"},\"minSample\":10}");
        assertThat(row.at("/guardrails/0").toString()).isEqualTo("{\"name\":\"codenames\",\"kind\":\"deny_list\",\"stage\":\"input\","
                + "\"action\":\"block\",\"terms\":[\"project falcon\",\"project osprey\"]}");
        assertThat(live.client().post("/api/deployments/" + AB + "/deploy", ADMIN, "{}").status()).isEqualTo(201);
    }

    /** Requests {@code from} to {@code to} (exclusive) of distinct users through the experiment's row; alt's all fail. */
    static void invokeAb(int from, int to) {
        for (int i = from; i < to; i++) {
            live.client().post("/v2/deployments/invoke", live.demoKey(),
                    "{\"key\":\"" + AB + "\",\"context\":{\"beta\":true,\"user\":\"u" + i + "\"},\"inputs\":{\"question\":\"hello\"}}");
        }
        wait.withMessage("the experiment counts the " + to + " requests").until(d -> {
            int n = 0;
            for (JsonNode a : live.client().get("/api/deployments/" + AB + "/experiments", ADMIN).json().at("/data/0/arms")) n += a.get("n").asInt();
            return n == to;
        });
    }

    @Test
    @Order(6)
    void the_experiment_view_refuses_a_winner_it_lacks_names_one_with_enough_data_and_promotes_it_into_the_draft() {
        invokeAb(0, 4);
        driver.get(live.client().base() + "/panel/#/deployments/" + AB);
        ui.waitHeading(AB);
        driver.findElement(By.linkText("Experiments")).click();
        ui.waitHeading("Analytics");
        String card = "section[aria-label='Experiment ab']";
        ui.waitText(card, "not enough data");
        assertThat(ui.text(card)).contains("Goal: error rate, lower is better", "10 requests per arm", "mSPRT");
        ui.button("Promote the winner").click();
        ui.waitText(card + " .promote-result", "no winner yet");

        invokeAb(4, 60);
        driver.navigate().refresh();
        ui.waitText(card, "winner: main");
        JsonNode e = live.client().get("/api/deployments/" + AB + "/experiments", ADMIN).json().at("/data/0");
        assertThat(ui.text(card + " .verdict")).isEqualTo(e.get("verdict").asText());
        List<WebElement> arms = driver.findElements(By.cssSelector(card + " table.arms tbody tr"));
        assertThat(arms).hasSize(2);
        assertThat(arms.get(0).getText()).contains("main", "control", "winner", "50 %", e.at("/arms/0/n").asText(), "0 % (0 % to");
        assertThat(arms.get(1).getText()).contains("alt", "50 %", e.at("/arms/1/n").asText(), "100 %", "yes, worse");
        ui.screenshot("experiments");

        ui.button("Promote the winner, main").click();
        ui.waitText(card + " .promoted", "now sends all of rule ab's traffic to main");
        JsonNode row = draft(AB).at("/routing/rules/0");
        assertThat(row.get("variant").asText()).isEqualTo("main");
        assertThat(row.has("split")).isFalse();
        assertThat(row.has("experiment")).isFalse();
        driver.findElement(By.linkText("See it in the routing table")).click();
        ui.waitHeading(AB);
        wait.until(d -> new Select(ui.aria("Rule 1 target")).getFirstSelectedOption().getDomAttribute("value").equals("main"));
        assertThat(ui.text(".status")).as("the promoted draft, nothing unsaved").startsWith("Draft revision");

        // the live version still runs the experiment; the draft's row is no longer a split: the server's 409, shown
        driver.navigate().back();
        ui.waitText(card, "winner: main");
        ui.button("Promote alt").click();
        ui.waitText("dialog[open]", "The experiment's winner is main, not alt.");
        ui.button("Promote alt").click(); // in the dialog
        ui.waitText(card + " .promote-result", "no longer a split");
    }

    static List<String> visibleButtons(String css) {
        return driver.findElements(By.cssSelector(css + " button")).stream().filter(WebElement::isDisplayed).map(WebElement::getText).toList();
    }

    @Test
    @Order(7)
    void a_viewer_sees_the_guardrails_and_the_experiment_read_only_with_nothing_to_promote() {
        ui.button("Sign out").click();
        ui.waitHeading("Sign in to Junction");
        ui.signInAs(live.client().base(), VIEWER, PASSWORD);

        driver.get(live.client().base() + "/panel/#/deployments/" + KEY + "/variants/main");
        ui.waitHeading(KEY);
        WebElement name = ui.within(GUARDRAILS, "Guardrail 1 name");
        wait.until(d -> "true".equals(name.getDomProperty("readOnly")));
        assertThat(value(name)).isEqualTo("pii");
        assertThat(ui.within(GUARDRAILS, "Guardrail 1 kind").isEnabled()).isFalse();
        assertThat(visibleButtons(GUARDRAILS)).isEmpty();
        assertThat(visibleButtons(EVALUATORS)).isEmpty();
        assertThat(driver.findElements(By.xpath("//nav[@aria-label='Deployment sections']/a")).stream()
                .filter(WebElement::isDisplayed).map(WebElement::getText).toList()).doesNotContain("Settings", "Simulator & tests");

        driver.get(live.client().base() + "/panel/#/analytics/" + AB + "?show=experiments");
        ui.waitHeading("Analytics");
        ui.waitText("section[aria-label='Experiment ab']", "winner: main");
        assertThat(visibleButtons("section[aria-label='Experiment ab']")).isEmpty();
    }
}
