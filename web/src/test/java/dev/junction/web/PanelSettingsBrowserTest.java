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
}
