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
import org.openqa.selenium.support.ui.Select;

/**
 * Reviewed deploys in a real browser: an administrator makes a project require reviews; one person edits a routing
 * rule and requests a deploy; another approves it on the Reviews page and it goes live. The two are people signed in
 * with email and password: Ana is an analyst on the project (she cannot deploy it herself), Dave a deployer on it.
 * Screens saved as PNGs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReviewsBrowserTest {
    static final String ADMIN = "reviews-browser-admin-token";
    static final String KEY = "claims-bot";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    static PanelDriver ui;
    static final String ANA = "ana@insurer.example";
    static final String DAVE = "dave@insurer.example";
    static final String PASSWORD = "a long enough passphrase";

    @BeforeAll
    static void setUp() throws Exception {
        PeopleApiTest.person(live.client(), ADMIN, ANA, "[{\"role\":\"analyst\",\"scope\":\"insurer\"}]", PASSWORD);
        PeopleApiTest.person(live.client(), ADMIN, DAVE, "[{\"role\":\"deployer\",\"scope\":\"insurer\"}]", PASSWORD);
        String spec = DeploymentApiTest.spec(KEY, "claims", "echo").replace("\"project\":\"shop\"", "\"project\":\"insurer\"");
        assertThat(live.client().post("/api/deployments", ADMIN, spec).status()).isEqualTo(201);
        assertThat(live.client().post("/api/deployments/" + KEY + "/deploy", ADMIN, "{}").status()).isEqualTo(201);
        ui = PanelDriver.start();
    }

    @AfterAll
    static void close() {
        if (ui != null) ui.close();
    }

    void signOut() {
        ui.button("Sign out").click();
        ui.waitHeading("Sign in to Junction");
    }

    @Test
    @Order(1)
    void an_administrator_makes_the_project_require_reviews() {
        ui.signIn(live.client().base(), ADMIN);
        ui.driver.get(live.client().base() + "/panel/#/reviews");
        ui.waitHeading("Reviews");
        new Select(ui.byLabel("Project")).selectByValue("insurer");
        ui.driver.findElement(By.id("reviews-required")).click();
        ui.button("Save").click();
        ui.wait.until(d -> live.client().get("/api/projects/insurer/settings", ADMIN).json().get("reviewsRequired").asBoolean());
        signOut();
    }

    @Test
    @Order(2)
    void the_analyst_edits_a_rule_and_requests_a_deploy_which_does_not_go_live() {
        ui.signInAs(live.client().base(), ANA, PASSWORD);
        ui.driver.get(live.client().base() + "/panel/#/deployments/" + KEY + "/routing");
        ui.waitHeading(KEY);
        ui.type(ui.aria("Rule 1: value of tier"), "silver");
        ui.button("Save draft").click();
        ui.waitText(".status", "Draft revision 2");
        ui.tab("Deploy & versions");
        ui.type(ui.byLabel("Message"), "silver customers go premium");
        ui.button("Request deploy").click();
        ui.waitText(".pending-request", "waiting for review");
        ui.screenshot("review-requested");

        JsonNode pending = live.client().get("/api/reviews?status=pending&deployment=" + KEY, ADMIN).json().get("data");
        assertThat(pending).hasSize(1);
        assertThat(pending.at("/0/author/name").asText()).isEqualTo(ANA);
        assertThat(pending.at("/0/author/kind").asText()).isEqualTo("user");
        assertThat(pending.at("/0/message").asText()).isEqualTo("silver customers go premium");
        assertThat(live.client().get("/api/deployments/" + KEY, ADMIN).json().get("activeVersion").asInt()).isEqualTo(1);
        // the request is in the audit trail under her name
        assertThat(live.client().get("/api/audit?action=deployment.deploy&actor=" + ANA, ADMIN).json().get("data")).isNotEmpty();

        // on the Reviews page the author may withdraw, not approve
        ui.driver.get(live.client().base() + "/panel/#/reviews");
        ui.waitText("article.review", KEY);
        assertThat(ui.text("article.review")).contains("Withdraw").doesNotContain("Approve");
        signOut();
    }

    @Test
    @Order(3)
    void the_deployer_sees_the_diff_tests_replay_and_warnings_and_approves_it() {
        ui.signInAs(live.client().base(), DAVE, PASSWORD);
        ui.driver.get(live.client().base() + "/panel/#/reviews");
        ui.waitText("article.review", KEY);
        String card = ui.text("article.review");
        assertThat(card).contains("requested by " + ANA, "silver customers go premium", "routing.rules[gold].when[0].value",
                "Tests", "Replay of recent traffic", "Warnings");
        ui.type(ui.byLabel("Comment"), "checked with the claims team");
        ui.screenshot("review-pending");
        ui.button("Approve and deploy").click();

        ui.wait.until(d -> live.client().get("/api/deployments/" + KEY, ADMIN).json().get("activeVersion").asInt() == 2);
        JsonNode v2 = live.client().get("/api/deployments/" + KEY + "/versions/2", ADMIN).json();
        assertThat(v2.get("author").asText()).isEqualTo(ANA);
        assertThat(v2.get("approvedBy").asText()).isEqualTo(DAVE);
        assertThat(v2.at("/spec/routing/rules/0/when/0/value").asText()).isEqualTo("silver");
        ui.waitText("main", "No deploy request is waiting for a review.");

        ui.driver.get(live.client().base() + "/panel/#/deployments/" + KEY + "/versions");
        ui.waitText("table.versions", "approved by " + DAVE);
        ui.screenshot("review-approved");
    }
}
