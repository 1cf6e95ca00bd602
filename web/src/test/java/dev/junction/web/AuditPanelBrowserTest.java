package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

/**
 * The panel's Audit page in headless Chromium on a real gateway: a provider key change made through the API shows
 * with its actor, filtered by action, its diff lists the key as changed without either value, and Verify reports the
 * chain holding.
 */
class AuditPanelBrowserTest {
    static final String ADMIN = "audit-panel-admin-0123456789";
    static final String SECRET = "sk-panel-DoNotLeakMe-0123456789";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);
    static PanelDriver ui;

    @BeforeAll
    static void browser() throws Exception {
        ui = PanelDriver.start();
    }

    @AfterAll
    static void close() {
        if (ui != null) ui.close();
    }

    @Test
    void an_auditor_filters_the_trail_opens_a_provider_change_and_verifies_the_chain() {
        String body = "{\"kind\":\"openai\",\"baseUrl\":\"http://127.0.0.1:9/v1\",\"apiKey\":\"";
        live.client().put("/api/providers/acme", ADMIN, body + SECRET + "\"}");
        live.client().put("/api/providers/acme", ADMIN, body + SECRET + "-rotated\"}");

        ui.signIn(live.client().base(), ADMIN);
        ui.driver.findElement(By.cssSelector("#nav a[href='#/audit']")).click();
        ui.waitHeading("Audit trail");
        ui.waitText("table.audit tbody", "api_key.create"); // the seeded demo key
        ui.type(ui.byLabel("Action"), "provider.");
        ui.byLabel("Action").sendKeys(Keys.ENTER);
        ui.wait.until(d -> d.findElements(By.cssSelector("table.audit tbody tr")).size() == 2);
        assertThat(ui.text("table.audit tbody")).doesNotContain("api_key.create").contains("provider.save", "bootstrap");
        assertThat(ui.driver.getCurrentUrl()).contains("#/audit?action=provider.");

        ui.button("Details").click();
        ui.waitText("dialog[open] table.diff", "apiKey");
        assertThat(ui.text("dialog[open]")).contains("[redacted]").doesNotContain("DoNotLeakMe");
        ui.escape();

        ui.button("Verify the chain").click();
        ui.waitText(".alert.ok", "The chain holds");
        assertThat(ui.driver.findElement(By.tagName("main")).getText()).doesNotContain("DoNotLeakMe");
    }
}
