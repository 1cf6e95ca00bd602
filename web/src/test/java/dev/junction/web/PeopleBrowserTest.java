package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
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
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * People and roles in a real browser: an administrator invites an analyst on the demo project and a viewer on
 * everything (one-time links, shown once); each opens their link, sets a password and is signed in; the analyst sees
 * no People, API keys or Providers and no Deploy button, and edits and saves the draft; the viewer sees the routing
 * table read-only, no save, no simulator. The panel's scope rule (access.js covers) runs in the page against a table.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeopleBrowserTest {
    static final String ADMIN = "people-browser-admin-token";
    static final String PASSWORD = "a long enough sentence";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    static PanelDriver ui;
    static ChromeDriver driver;
    static WebDriverWait wait;
    static String analystLink;
    static String viewerLink;

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

    @Test
    @Order(1)
    void the_scope_rule_covers_a_project_and_its_folders_by_whole_segments() {
        driver.get(live.client().base() + "/panel/");
        wait.until(ExpectedConditions.urlContains("#/login"));
        // [scope, project, folder, covered]
        List<List<Object>> cases = List.of(
                List.of("*", "any", "", true), List.of("*", "", "", true),
                List.of("support", "support", "", true), List.of("support", "support", "emea/uk", true),
                List.of("support/emea", "support", "emea", true), List.of("support/emea", "support", "emea/uk", true),
                List.of("/support/emea/", "support", "/emea", true),
                List.of("support/emea", "support", "", false), List.of("support/em", "support", "emea", false),
                List.of("support", "sales", "", false), List.of("support", "supportive", "", false), List.of("support", "", "", false));
        @SuppressWarnings("unchecked")
        List<Boolean> got = (List<Boolean>) driver.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "import('./js/access.js').then(m => done(arguments[0].map(([s, p, f]) => m.covers(s, p || null, f || null))));",
                cases);
        for (int i = 0; i < cases.size(); i++) {
            assertThat(got.get(i)).as("covers" + cases.get(i).subList(0, 3)).isEqualTo(cases.get(i).get(3));
        }
    }

    @Test
    @Order(2)
    void an_admin_invites_an_analyst_and_a_viewer_and_hands_over_their_links() {
        ui.signIn(live.client().base(), ADMIN);
        assertThat(visibleNav()).contains("People", "API keys", "Providers");
        driver.findElement(By.xpath("//nav[@id='nav']/a[.='People']")).click();
        ui.waitHeading("People");

        analystLink = invite("ana@example.com", "Ana Lyst", "analyst", "demo");
        ui.screenshot("people-link");
        ui.button("Done").click();
        viewerLink = invite("vic@example.com", "Vic Viewer", "viewer", "*");
        ui.button("Done").click();
        ui.waitText("table.people", "vic@example.com");
        assertThat(ui.text("table.people")).contains("ana@example.com", "analyst on demo", "invited", "viewer on everything");
        ui.screenshot("people");
        assertThat(analystLink).startsWith(live.client().base() + "/panel/#/welcome?token=");

        JsonNode users = live.client().get("/api/users", ADMIN).json().get("data");
        assertThat(users.findValuesAsText("email")).contains("ana@example.com", "vic@example.com");
        signOut();
    }

    @Test
    @Order(3)
    void the_analyst_sets_a_password_sees_no_admin_pages_nor_deploy_and_edits_the_draft() {
        welcome(analystLink, "ana@example.com");
        assertThat(visibleNav()).contains("Deployments", "Analytics", "Logs").doesNotContain("People", "API keys", "Providers", "Limits & budgets");

        driver.get(live.client().base() + "/panel/#/deployments/customer-support/versions");
        ui.waitHeading("customer-support");
        ui.waitText("main", "History");
        assertThat(visibleButtons()).doesNotContain("Deploy", "Check before deploying").noneMatch(b -> b.startsWith("Roll back"));

        ui.tab("Routing");
        WebElement description = ui.aria("Rule 1 description");
        assertThat(description.getDomProperty("readOnly")).isEqualTo("false");
        ui.type(description, "edited by the analyst");
        ui.button("Save draft").click();
        ui.waitText(".status", "Draft revision"); // saved ("Unsaved changes" until then)
        JsonNode draft = live.client().get("/api/deployments/customer-support/draft", ADMIN).json();
        assertThat(draft.at("/spec/routing/rules/0/description").asText()).isEqualTo("edited by the analyst");
        ui.screenshot("analyst-routing");

        driver.get(live.client().base() + "/panel/#/keys");
        ui.waitHeading("Not available");
        signOut();
    }

    @Test
    @Order(4)
    void the_viewer_sees_the_routing_table_read_only_without_save_or_simulator() {
        welcome(viewerLink, "vic@example.com");
        driver.get(live.client().base() + "/panel/#/deployments/customer-support/routing");
        ui.waitHeading("customer-support");
        WebElement description = ui.aria("Rule 1 description");
        wait.until(d -> "true".equals(description.getDomProperty("readOnly")));
        assertThat(visibleButtons()).doesNotContain("Add rule", "Save draft", "Add field");
        assertThat(driver.findElements(By.xpath("//nav[@aria-label='Deployment sections']/a")).stream()
                .filter(WebElement::isDisplayed).map(WebElement::getText).toList())
                .containsExactly("Variants", "Routing", "Deploy & versions");
        assertThat(ui.text(".read-only-note")).contains("analyst role on demo/support");
        assertThat(new Select(ui.aria("Default variant")).getFirstSelectedOption().getText()).isNotEmpty();
        assertThat(ui.aria("Default variant").isEnabled()).isFalse();
        ui.screenshot("viewer-routing");

        driver.get(live.client().base() + "/panel/#/deployments");
        ui.waitHeading("Deployments");
        assertThat(visibleButtons()).doesNotContain("New deployment");
        signOut();
    }

    @Test
    @Order(5)
    void a_wrong_password_is_refused_with_a_message_and_a_service_account_gets_a_role_and_scope() {
        driver.get(live.client().base() + "/panel/");
        wait.until(ExpectedConditions.urlContains("#/login"));
        ui.byLabel("Email").sendKeys("ana@example.com");
        ui.byLabel("Password").sendKeys("not the password", Keys.ENTER);
        assertThat(ui.text(".field-error")).contains("wrong email or password");
        ui.screenshot("login-people");
        assertThat(driver.getCurrentUrl()).contains("#/login");

        ui.signIn(live.client().base(), ADMIN);
        driver.get(live.client().base() + "/panel/#/keys");
        ui.waitHeading("API keys");
        ui.byLabel("Token name").sendKeys("ci deployer");
        new Select(ui.byLabel("Role")).selectByValue("deployer");
        ui.type(ui.byLabel("Scope"), "demo");
        ui.button("Create admin token").click();
        wait.until(d -> !d.findElements(By.cssSelector("dialog[open] pre.secret")).isEmpty());
        ui.escape();
        ui.waitText("table[aria-label='Admin tokens']", "deployer on demo");
        JsonNode tokens = live.client().get("/api/admin-tokens", ADMIN).json().get("data");
        JsonNode ci = null;
        for (JsonNode t : tokens) if (t.get("name").asText().equals("ci deployer")) ci = t;
        assertThat(ci).isNotNull();
        assertThat(Map.of("role", ci.get("role").asText(), "scope", ci.get("scope").asText()))
                .isEqualTo(Map.of("role", "deployer", "scope", "demo"));
    }

    /** Invites someone with one grant through the dialog; returns the one-time link it shows. */
    private static String invite(String email, String name, String role, String scope) {
        ui.button("Invite someone").click();
        ui.byLabel("Email").sendKeys(email);
        ui.byLabel("Name").sendKeys(name);
        new Select(ui.aria("Grant 1 role")).selectByValue(role);
        ui.type(ui.aria("Grant 1 scope"), scope);
        ui.button("Invite").click();
        return wait.until(d -> {
            List<WebElement> link = d.findElements(By.cssSelector("dialog[open] pre.one-time-link"));
            return link.isEmpty() ? null : link.getFirst().getText();
        });
    }

    /** Opens a one-time link, checks whose it is, sets the password (typed twice) and lands signed in. */
    private static void welcome(String link, String email) {
        driver.get(link);
        ui.waitHeading("Welcome to Junction");
        assertThat(ui.text("main .email")).isEqualTo(email);
        ui.byLabel("New password").sendKeys("too short");
        ui.byLabel("Type it again").sendKeys("too short", Keys.ENTER);
        assertThat(ui.text(".field-error")).contains("at least 12");
        ui.type(ui.byLabel("New password"), PASSWORD);
        ui.type(ui.byLabel("Type it again"), PASSWORD);
        ui.button("Set password and sign in").click();
        ui.waitHeading("Deployments");
    }

    private static void signOut() {
        ui.button("Sign out").click();
        wait.until(ExpectedConditions.urlContains("#/login"));
    }

    private static List<String> visibleNav() {
        return driver.findElements(By.cssSelector("#nav a")).stream().filter(WebElement::isDisplayed).map(WebElement::getText).toList();
    }

    private static List<String> visibleButtons() {
        return driver.findElements(By.cssSelector("main button")).stream().filter(WebElement::isDisplayed).map(WebElement::getText).toList();
    }
}
