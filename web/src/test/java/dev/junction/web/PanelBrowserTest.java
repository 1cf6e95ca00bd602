package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The panel in a real browser (Debian's headless Chromium), through a business analyst's whole journey: sign in,
 * create a deployment, add a variant, edit the routing table, simulate and keep a test case, deploy, invoke it
 * with an API key, find the request in the logs (its detail) and in the analytics, change and deploy again,
 * compare, roll back; snippets; sign out. The gateway-wide pages (model garden, providers, admin tokens) are
 * {@link PanelSettingsBrowserTest}.
 * Each main screen is saved as a PNG ({@link HeadlessChromium#screenshotDir}). The steps share one browser and run
 * in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PanelBrowserTest {
    static final String ADMIN = "panel-browser-admin-token";
    static final String KEY = "support-bot";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    static PanelDriver ui;
    static ChromeDriver driver;
    static WebDriverWait wait;
    static String apiKey;

    @BeforeAll
    static void browser() throws Exception {
        ui = PanelDriver.start();
        driver = ui.driver;
        wait = ui.wait;
    }

    @AfterAll
    static void close() {
        if (ui != null) ui.close();
    }

    // ---- the journey

    @Test
    @Order(1)
    void signing_in_with_a_wrong_token_shows_the_error_next_to_the_field_and_the_right_one_opens_the_deployments() {
        driver.get(live.client().base() + "/panel/");
        WebElement token = ui.tokenField();
        ui.screenshot("login");
        token.sendKeys("not-the-token", Keys.ENTER);
        WebElement error = ui.el(".field-error");
        assertThat(error.getText()).contains("not a valid admin token");
        assertThat(token.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(token.getDomAttribute("aria-describedby")).contains(error.getDomAttribute("id"));

        token.clear();
        token.sendKeys(ADMIN, Keys.ENTER);
        ui.waitHeading("Deployments");
        Cookie cookie = driver.manage().getCookieNamed("junction_session");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        assertThat((Object) driver.executeScript("return document.cookie")).isEqualTo("");
        assertThat(ui.text("main")).contains("customer-support", "demo / support");
        ui.screenshot("deployments");
    }

    @Test
    @Order(2)
    void the_list_is_searched_and_a_deployment_is_created_from_the_dialog() {
        WebElement search = ui.byLabel("Search");
        search.sendKeys("nothing-matches-this");
        ui.waitText("main", "No deployments match.");
        search.clear();
        search.sendKeys("customer");
        ui.waitText("main", "customer-support");

        ui.button("New deployment").click();
        WebElement key = ui.byLabel("Key");
        assertThat(driver.switchTo().activeElement()).isEqualTo(key);
        key.sendKeys("customer-support");
        ui.byLabel("Project").sendKeys("acme");
        ui.byLabel("Folder").sendKeys("help/chat");
        ui.byLabel("Description").sendKeys("Answers questions on the help page");
        ui.type(ui.byLabel("First variant"), "standard");
        assertThat(new Select(ui.byLabel("Primary model")).getFirstSelectedOption().getText()).isEqualTo("simulator / echo");
        ui.screenshot("create-deployment");
        ui.button("Create").click();
        ui.waitText("dialog .alert.error", "exists");

        ui.type(key, KEY);
        ui.button("Create").click();
        ui.waitHeading(KEY);
        wait.until(ExpectedConditions.urlContains("#/deployments/" + KEY));
    }

    @Test
    @Order(3)
    void the_variant_editor_highlights_variables_adds_a_variant_and_edits_its_models() {
        assertThat(ui.el(".hl-mirror mark").getText()).isEqualTo("{{question}}");
        assertThat(ui.text("pre.preview")).contains("\"model\": \"echo\"");

        ui.byLabel("Add a variant").sendKeys("premium", Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/variants/premium"));
        ui.waitText("pre.preview", "\"key\": \"premium\"");
        ui.type(ui.byLabel("Message 1 text"), "You are the premium concierge of Acme. {{tone}}");
        wait.until(d -> d.findElements(By.cssSelector(".hl-mirror mark")).size() == 2);
        ui.type(ui.within("[aria-label='Primary model']", "Temperature"), "0.3");
        ui.type(ui.within("[aria-label='Primary model']", "Retries"), "2");
        driver.findElement(By.xpath("//label[contains(., 'Use a fallback model')]/input")).click();
        new Select(ui.within("[aria-label='Fallback model']", "Model")).selectByValue("simulator/flaky");
        ui.type(ui.within("[aria-label='Fallback model']", "Temperature"), "0.9");
        ui.type(ui.byLabel("Notes for people (never sent to a model)"), "For gold customers");
        ui.waitText("pre.preview", "\"temperature\": 0.3");
        assertThat(ui.text("pre.preview")).contains("\"model\": \"flaky\"", "\"temperature\": 0.9", "\"retries\": 2");
        ui.waitText(".status", "Unsaved changes");
        ui.screenshot("variant-editor");

        ui.button("Save draft").click();
        ui.waitText(".status", "Draft revision 2 saved");
        JsonNode premium = draft().at("/spec/variants/1");
        assertThat(premium.at("/primary/parameters/temperature").asDouble()).isEqualTo(0.3);
        assertThat(premium.at("/fallback/model").asText()).isEqualTo("flaky");
        assertThat(premium.at("/fallback/parameters/temperature").asDouble()).isEqualTo(0.9);

        new Select(ui.byLabel("Variant")).selectByValue("standard");
        wait.until(ExpectedConditions.urlContains("/variants/standard"));
        ui.waitText("pre.preview", "\"key\": \"standard\"");
    }

    @Test
    @Order(4)
    void the_routing_grid_gets_a_field_rules_reordered_by_keyboard_an_inline_warning_and_an_inline_error() {
        ui.tab("Routing");
        ui.byLabel("New context field").sendKeys("tier", Keys.ENTER);
        ui.waitText("table.routing thead", "tier");

        ui.button("Add rule").click();
        new Select(ui.aria("Rule 1: condition on tier")).selectByValue("equals");
        ui.aria("Rule 1: value of tier").sendKeys("gold");
        ui.type(ui.aria("Rule 1 id"), "gold");
        new Select(ui.aria("Rule 1 target")).selectByValue("premium");
        ui.button("Add rule").click();
        new Select(ui.aria("Rule 2: condition on tier")).selectByValue("equals");
        ui.aria("Rule 2: value of tier").sendKeys("gold");
        ui.type(ui.aria("Rule 2 id"), "gold-again");
        ui.button("Save draft").click();
        ui.waitText(".row-warning", "can never match");
        assertThat(driver.findElements(By.cssSelector("tr.warned"))).hasSize(1);
        assertThat(ui.aria("Rule 2 id").findElement(By.xpath("ancestor::tr")).getText()).contains("can never match");
        ui.screenshot("routing");

        WebElement up = ui.aria("Move rule 2 up");
        up.sendKeys(Keys.ENTER);
        wait.until(d -> ui.aria("Rule 1 id").getDomProperty("value").equals("gold-again"));
        assertThat(driver.switchTo().activeElement().getDomAttribute("aria-label")).isEqualTo("Move rule 1 down");
        ui.aria("Rule 1 enabled").click();
        assertThat(ui.aria("Rule 1 id").findElement(By.xpath("ancestor::tr")).getDomAttribute("class")).contains("disabled");
        ui.aria("Delete rule 1").click();
        assertThat(ui.aria("Rule 1 id").getDomProperty("value")).isEqualTo("gold");

        new Select(ui.aria("Rule 1: condition on tier")).selectByValue("matches");
        ui.type(ui.aria("Rule 1: value of tier"), "([");
        ui.button("Save draft").click();
        WebElement error = ui.el("table.routing .field-error");
        assertThat(error.getText()).isNotBlank();
        new Select(ui.aria("Rule 1: condition on tier")).selectByValue("equals");
        ui.type(ui.aria("Rule 1: value of tier"), "gold");
        ui.button("Save draft").click();
        ui.waitText(".status", "Draft revision");
        assertThat(driver.findElements(By.cssSelector(".field-error")).stream().map(WebElement::getText).toList()).isEmpty();
        JsonNode rules = draft().at("/spec/routing/rules");
        assertThat(rules).hasSize(1);
        assertThat(rules.at("/0/when/0/value").asText()).isEqualTo("gold");
        assertThat(rules.at("/0/variant").asText()).isEqualTo("premium");
    }

    @Test
    @Order(5)
    void the_simulator_explains_the_match_and_keeps_it_as_a_test_case() {
        ui.tab("Simulator & tests");
        ui.byLabel("tier (string)").sendKeys("gold");
        ui.button("Simulate").click();
        ui.waitText(".verdict", "premium");
        assertThat(ui.text(".verdict")).contains("matched by rule gold");
        assertThat(ui.el(".explain li.held").getText()).contains("tier equals \"gold\"", "got \"gold\"");
        ui.screenshot("simulator");

        ui.button("Keep as test case").click();
        ui.waitText(".status", "Draft revision");
        ui.waitText("main", "tier=gold goes to premium");
        ui.button("Run all tests").click();
        ui.waitText("main", "1 passed, 0 failed");
        assertThat(draft().at("/spec/tests/0/expectRule").asText()).isEqualTo("gold");

        ui.type(ui.byLabel("tier (string)"), "silver");
        ui.button("Simulate").click();
        ui.waitText(".verdict", "no rule matched");
        assertThat(ui.el(".explain li.failed").getText()).contains("got \"silver\"");
    }

    @Test
    @Order(6)
    void deploying_shows_the_tests_and_warnings_first_and_the_deployment_answers_an_api_key() {
        ui.tab("Deploy & versions");
        ui.button("Check before deploying").click();
        ui.waitText(".checks", "Ready to deploy");
        assertThat(ui.text(".checks")).contains("tier=gold goes to premium");
        ui.byLabel("Message").sendKeys("premium for gold customers");
        ui.button("Deploy").click();
        ui.waitText("table.versions", "premium for gold customers");
        assertThat(ui.text(".meta")).contains("live: v1");
        ui.screenshot("deploy");

        driver.get(live.client().base() + "/panel/#/keys");
        ui.waitHeading("API keys");
        ui.byLabel("Name").sendKeys("journey", Keys.ENTER);
        apiKey = ui.el("dialog pre.secret").getText();
        assertThat(apiKey).startsWith("jk_");
        ui.screenshot("api-keys");
        ui.escape();
        ui.waitText("table.grid", "journey");

        TestClient.Response answer = invoke("gold");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.header("X-Junction-Variant")).isEqualTo("premium");
        assertThat(answer.header("X-Junction-Deployment-Version")).isEqualTo("v1");
        assertThat(answer.body()).contains("premium concierge");
        assertThat(invoke("silver").header("X-Junction-Variant")).isEqualTo("standard");
    }

    @Test
    @Order(7)
    void the_logs_show_the_request_with_its_detail_and_the_analytics_count_it() {
        awaitLogged(2);
        driver.get(live.client().base() + "/panel/#/deployments/" + KEY);
        ui.waitHeading(KEY);
        driver.findElement(By.linkText("Logs of this deployment")).click();
        ui.waitHeading("Logs");
        assertThat(new Select(ui.byLabel("Deployment")).getFirstSelectedOption().getText()).isEqualTo(KEY);
        ui.waitText("table.logs tbody", "premium");
        assertThat(driver.findElements(By.cssSelector("table.logs tbody tr"))).hasSize(2);
        assertThat(ui.text("table.logs tbody")).contains("standard", "Matched (gold)", "Default Matched", "simulator/echo", "success");

        ui.type(ui.byLabel("Variant"), "premium");
        ui.byLabel("Variant").sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("variant=premium"));
        wait.until(d -> d.findElements(By.cssSelector("table.logs tbody tr")).size() == 1);
        new Select(ui.byLabel("Evaluation")).selectByValue("Default Matched");
        ui.waitText("table.logs tbody", "No requests match these filters.");
        new Select(ui.byLabel("Evaluation")).selectByValue("Matched");
        ui.waitText("table.logs tbody", "premium");

        // keyboard: Enter on the row opens the detail, Escape closes it and gives the focus back to the row
        WebElement open = ui.el("table.logs tbody button.link");
        open.sendKeys(Keys.ENTER);
        ui.waitText(".log-detail", "Attempts (1)");
        String detail = ui.text(".log-detail");
        assertThat(detail).contains("Variant\npremium", "Evaluation\nMatched", "Rule\ngold", "tier", "\"gold\"",
                "simulator/echo", "You are the premium concierge of Acme. warm", "Where is my order?", "No feedback yet.");
        assertThat(ui.text(".log-detail pre.answer")).contains("premium concierge");
        assertThat(driver.switchTo().activeElement().getDomAttribute("aria-label")).isEqualTo("Request details");
        wait.until(ExpectedConditions.urlMatches("#/logs/[0-9a-f-]{36}\\?"));
        String id = driver.getCurrentUrl().replaceAll(".*#/logs/([0-9a-f-]{36}).*", "$1");
        ui.screenshot("logs");

        // metadata added after the fact: a key is needed; set one, see it here and in the API, remove it
        ui.button("Set").click();
        ui.waitText(".log-detail [role=alert]", "Give the metadata a key.");
        ui.type(ui.byLabel("Metadata key"), "ticket");
        ui.type(ui.byLabel("Metadata value"), "T-42");
        ui.button("Set").click();
        ui.waitText(".log-detail dl", "T-42");
        ui.screenshot("log-metadata");
        assertThat(live.client().get("/api/logs/" + id, ADMIN).json().get("metadata").get("ticket").asText()).isEqualTo("T-42");
        ui.aria("Remove the metadata ticket").click();
        wait.until(d -> live.client().get("/api/logs/" + id, ADMIN).json().get("metadata").isEmpty());
        wait.until(d -> !ui.text(".log-detail").contains("T-42"));
        ui.byLabel("Metadata key").click();
        ui.escape();
        wait.until(d -> d.findElements(By.cssSelector(".log-detail")).stream().noneMatch(WebElement::isDisplayed));
        assertThat(driver.switchTo().activeElement()).isEqualTo(open);

        // the detail's own address opens it directly
        driver.get(live.client().base() + "/panel/#/logs/" + id);
        ui.waitText(".log-detail", "premium concierge");

        // pages of the log follow its cursor
        driver.get(live.client().base() + "/panel/#/logs?deployment=" + KEY + "&limit=1");
        ui.waitText("main .meta", "1 request shown, more to load");
        assertThat(driver.findElements(By.cssSelector("table.logs tbody tr"))).hasSize(1);
        ui.button("Load more").click();
        ui.waitText("main .meta", "2 requests shown");
        assertThat(ui.text("table.logs tbody")).contains("premium", "standard");
        wait.until(d -> !ui.el("main .meta").getText().contains("more to load"));

        driver.get(live.client().base() + "/panel/#/deployments/" + KEY);
        ui.waitHeading(KEY);
        driver.findElement(By.cssSelector(".page-links")).findElement(By.linkText("Analytics")).click();
        ui.waitHeading("Analytics");
        ui.waitStat("Requests", "2");
        assertThat(ui.text(".window-line")).contains("Percentiles exact");
        assertThat(ui.text("table.per-variant")).contains("premium", "standard");
        new Select(ui.byLabel("Window")).selectByValue("24h");
        ui.waitText(".window-line", "by hour");
        assertThat(new Select(ui.byLabel("Bucket")).getFirstSelectedOption().getText()).isEqualTo("Hour");
        ui.waitStat("Requests", "2");
        WebElement chart = ui.el("figure.chart-card svg[role=img]");
        assertThat(chart.findElement(By.tagName("title")).getDomProperty("textContent")).isEqualTo("Requests");
        assertThat(ui.text("figure.chart-card .chart-summary")).startsWith("2 requests for all variants");
        ui.screenshot("analytics");

        new Select(ui.byLabel("Variant")).selectByValue("premium");
        ui.waitText(".window-line", "variant premium");
        ui.waitStat("Requests", "1");
        assertThat(invoke("gold").status()).isEqualTo(200);
        awaitLogged(3);
        ui.button("Refresh").click();
        ui.waitStat("Requests", "2");
        assertThat(driver.getCurrentUrl()).contains("window=24h", "variant=premium");
    }

    @Test
    @Order(8)
    void a_second_version_is_compared_with_the_first_and_rolled_back() {
        driver.get(live.client().base() + "/panel/#/deployments/" + KEY + "/variants/premium");
        ui.type(ui.byLabel("Message 1 text"), "You are the VIP desk of Acme.");
        ui.button("Save draft").click();
        ui.waitText(".status", "Draft revision");
        ui.tab("Deploy & versions");
        ui.waitText(".checks", "Ready to deploy");
        ui.byLabel("Message").sendKeys("VIP wording");
        ui.button("Deploy").click();
        ui.waitText("table.versions", "VIP wording");
        assertThat(invoke("gold").body()).contains("VIP desk");

        new Select(ui.byLabel("From")).selectByValue("1");
        new Select(ui.byLabel("To")).selectByValue("2");
        ui.button("Compare").click();
        ui.waitText("table.diff", "variants[premium].messages");
        assertThat(ui.text("table.diff")).contains("premium concierge", "VIP desk");
        ui.screenshot("versions-diff");

        ui.button("Roll back to v1").click();
        WebElement confirm = ui.el("dialog .actions button[autofocus]");
        assertThat(driver.switchTo().activeElement()).isEqualTo(confirm);
        confirm.click();
        ui.waitText("table.versions", "rollback of v1");
        assertThat(ui.text(".meta")).contains("live: v3");
        ui.waitText(".versus-live", "The draft differs from the live version v3 in 1 place");
        TestClient.Response answer = invoke("gold");
        assertThat(answer.header("X-Junction-Deployment-Version")).isEqualTo("v3");
        assertThat(answer.body()).contains("premium concierge").doesNotContain("VIP desk");
    }

    @Test
    @Order(9)
    void code_snippets_open_from_the_variant_page_and_from_a_routing_row_with_a_copy_button() {
        ui.tab("Variants");
        new Select(ui.byLabel("Variant")).selectByValue("premium");
        wait.until(ExpectedConditions.urlContains("/variants/premium"));
        ui.button("Code snippets").click();
        ui.waitText("dialog pre.code", "orq.deployments.invoke");
        assertThat(ui.text("dialog pre.code")).contains(KEY, "\"tier\": \"gold\"");
        driver.findElement(By.xpath("//dialog//button[@role='tab' and .='Node']")).click();
        ui.waitText("dialog pre.code", "@orq-ai/node");
        driver.findElement(By.xpath("//dialog//button[@role='tab' and .='cURL']")).click();
        ui.waitText("dialog pre.code", "curl");
        ui.el("dialog button.copy").click();
        ui.waitText("dialog button.copy", "Copied");
        ui.screenshot("snippets");
        ui.escape();
        wait.until(d -> d.findElements(By.cssSelector("dialog")).isEmpty());
        assertThat(driver.switchTo().activeElement().getText()).isEqualTo("Code snippets");

        ui.tab("Routing");
        ui.aria("Code snippets for rule 1").click();
        ui.waitText("dialog h2", "variant premium");
        ui.escape();
    }

    @Test
    @Order(10)
    void signing_out_ends_the_session() throws Exception {
        String session = driver.manage().getCookieNamed("junction_session").getValue();
        ui.button("Sign out").click();
        wait.until(ExpectedConditions.urlContains("#/login"));
        assertThat(live.client().get("/panel/session").status()).isEqualTo(401);
        java.net.http.HttpResponse<String> after = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(live.client().base() + "/api/deployments"))
                        .header("Cookie", "junction_session=" + session).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(after.statusCode()).isEqualTo(401);
    }

    // ---- helpers

    static TestClient.Response invoke(String tier) {
        return live.client().post("/v2/deployments/invoke", apiKey,
                "{\"key\":\"" + KEY + "\",\"context\":{\"tier\":\"" + tier + "\"},\"inputs\":{\"question\":\"Where is my order?\",\"tone\":\"warm\"}}");
    }

    /** Waits until the deployment has this many logged requests (the log is written a moment after the answer). */
    static void awaitLogged(int count) {
        wait.withMessage(() -> count + " logged requests of " + KEY).until(d ->
                live.client().get("/api/logs?deployment=" + KEY, ADMIN).json().get("data").size() >= count);
    }

    static JsonNode draft() {
        return live.client().get("/api/deployments/" + KEY + "/draft", ADMIN).json();
    }
}
