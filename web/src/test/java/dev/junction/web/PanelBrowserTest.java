package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The panel in a real browser (Debian's headless Chromium), through a business analyst's whole journey: sign in,
 * create a deployment, add a variant, edit the routing table, simulate and keep a test case, deploy, invoke it
 * with an API key, find the request in the logs (its detail) and in the analytics, change and deploy again,
 * compare, roll back; snippets, the model garden, providers, keys.
 * Each main screen is saved as a PNG ({@link HeadlessChromium#screenshotDir}). The steps share one browser and run
 * in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PanelBrowserTest {
    static final String ADMIN = "panel-browser-admin-token";
    static final String KEY = "support-bot";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    static ChromeDriver driver;
    static WebDriverWait wait;
    static Path profile;
    static String apiKey;

    @BeforeAll
    static void browser() throws Exception {
        // a missing browser is a failure, never a silent skip: ./junction test (and so .ci/run) installs it
        if (!HeadlessChromium.available()) {
            throw new IllegalStateException("Debian's chromium and chromium-driver are not installed: run the suite with"
                    + " ./junction test, which installs them with apt-get");
        }
        profile = Files.createTempDirectory("junction-chromium");
        driver = HeadlessChromium.start(profile);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(StaleElementReferenceException.class); // pages repaint while a condition is polled
    }

    @AfterAll
    static void close() {
        if (driver != null) driver.quit();
    }

    // ---- the journey

    @Test
    @Order(1)
    void signing_in_with_a_wrong_token_shows_the_error_next_to_the_field_and_the_right_one_opens_the_deployments() {
        driver.get(live.client().base() + "/panel/");
        wait.until(ExpectedConditions.urlContains("#/login"));
        WebElement token = byLabel("Admin token");
        screenshot("login");
        token.sendKeys("not-the-token", Keys.ENTER);
        WebElement error = el(".field-error");
        assertThat(error.getText()).contains("not a valid admin token");
        assertThat(token.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(token.getDomAttribute("aria-describedby")).contains(error.getDomAttribute("id"));

        token.clear();
        token.sendKeys(ADMIN, Keys.ENTER);
        waitHeading("Deployments");
        Cookie cookie = driver.manage().getCookieNamed("junction_session");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Strict");
        assertThat((Object) driver.executeScript("return document.cookie")).isEqualTo("");
        assertThat(text("main")).contains("customer-support", "demo / support");
        screenshot("deployments");
    }

    @Test
    @Order(2)
    void the_list_is_searched_and_a_deployment_is_created_from_the_dialog() {
        WebElement search = byLabel("Search");
        search.sendKeys("nothing-matches-this");
        waitText("main", "No deployments match.");
        search.clear();
        search.sendKeys("customer");
        waitText("main", "customer-support");

        button("New deployment").click();
        WebElement key = byLabel("Key");
        assertThat(driver.switchTo().activeElement()).isEqualTo(key);
        key.sendKeys("customer-support");
        byLabel("Project").sendKeys("acme");
        byLabel("Folder").sendKeys("help/chat");
        byLabel("Description").sendKeys("Answers questions on the help page");
        type(byLabel("First variant"), "standard");
        assertThat(new Select(byLabel("Primary model")).getFirstSelectedOption().getText()).isEqualTo("simulator / echo");
        screenshot("create-deployment");
        button("Create").click();
        waitText("dialog .alert.error", "exists");

        type(key, KEY);
        button("Create").click();
        waitHeading(KEY);
        wait.until(ExpectedConditions.urlContains("#/deployments/" + KEY));
    }

    @Test
    @Order(3)
    void the_variant_editor_highlights_variables_adds_a_variant_and_edits_its_models() {
        assertThat(el(".hl-mirror mark").getText()).isEqualTo("{{question}}");
        assertThat(text("pre.preview")).contains("\"model\": \"echo\"");

        byLabel("Add a variant").sendKeys("premium", Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("/variants/premium"));
        waitText("pre.preview", "\"key\": \"premium\"");
        type(byLabel("Message 1 text"), "You are the premium concierge of Acme. {{tone}}");
        wait.until(d -> d.findElements(By.cssSelector(".hl-mirror mark")).size() == 2);
        type(within("[aria-label='Primary model']", "Temperature"), "0.3");
        type(within("[aria-label='Primary model']", "Retries"), "2");
        driver.findElement(By.xpath("//label[contains(., 'Use a fallback model')]/input")).click();
        new Select(within("[aria-label='Fallback model']", "Model")).selectByValue("simulator/flaky");
        type(within("[aria-label='Fallback model']", "Temperature"), "0.9");
        type(byLabel("Notes for people (never sent to a model)"), "For gold customers");
        waitText("pre.preview", "\"temperature\": 0.3");
        assertThat(text("pre.preview")).contains("\"model\": \"flaky\"", "\"temperature\": 0.9", "\"retries\": 2");
        waitText(".status", "Unsaved changes");
        screenshot("variant-editor");

        button("Save draft").click();
        waitText(".status", "Draft revision 2 saved");
        JsonNode premium = draft().at("/spec/variants/1");
        assertThat(premium.at("/primary/parameters/temperature").asDouble()).isEqualTo(0.3);
        assertThat(premium.at("/fallback/model").asText()).isEqualTo("flaky");
        assertThat(premium.at("/fallback/parameters/temperature").asDouble()).isEqualTo(0.9);

        new Select(byLabel("Variant")).selectByValue("standard");
        wait.until(ExpectedConditions.urlContains("/variants/standard"));
        waitText("pre.preview", "\"key\": \"standard\"");
    }

    @Test
    @Order(4)
    void the_routing_grid_gets_a_field_rules_reordered_by_keyboard_an_inline_warning_and_an_inline_error() {
        tab("Routing");
        byLabel("New context field").sendKeys("tier", Keys.ENTER);
        waitText("table.routing thead", "tier");

        button("Add rule").click();
        new Select(aria("Rule 1: condition on tier")).selectByValue("equals");
        aria("Rule 1: value of tier").sendKeys("gold");
        type(aria("Rule 1 id"), "gold");
        new Select(aria("Rule 1 target")).selectByValue("premium");
        button("Add rule").click();
        new Select(aria("Rule 2: condition on tier")).selectByValue("equals");
        aria("Rule 2: value of tier").sendKeys("gold");
        type(aria("Rule 2 id"), "gold-again");
        button("Save draft").click();
        waitText(".row-warning", "can never match");
        assertThat(driver.findElements(By.cssSelector("tr.warned"))).hasSize(1);
        assertThat(aria("Rule 2 id").findElement(By.xpath("ancestor::tr")).getText()).contains("can never match");
        screenshot("routing");

        WebElement up = aria("Move rule 2 up");
        up.sendKeys(Keys.ENTER);
        wait.until(d -> aria("Rule 1 id").getDomProperty("value").equals("gold-again"));
        assertThat(driver.switchTo().activeElement().getDomAttribute("aria-label")).isEqualTo("Move rule 1 down");
        aria("Rule 1 enabled").click();
        assertThat(aria("Rule 1 id").findElement(By.xpath("ancestor::tr")).getDomAttribute("class")).contains("disabled");
        aria("Delete rule 1").click();
        assertThat(aria("Rule 1 id").getDomProperty("value")).isEqualTo("gold");

        new Select(aria("Rule 1: condition on tier")).selectByValue("matches");
        type(aria("Rule 1: value of tier"), "([");
        button("Save draft").click();
        WebElement error = el("table.routing .field-error");
        assertThat(error.getText()).isNotBlank();
        new Select(aria("Rule 1: condition on tier")).selectByValue("equals");
        type(aria("Rule 1: value of tier"), "gold");
        button("Save draft").click();
        waitText(".status", "Draft revision");
        assertThat(driver.findElements(By.cssSelector(".field-error")).stream().map(WebElement::getText).toList()).isEmpty();
        JsonNode rules = draft().at("/spec/routing/rules");
        assertThat(rules).hasSize(1);
        assertThat(rules.at("/0/when/0/value").asText()).isEqualTo("gold");
        assertThat(rules.at("/0/variant").asText()).isEqualTo("premium");
    }

    @Test
    @Order(5)
    void the_simulator_explains_the_match_and_keeps_it_as_a_test_case() {
        tab("Simulator & tests");
        byLabel("tier (string)").sendKeys("gold");
        button("Simulate").click();
        waitText(".verdict", "premium");
        assertThat(text(".verdict")).contains("matched by rule gold");
        assertThat(el(".explain li.held").getText()).contains("tier equals \"gold\"", "got \"gold\"");
        screenshot("simulator");

        button("Keep as test case").click();
        waitText(".status", "Draft revision");
        waitText("main", "tier=gold goes to premium");
        button("Run all tests").click();
        waitText("main", "1 passed, 0 failed");
        assertThat(draft().at("/spec/tests/0/expectRule").asText()).isEqualTo("gold");

        type(byLabel("tier (string)"), "silver");
        button("Simulate").click();
        waitText(".verdict", "no rule matched");
        assertThat(el(".explain li.failed").getText()).contains("got \"silver\"");
    }

    @Test
    @Order(6)
    void deploying_shows_the_tests_and_warnings_first_and_the_deployment_answers_an_api_key() {
        tab("Deploy & versions");
        button("Check before deploying").click();
        waitText(".checks", "Ready to deploy");
        assertThat(text(".checks")).contains("tier=gold goes to premium");
        byLabel("Message").sendKeys("premium for gold customers");
        button("Deploy").click();
        waitText("table.versions", "premium for gold customers");
        assertThat(text(".meta")).contains("live: v1");
        screenshot("deploy");

        driver.get(live.client().base() + "/panel/#/keys");
        waitHeading("API keys");
        byLabel("Name").sendKeys("journey", Keys.ENTER);
        apiKey = el("dialog pre.secret").getText();
        assertThat(apiKey).startsWith("jk_");
        screenshot("api-keys");
        escape();
        waitText("table.grid", "journey");

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
        waitHeading(KEY);
        driver.findElement(By.linkText("Logs of this deployment")).click();
        waitHeading("Logs");
        assertThat(new Select(byLabel("Deployment")).getFirstSelectedOption().getText()).isEqualTo(KEY);
        waitText("table.logs tbody", "premium");
        assertThat(driver.findElements(By.cssSelector("table.logs tbody tr"))).hasSize(2);
        assertThat(text("table.logs tbody")).contains("standard", "Matched (gold)", "Default Matched", "simulator/echo", "success");

        type(byLabel("Variant"), "premium");
        byLabel("Variant").sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("variant=premium"));
        wait.until(d -> d.findElements(By.cssSelector("table.logs tbody tr")).size() == 1);
        new Select(byLabel("Evaluation")).selectByValue("Default Matched");
        waitText("table.logs tbody", "No requests match these filters.");
        new Select(byLabel("Evaluation")).selectByValue("Matched");
        waitText("table.logs tbody", "premium");

        // keyboard: Enter on the row opens the detail, Escape closes it and gives the focus back to the row
        WebElement open = el("table.logs tbody button.link");
        open.sendKeys(Keys.ENTER);
        waitText(".log-detail", "Attempts (1)");
        String detail = text(".log-detail");
        assertThat(detail).contains("Variant\npremium", "Evaluation\nMatched", "Rule\ngold", "tier", "\"gold\"",
                "simulator/echo", "You are the premium concierge of Acme. warm", "Where is my order?", "No feedback yet.");
        assertThat(text(".log-detail pre.answer")).contains("premium concierge");
        assertThat(driver.switchTo().activeElement().getDomAttribute("aria-label")).isEqualTo("Request details");
        wait.until(ExpectedConditions.urlMatches("#/logs/[0-9a-f-]{36}\\?"));
        String id = driver.getCurrentUrl().replaceAll(".*#/logs/([0-9a-f-]{36}).*", "$1");
        screenshot("logs");
        escape();
        wait.until(d -> d.findElements(By.cssSelector(".log-detail")).stream().noneMatch(WebElement::isDisplayed));
        assertThat(driver.switchTo().activeElement()).isEqualTo(open);

        // the detail's own address opens it directly
        driver.get(live.client().base() + "/panel/#/logs/" + id);
        waitText(".log-detail", "premium concierge");

        // pages of the log follow its cursor
        driver.get(live.client().base() + "/panel/#/logs?deployment=" + KEY + "&limit=1");
        waitText("main .meta", "1 request shown, more to load");
        assertThat(driver.findElements(By.cssSelector("table.logs tbody tr"))).hasSize(1);
        button("Load more").click();
        waitText("main .meta", "2 requests shown");
        assertThat(text("table.logs tbody")).contains("premium", "standard");
        wait.until(d -> !el("main .meta").getText().contains("more to load"));

        driver.get(live.client().base() + "/panel/#/deployments/" + KEY);
        waitHeading(KEY);
        driver.findElement(By.cssSelector(".page-links")).findElement(By.linkText("Analytics")).click();
        waitHeading("Analytics");
        waitStat("Requests", "2");
        assertThat(text(".window-line")).contains("Percentiles exact");
        assertThat(text("table.per-variant")).contains("premium", "standard");
        new Select(byLabel("Window")).selectByValue("24h");
        waitText(".window-line", "by hour");
        assertThat(new Select(byLabel("Bucket")).getFirstSelectedOption().getText()).isEqualTo("Hour");
        waitStat("Requests", "2");
        WebElement chart = el("figure.chart-card svg[role=img]");
        assertThat(chart.findElement(By.tagName("title")).getDomProperty("textContent")).isEqualTo("Requests");
        assertThat(text("figure.chart-card .chart-summary")).startsWith("2 requests for all variants");
        screenshot("analytics");

        new Select(byLabel("Variant")).selectByValue("premium");
        waitText(".window-line", "variant premium");
        waitStat("Requests", "1");
        assertThat(invoke("gold").status()).isEqualTo(200);
        awaitLogged(3);
        button("Refresh").click();
        waitStat("Requests", "2");
        assertThat(driver.getCurrentUrl()).contains("window=24h", "variant=premium");
    }

    @Test
    @Order(8)
    void a_second_version_is_compared_with_the_first_and_rolled_back() {
        driver.get(live.client().base() + "/panel/#/deployments/" + KEY + "/variants/premium");
        type(byLabel("Message 1 text"), "You are the VIP desk of Acme.");
        button("Save draft").click();
        waitText(".status", "Draft revision");
        tab("Deploy & versions");
        waitText(".checks", "Ready to deploy");
        byLabel("Message").sendKeys("VIP wording");
        button("Deploy").click();
        waitText("table.versions", "VIP wording");
        assertThat(invoke("gold").body()).contains("VIP desk");

        new Select(byLabel("From")).selectByValue("1");
        new Select(byLabel("To")).selectByValue("2");
        button("Compare").click();
        waitText("table.diff", "variants[premium].messages");
        assertThat(text("table.diff")).contains("premium concierge", "VIP desk");
        screenshot("versions-diff");

        button("Roll back to v1").click();
        WebElement confirm = el("dialog .actions button[autofocus]");
        assertThat(driver.switchTo().activeElement()).isEqualTo(confirm);
        confirm.click();
        waitText("table.versions", "rollback of v1");
        assertThat(text(".meta")).contains("live: v3");
        waitText(".versus-live", "The draft differs from the live version v3 in 1 place");
        TestClient.Response answer = invoke("gold");
        assertThat(answer.header("X-Junction-Deployment-Version")).isEqualTo("v3");
        assertThat(answer.body()).contains("premium concierge").doesNotContain("VIP desk");
    }

    @Test
    @Order(9)
    void code_snippets_open_from_the_variant_page_and_from_a_routing_row_with_a_copy_button() {
        tab("Variants");
        new Select(byLabel("Variant")).selectByValue("premium");
        wait.until(ExpectedConditions.urlContains("/variants/premium"));
        button("Code snippets").click();
        waitText("dialog pre.code", "orq.deployments.invoke");
        assertThat(text("dialog pre.code")).contains(KEY, "\"tier\": \"gold\"");
        driver.findElement(By.xpath("//dialog//button[@role='tab' and .='Node']")).click();
        waitText("dialog pre.code", "@orq-ai/node");
        driver.findElement(By.xpath("//dialog//button[@role='tab' and .='cURL']")).click();
        waitText("dialog pre.code", "curl");
        el("dialog button.copy").click();
        waitText("dialog button.copy", "Copied");
        screenshot("snippets");
        escape();
        wait.until(d -> d.findElements(By.cssSelector("dialog")).isEmpty());
        assertThat(driver.switchTo().activeElement().getText()).isEqualTo("Code snippets");

        tab("Routing");
        aria("Code snippets for rule 1").click();
        waitText("dialog h2", "variant premium");
        escape();
    }

    @Test
    @Order(10)
    void the_model_garden_activates_models_and_provider_secrets_are_write_only() {
        driver.get(live.client().base() + "/panel/#/models");
        waitHeading("Model garden");
        new Select(byLabel("Provider")).selectByValue("openai");
        WebElement activate = driver.findElement(By.xpath("//button[starts-with(@aria-label, 'Activate openai/')]"));
        String model = activate.getDomAttribute("aria-label").substring("Activate ".length());
        activate.click();
        wait.until(d -> !d.findElements(By.cssSelector("[aria-label='Deactivate " + model + "']")).isEmpty());
        screenshot("model-garden");
        assertThat(live.client().get("/api/models/" + model, ADMIN).json().get("active").asBoolean()).isTrue();

        driver.get(live.client().base() + "/panel/#/providers");
        waitHeading("Provider connections");
        button("Add a connection").click();
        byLabel("Name").sendKeys("groq-test");
        new Select(byLabel("Kind")).selectByValue("groq");
        byLabel("API key").sendKeys("gsk-very-secret-value");
        button("Save connection").click();
        waitText("table.grid", "groq-test");
        assertThat(text("table.grid")).contains("stored");
        button("Edit groq-test").click();
        assertThat(byLabel("API key").getDomProperty("value")).isEmpty();
        assertThat(byLabel("API key").getDomAttribute("placeholder")).contains("leave empty to keep");
        screenshot("providers");
        assertThat(driver.getPageSource()).doesNotContain("gsk-very-secret-value");
    }

    @Test
    @Order(11)
    void signing_out_ends_the_session() throws Exception {
        String session = driver.manage().getCookieNamed("junction_session").getValue();
        button("Sign out").click();
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

    /** The value of the analytics totals card with this title. */
    static void waitStat(String title, String value) {
        wait.withMessage(() -> "the " + title + " card should say " + value + ", main has: " + driver.findElement(By.tagName("main")).getText())
                .until(d -> stat(title).equals(value));
    }

    static String stat(String title) {
        List<WebElement> values = driver.findElements(By.xpath("//div[contains(@class,'stat')][h2='" + title + "']/p[@class='value']"));
        return values.isEmpty() ? "" : values.getFirst().getText();
    }

    static JsonNode draft() {
        return live.client().get("/api/deployments/" + KEY + "/draft", ADMIN).json();
    }

    static void tab(String name) {
        driver.findElement(By.xpath("//nav[@aria-label='Deployment sections']/a[.='" + name + "']")).click();
        wait.until(d -> d.findElement(By.xpath("//nav[@aria-label='Deployment sections']/a[.='" + name + "']"))
                .getDomAttribute("aria-current") != null);
    }

    static WebElement el(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    static String text(String css) {
        return el(css).getText();
    }

    static void waitText(String css, String part) {
        wait.withMessage(() -> css + " should contain '" + part + "', has: "
                        + driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList())
                .until(d -> d.findElements(By.cssSelector(css)).stream().anyMatch(e -> e.getText().contains(part)));
    }

    static void waitHeading(String heading) {
        wait.until(ExpectedConditions.textToBe(By.cssSelector("main h1"), heading));
    }

    /** The enabled button with this text; inside the open dialog when there is one. */
    static WebElement button(String label) {
        return wait.withMessage(() -> "a button '" + label + "'").until(d -> (WebElement) driver.executeScript(
                "const root = document.querySelector('dialog[open]') || document;"
                        + "return [...root.querySelectorAll('button')].reverse().find(b => b.textContent.trim() === arguments[0]"
                        + "  && !b.disabled && b.offsetParent !== null) || null;", label));
    }

    static WebElement aria(String label) {
        return el("[aria-label='" + label + "']");
    }

    /** The control a label names (through its for attribute); inside the open dialog when there is one. */
    static WebElement byLabel(String label) {
        return wait.withMessage(() -> "a control labelled '" + label + "'").until(d -> (WebElement) driver.executeScript(
                "const root = document.querySelector('dialog[open]') || document;"
                        + "const l = [...root.querySelectorAll('label')].find(l => l.textContent.trim().replace(/\\s+/g, ' ') === arguments[0]"
                        + "  && l.offsetParent !== null);"
                        + "return l ? document.getElementById(l.htmlFor) : null;", label));
    }

    static WebElement within(String scopeCss, String label) {
        WebElement scope = el(scopeCss);
        List<WebElement> labels = scope.findElements(By.xpath(".//label[normalize-space()='" + label + "']"));
        assertThat(labels).as(label + " in " + scopeCss).isNotEmpty();
        return driver.findElement(By.id(labels.getFirst().getDomAttribute("for")));
    }

    static void type(WebElement input, String text) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(text);
    }

    static void escape() {
        new org.openqa.selenium.interactions.Actions(driver).sendKeys(Keys.ESCAPE).perform();
        wait.until(d -> d.findElements(By.cssSelector("dialog")).isEmpty());
    }

    static void screenshot(String name) {
        HeadlessChromium.screenshot(driver, name);
    }
}
