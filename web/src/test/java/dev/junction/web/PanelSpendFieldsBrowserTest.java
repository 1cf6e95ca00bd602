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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The spend fields in the panel, in a real browser (Debian's headless Chromium): the routing grid shows a spend column
 * as a number and offers the others to add; the simulator has an input for each spend field the table reads, routes
 * on the value given there, and keeps it as a test case with the value as a number, which then passes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PanelSpendFieldsBrowserTest {
    static final String ADMIN = "panel-spend-admin-token";
    static final String KEY = "spend-panel";
    static final String MONTH = "spend.identity.month_usd";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    static PanelDriver ui;

    @BeforeAll
    static void browser() throws Exception {
        String spec = DeploymentApiTest.spec(KEY, "spend in the panel", "echo")
                .replace("{\"field\":\"tier\",\"op\":\"equals\",\"value\":\"gold\"}", "{\"field\":\"" + MONTH + "\",\"op\":\"gt\",\"value\":50}");
        TestClient.Response created = live.client().post("/api/deployments", ADMIN, spec);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        ui = PanelDriver.start();
        ui.signIn(live.client().base(), ADMIN);
    }

    @AfterAll
    static void close() {
        if (ui != null) ui.close();
    }

    static JsonNode draft() {
        return live.client().get("/api/deployments/" + KEY + "/draft", ADMIN).json();
    }

    @Test
    @Order(1)
    void the_routing_grid_types_a_spend_column_as_a_number_and_offers_the_others() {
        ui.driver.get(live.client().base() + "/panel/#/deployments/" + KEY);
        ui.waitHeading(KEY);
        ui.tab("Routing");
        ui.waitText("table.routing thead", MONTH + " number");
        assertThat(new Select(ui.aria("Rule 1: condition on " + MONTH)).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("gt");

        new Select(ui.byLabel("Request field")).selectByValue("budget.deployment.remaining_pct");
        ui.button("Add column").click();
        ui.waitText("table.routing thead", "budget.deployment.remaining_pct number");
        assertThat(ui.driver.findElements(By.cssSelector("[aria-label='Rule 1: condition on budget.deployment.remaining_pct'] option"))
                .stream().map(o -> o.getDomAttribute("value")).toList()).contains("lt", "between", "absent");
    }

    @Test
    @Order(2)
    void the_simulator_routes_on_the_spend_given_and_keeps_it_as_a_test_case() {
        ui.driver.get(live.client().base() + "/panel/#/deployments/" + KEY);
        ui.waitHeading(KEY);
        ui.tab("Simulator & tests");
        assertThat(ui.driver.findElements(By.xpath("//label[starts-with(normalize-space(), 'spend.api_key')]")))
                .as("only the spend fields the table reads get an input").isEmpty();
        WebElement month = ui.byLabel(MONTH + " (number)");
        month.sendKeys("60");
        ui.button("Simulate").click();
        ui.waitText(".verdict", "premium");
        assertThat(ui.text(".verdict")).contains("matched by rule gold");
        assertThat(ui.el(".explain li.held").getText()).contains(MONTH + " gt 50", "got 60");

        ui.button("Keep as test case").click();
        ui.waitText(".status", "Draft revision");
        ui.button("Run all tests").click();
        ui.waitText("main", "1 passed, 0 failed");
        JsonNode test = draft().at("/spec/tests/0");
        assertThat(test.at("/context").get(MONTH).isNumber()).as(test.toString()).isTrue();
        assertThat(test.at("/expectVariant").asText()).isEqualTo("premium");

        ui.type(ui.byLabel(MONTH + " (number)"), "50");
        ui.button("Simulate").click();
        ui.waitText(".verdict", "no rule matched");
        assertThat(ui.el(".explain li.failed").getText()).contains("got 50");
    }
}
