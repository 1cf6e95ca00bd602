package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.spend.Budget;
import dev.junction.engine.spend.QuotaUsage;
import dev.junction.engine.spend.Scope;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The panel's "Limits & budgets" page in a real browser (Debian's headless Chromium) on the real HTTP server and
 * routes ({@link QuotaServer}): a rate limit and a budget are created with the server's 422s shown next to their
 * fields, edited and removed; a budget's use shows against its amount with the thresholds crossed and its reset; a
 * member's spend per day is a chart; the API keys page shows each key's limits and spend.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LimitsPanelBrowserTest {
    static final QuotaServer server = new QuotaServer();
    static PanelDriver ui;
    static ChromeDriver driver;
    static WebDriverWait wait;

    @BeforeAll
    static void browser() throws Exception {
        ui = PanelDriver.start();
        driver = ui.driver;
        wait = ui.wait;
        driver.get(server.client.base() + "/panel/");
        ui.tokenField().sendKeys(QuotaServer.ADMIN, Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("#/deployments"));
    }

    @AfterAll
    static void close() {
        if (ui != null) ui.close();
        server.close();
    }

    private static void open(String scope) {
        driver.get(server.client.base() + "/panel/#/limits/" + scope);
        driver.navigate().refresh();
        ui.waitHeading("Limits & budgets");
    }

    /** The field error shown next to the control labelled {@code label}. */
    private static String errorOf(String label) {
        WebElement control = ui.byLabel(label);
        wait.until(d -> "true".equals(control.getDomAttribute("aria-invalid")));
        return control.findElement(By.xpath("following-sibling::div[contains(@class,'field-error')]")).getText();
    }

    @Test
    @Order(1)
    void a_rate_limit_is_created_with_the_servers_errors_next_to_its_fields() {
        open("api_key");
        assertThat(driver.findElement(By.cssSelector("nav[aria-label='Scopes'] a[aria-current='page']")).getText()).isEqualTo("API keys");
        ui.button("Add rate limit").click();
        ui.type(ui.byLabel("Target"), "demo");
        ui.type(ui.byLabel("Requests per minute"), "0");
        ui.button("Save").click();
        assertThat(errorOf("Target")).contains("UUID");
        assertThat(errorOf("Requests per minute")).contains("at least 1");
        assertThat(server.quotas.limits()).isEmpty();

        ui.type(ui.byLabel("Target"), server.apiKeyId.toString());
        ui.type(ui.byLabel("Requests per minute"), "60");
        ui.button("Save").click();
        ui.waitText("table[aria-label='Rate limits'] tbody tr", server.apiKeyId.toString());
        assertThat(ui.text("table[aria-label='Rate limits'] tbody tr")).contains("60");
        assertThat(server.quotas.limits()).singleElement().satisfies(l -> assertThat(l.requestsPerMinute()).isEqualTo(60));
    }

    @Test
    @Order(2)
    void a_budget_is_created_after_its_period_and_thresholds_are_fixed() {
        open("api_key");
        ui.button("Add budget").click();
        ui.type(ui.byLabel("Target"), "*");
        ui.type(ui.byLabel("Amount (USD)"), "10");
        new Select(ui.byLabel("Period")).selectByValue("fixed");
        ui.type(ui.byLabel("Thresholds (%)"), "80, 50");
        ui.button("Save").click();
        assertThat(errorOf("Starts (UTC)")).contains("required for a fixed period");
        assertThat(errorOf("Ends (UTC)")).contains("required for a fixed period");
        assertThat(errorOf("Thresholds (%)")).contains("ascending");

        new Select(ui.byLabel("Period")).selectByValue("day");
        ui.type(ui.byLabel("Thresholds (%)"), "50, 80, 100");
        ui.button("Save").click();
        ui.waitText("table[aria-label='Budgets'] tbody tr", "$10.00");
        assertThat(ui.text("table[aria-label='Budgets'] tbody tr")).contains("per day (UTC)").contains("hard").contains("50 %, 80 %, 100 %");
    }

    @Test
    @Order(3)
    void use_against_the_budget_shows_thresholds_crossed_reset_and_a_spend_chart() {
        Budget budget = server.quotas.budgets().getFirst();
        Instant day = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
        server.quotas.uses.add(new QuotaUsage.Use(budget.id(), "budget", Scope.API_KEY, server.apiKeyId.toString(),
                new BigDecimal("8.5"), BigDecimal.TEN, day, day.plusSeconds(86_400)));
        open("api_key");
        ui.waitText("table[aria-label='Budgets'] tbody tr", "$8.50 of $10.00");
        String row = ui.text("table[aria-label='Budgets'] tbody tr");
        assertThat(row).contains("80 % crossed").contains("resets");
        assertThat(driver.findElement(By.cssSelector("table[aria-label='Budgets'] meter")).getDomAttribute("value")).isEqualTo("85");

        // the member with use is proposed, and its chart drawn
        ui.waitText("section[aria-label='Spend'] figcaption", "Spend of " + server.apiKeyId);
        assertThat(ui.text("section[aria-label='Spend'] .chart-summary")).contains("$6.75").contains("17 requests");
        assertThat(driver.findElements(By.cssSelector("section[aria-label='Spend'] svg circle"))).hasSize(2);
    }

    @Test
    @Order(4)
    void the_api_keys_page_shows_each_keys_limits_and_spend() {
        driver.get(server.client.base() + "/panel/#/keys");
        ui.waitHeading("API keys");
        ui.waitText("table[aria-label='API keys'] tbody tr", "60 req/min");
        String row = ui.text("table[aria-label='API keys'] tbody tr");
        assertThat(row).contains("$10.00 per day").contains("$8.50 of $10.00");
    }

    @Test
    @Order(5)
    void a_rate_limit_is_edited_and_removed() {
        open("api_key");
        ui.waitText("table[aria-label='Rate limits'] tbody tr", "60");
        driver.findElement(By.cssSelector("table[aria-label='Rate limits'] tbody tr")).findElement(By.xpath(".//button[.='Edit']")).click();
        ui.type(ui.byLabel("Requests per minute"), "120");
        ui.type(ui.byLabel("Tokens per minute"), "-5");
        ui.button("Save").click();
        assertThat(errorOf("Tokens per minute")).contains("at least 1");
        ui.type(ui.byLabel("Tokens per minute"), "");
        ui.button("Save").click();
        ui.waitText("table[aria-label='Rate limits'] tbody tr", "120");
        assertThat(server.quotas.limits().getFirst().requestsPerMinute()).isEqualTo(120);

        ui.aria("Remove rate limit on " + server.apiKeyId).click();
        ui.button("Remove").click();
        ui.waitText("section[aria-label='Rate limits'] p.empty", "No rate limits");
        assertThat(server.quotas.limits()).isEmpty();
    }

    @Test
    @Order(6)
    void provider_and_model_scopes_have_budgets_only() {
        open("model");
        assertThat(driver.findElements(By.cssSelector("section[aria-label='Rate limits']"))).isEmpty();
        ui.button("Add budget").click();
        ui.type(ui.byLabel("Target"), "gpt-4o");
        ui.type(ui.byLabel("Amount (USD)"), "5");
        ui.button("Save").click();
        assertThat(errorOf("Target")).contains("provider/model");
        assertThat(List.copyOf(server.quotas.budgets())).hasSize(1);
    }
}
