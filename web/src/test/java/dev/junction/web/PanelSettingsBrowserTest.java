package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The panel's gateway-wide pages in a real browser, as an administrator uses them: the model garden, provider
 * connections (secrets write-only) and admin tokens (made, shown once, used, revoked). Screens saved as PNGs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PanelSettingsBrowserTest {
    static final String ADMIN = "panel-settings-admin-token";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    static PanelDriver ui;
    static ChromeDriver driver;
    static WebDriverWait wait;

    @BeforeAll
    static void browser() throws Exception {
        ui = PanelDriver.start();
        driver = ui.driver;
        wait = ui.wait;
        ui.signIn(live.client().base(), ADMIN);
    }

    @AfterAll
    static void close() {
        if (ui != null) ui.close();
    }

    @Test
    @Order(1)
    void the_model_garden_activates_models_and_provider_secrets_are_write_only() {
        driver.get(live.client().base() + "/panel/#/models");
        ui.waitHeading("Model garden");
        new Select(ui.byLabel("Provider")).selectByValue("openai");
        WebElement activate = driver.findElement(By.xpath("//button[starts-with(@aria-label, 'Activate openai/')]"));
        String model = activate.getDomAttribute("aria-label").substring("Activate ".length());
        activate.click();
        wait.until(d -> !d.findElements(By.cssSelector("[aria-label='Deactivate " + model + "']")).isEmpty());
        ui.screenshot("model-garden");
        assertThat(live.client().get("/api/models/" + model, ADMIN).json().get("active").asBoolean()).isTrue();
        // capabilities are edited in place: one box, one PUT; the model becomes custom
        assertThat(live.client().get("/api/models/" + model, ADMIN).json().at("/capabilities/images").asBoolean()).isTrue();
        ui.aria("Images for " + model).click();
        wait.until(d -> !live.client().get("/api/models/" + model, ADMIN).json().at("/capabilities/images").asBoolean());
        assertThat(live.client().get("/api/models/" + model, ADMIN).json().get("custom").asBoolean()).isTrue();

        driver.get(live.client().base() + "/panel/#/providers");
        ui.waitHeading("Provider connections");
        ui.button("Add a connection").click();
        ui.byLabel("Name").sendKeys("groq-test");
        new Select(ui.byLabel("Kind")).selectByValue("groq");
        ui.byLabel("API key").sendKeys("gsk-very-secret-value");
        ui.button("Save connection").click();
        ui.waitText("table.grid", "groq-test");
        assertThat(ui.text("table.grid")).contains("stored");
        ui.button("Edit groq-test").click();
        assertThat(ui.byLabel("API key").getDomProperty("value")).isEmpty();
        assertThat(ui.byLabel("API key").getDomAttribute("placeholder")).contains("leave empty to keep");
        ui.screenshot("providers");
        assertThat(driver.getPageSource()).doesNotContain("gsk-very-secret-value");
    }

    @Test
    @Order(2)
    void admin_tokens_are_made_shown_once_used_and_revoked_and_the_signed_in_one_is_marked() {
        driver.get(live.client().base() + "/panel/#/keys");
        ui.waitHeading("API keys");
        // the signed-in one is marked and cannot be revoked here; a new one works until revoked
        ui.waitText("table[aria-label='Admin tokens']", "bootstrap");
        assertThat(ui.text("table[aria-label='Admin tokens']")).contains("you", "configuration");
        ui.byLabel("Token name").sendKeys("ci robot", Keys.ENTER);
        String adminToken = ui.el("dialog pre.secret").getText();
        ui.escape();
        ui.waitText("table[aria-label='Admin tokens']", "ci robot");
        assertThat(live.client().get("/api/deployments", adminToken).status()).isEqualTo(200);
        ui.aria("Revoke ci robot").click();
        ui.button("Revoke").click();
        ui.waitText("table[aria-label='Admin tokens']", "revoked");
        assertThat(live.client().get("/api/deployments", adminToken).status()).isEqualTo(401);

        ui.screenshot("admin-tokens");
    }

    @Test
    @Order(3)
    void an_api_key_is_made_for_a_folder_and_a_deployment_until_a_date_and_the_list_shows_both() {
        driver.get(live.client().base() + "/panel/#/keys");
        ui.waitHeading("API keys");
        ui.byLabel("Projects or folders").sendKeys("*");
        ui.byLabel("Name").sendKeys("emea site", Keys.ENTER);
        ui.waitText(".field-error", "leave the scope empty for every deployment");
        assertThat(ui.byLabel("Projects or folders").getDomAttribute("aria-invalid")).isEqualTo("true");

        ui.type(ui.byLabel("Projects or folders"), "shop/support/emea");
        ui.byLabel("Deployments").sendKeys("faq-bot, customer-support");
        driver.executeScript("arguments[0].value = '2030-01-31T18:30'", ui.byLabel("Expires (UTC)"));
        ui.byLabel("Name").sendKeys(Keys.ENTER);
        String key = ui.el("dialog pre.secret").getText();
        ui.escape();
        ui.waitText("table[aria-label='API keys']", "emea site");
        assertThat(driver.findElements(By.cssSelector(".field-error"))).as("the fixed error is gone").isEmpty();
        String row = driver.findElement(By.xpath("//table[@aria-label='API keys']//tr[td[normalize-space()='emea site']]")).getText();
        assertThat(row).contains("folder shop/support/emea", "deployment faq-bot", "deployment customer-support", "active");
        assertThat(ui.text("table[aria-label='API keys']")).contains("every deployment"); // the demo key

        com.fasterxml.jackson.databind.JsonNode made = null;
        for (com.fasterxml.jackson.databind.JsonNode k : live.client().get("/api/keys", ADMIN).json().get("data")) {
            if (k.get("name").asText().equals("emea site")) made = k;
        }
        assertThat(made).isNotNull();
        assertThat(made.get("expiresAt").asText()).isEqualTo("2030-01-31T18:30:00Z");
        assertThat(live.client().post("/v2/deployments/invoke", key, "{\"key\":\"customer-support\",\"inputs\":{\"question\":\"hi\"}}").status())
                .isEqualTo(200);
        ui.screenshot("api-key-scope");
    }
}
