package dev.junction.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reviewed deploys over HTTP on a real gateway with its own PostgreSQL: a project that requires reviews turns deploys,
 * rollbacks and imports into deploy requests that another principal approves or rejects. The principals are named
 * admin tokens (alice writes, bob and carol review).
 */
class ReviewedDeployApiTest {
    static final String ADMIN = "reviews-admin-token";

    @RegisterExtension
    static final LiveGateway live = new LiveGateway(ADMIN);

    static String alice;
    static String bob;
    static String carol;

    @BeforeAll
    static void principals() {
        alice = token(live, ADMIN, "alice");
        bob = token(live, ADMIN, "bob");
        carol = token(live, ADMIN, "carol");
    }

    /** A named admin token: a principal of its own (SERVICE, named after the token). */
    static String token(LiveGateway gateway, String admin, String name) {
        TestClient.Response r = gateway.client().post("/api/admin-tokens", admin, "{\"name\":\"" + name + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("token").asText();
    }

    /** A deployment of DeploymentApiTest's shape in {@code project}, with two passing routing tests. */
    static String spec(String key, String project, String description, String goldValue) {
        String tests = "[{\"name\":\"gold goes premium\",\"context\":{\"tier\":\"" + goldValue + "\"},\"expectVariant\":\"premium\"},"
                + "{\"name\":\"others standard\",\"context\":{},\"expectVariant\":\"standard\"}]";
        String spec = DeploymentApiTest.spec(key, description, "echo")
                .replace("\"project\":\"shop\"", "\"project\":\"" + project + "\"")
                .replace("\"value\":\"gold\"", "\"value\":\"" + goldValue + "\"");
        return spec.substring(0, spec.lastIndexOf('}')) + ",\"tests\":" + tests + "}";
    }

    /** Creates and deploys (v1) a deployment, then turns reviews on for its project. */
    static void liveInReviewedProject(String key, String project) {
        assertThat(live.client().post("/api/deployments", ADMIN, spec(key, project, "first", "gold")).status()).isEqualTo(201);
        assertThat(live.client().post("/api/deployments/" + key + "/deploy", ADMIN, "{}").status()).isEqualTo(201);
        requireReviews(project, true);
    }

    static void requireReviews(String project, boolean on) {
        TestClient.Response r = live.client().put("/api/projects/" + project + "/settings", ADMIN, "{\"reviewsRequired\":" + on + "}");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    static int editDraft(String key, String spec) {
        int revision = live.client().get("/api/deployments/" + key + "/draft", ADMIN).json().get("revision").asInt();
        TestClient.Response r = live.client().put("/api/deployments/" + key + "/draft", ADMIN, DeploymentApiTest.draftBody(revision, spec));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("revision").asInt();
    }

    static JsonNode request(String key, String token, String message) {
        TestClient.Response r = live.client().post("/api/deployments/" + key + "/deploy", token, "{\"message\":\"" + message + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json();
    }

    static TestClient.Response decide(String id, String verb, String token, String comment) {
        return live.client().post("/api/reviews/" + id + "/" + verb, token, comment == null ? "{}" : "{\"comment\":\"" + comment + "\"}");
    }

    static int liveVersion(String key) {
        return live.client().get("/api/deployments/" + key, ADMIN).json().get("activeVersion").asInt();
    }

    @Test
    void without_reviews_a_deploy_goes_live_as_before_and_settings_default_to_off() {
        JsonNode settings = live.client().get("/api/projects/open/settings", ADMIN).json();
        assertThat(settings.get("reviewsRequired").asBoolean()).isFalse();
        assertThat(settings.get("updatedAt").isNull()).isTrue();
        assertThat(live.client().post("/api/deployments", ADMIN, spec("open-faq", "open", "first", "gold")).status()).isEqualTo(201);

        TestClient.Response deployed = live.client().post("/api/deployments/open-faq/deploy", alice, "{}");

        assertThat(deployed.status()).isEqualTo(201);
        assertThat(deployed.json().get("author").asText()).isEqualTo("alice");
        assertThat(deployed.json().has("approvedBy")).isFalse();
        assertThat(live.client().get("/api/reviews?deployment=open-faq", ADMIN).json().get("data")).isEmpty();
    }

    @Test
    void with_reviews_a_deploy_becomes_a_request_with_the_diff_tests_replay_and_warnings_and_nothing_goes_live() throws Exception {
        liveInReviewedProject("bank-faq", "bank");
        UUID last = null;
        for (String tier : new String[] {"gold", "silver", "bronze"}) {
            last = UUID.fromString(live.client().post("/v2/deployments/invoke", live.demoKey(),
                    "{\"key\":\"bank-faq\",\"context\":{\"tier\":\"" + tier + "\"}}").json().get("id").asText());
        }
        GatewayEndToEndTest.awaitLogRow(live.gateway(), last);
        // silver now goes premium too; a second row with the same condition can never match (a deploy warning)
        String edited = spec("bank-faq", "bank", "first", "silver").replace("\"variant\":\"premium\"}]",
                "\"variant\":\"premium\"},{\"id\":\"dup\",\"when\":[{\"field\":\"tier\",\"op\":\"equals\",\"value\":\"silver\"}],\"variant\":\"standard\"}]");
        int revision = editDraft("bank-faq", edited);

        TestClient.Response r = live.client().post("/api/deployments/bank-faq/deploy", alice, "{\"message\":\"silver is premium\"}");

        assertThat(r.status()).as(r.body()).isEqualTo(202);
        JsonNode review = r.json();
        assertThat(r.header("Location")).isEqualTo("/api/reviews/" + review.get("id").asText());
        assertThat(review.get("status").asText()).isEqualTo("pending");
        assertThat(review.get("kind").asText()).isEqualTo("deploy");
        assertThat(review.at("/author/name").asText()).isEqualTo("alice");
        assertThat(review.at("/author/kind").asText()).isEqualTo("service");
        assertThat(review.get("message").asText()).isEqualTo("silver is premium");
        assertThat(review.get("draftRevision").asInt()).isEqualTo(revision);
        assertThat(review.get("baseVersion").asInt()).isEqualTo(1);
        assertThat(review.get("contentHash").asText()).startsWith("sha256:");
        assertThat(review.at("/spec/routing/rules/0/when/0/value").asText()).isEqualTo("silver");
        assertThat(review.get("changes").findValuesAsText("path")).contains("routing.rules[gold].when[0].value", "routing.rules[dup]");
        assertThat(review.at("/tests/passed").asInt()).isEqualTo(2);
        assertThat(review.at("/tests/failed").asInt()).isZero();
        assertThat(review.at("/replay/requests").asInt()).isEqualTo(3);
        assertThat(review.at("/replay/changed").asInt()).as("gold leaves premium, silver joins it").isEqualTo(2);
        assertThat(review.at("/replay/changes").findValuesAsText("after")).containsExactlyInAnyOrder("premium", "standard");
        assertThat(review.get("warnings").findValuesAsText("message")).anyMatch(m -> m.contains("can never match"));
        assertThat(liveVersion("bank-faq")).as("nothing went live").isEqualTo(1);

        JsonNode listed = live.client().get("/api/reviews?status=pending&deployment=bank-faq", ADMIN).json().get("data");
        assertThat(listed).hasSize(1);
        assertThat(listed.at("/0/id").asText()).isEqualTo(review.get("id").asText());
        assertThat(listed.at("/0/replay/changed").asInt()).isEqualTo(2);
        assertThat(listed.at("/0/replay").has("changes")).as("a list carries the replay's counts only").isFalse();
        assertThat(listed.at("/0").has("spec")).isFalse();
        assertThat(live.client().get("/api/reviews?status=approved&deployment=bank-faq", ADMIN).json().get("data")).isEmpty();
        assertThat(live.client().get("/api/reviews?status=maybe", ADMIN).status()).isEqualTo(400);
    }

    @Test
    void the_author_cannot_approve_and_another_principal_deploys_exactly_the_snapshot_even_after_the_draft_changed() {
        liveInReviewedProject("loans", "lending");
        editDraft("loans", spec("loans", "lending", "reviewed text", "silver"));
        JsonNode review = request("loans", alice, "reviewed change");
        String id = review.get("id").asText();
        // the draft moves on after the request: the approval must not deploy this
        editDraft("loans", spec("loans", "lending", "NOT REVIEWED", "bronze"));

        TestClient.Response self = decide(id, "approve", alice, null);
        assertThat(self.status()).isEqualTo(403);
        assertThat(self.json().get("message").asText()).isEqualTo("you cannot approve your own deploy request");
        assertThat(decide(id, "reject", alice, "no").status()).isEqualTo(403);

        TestClient.Response approved = decide(id, "approve", bob, "looks right");

        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asText()).isEqualTo("approved");
        assertThat(approved.json().at("/decidedBy/name").asText()).isEqualTo("bob");
        assertThat(approved.json().get("comment").asText()).isEqualTo("looks right");
        assertThat(approved.json().get("deployedVersion").asInt()).isEqualTo(2);
        assertThat(approved.json().at("/deployed/number").asInt()).isEqualTo(2);
        JsonNode v2 = live.client().get("/api/deployments/loans/versions/2", ADMIN).json();
        assertThat(v2.get("contentHash").asText()).isEqualTo(review.get("contentHash").asText());
        assertThat(v2.at("/spec/description").asText()).isEqualTo("reviewed text");
        assertThat(v2.at("/spec/routing/rules/0/when/0/value").asText()).isEqualTo("silver");
        assertThat(v2.get("author").asText()).isEqualTo("alice");
        assertThat(v2.get("approvedBy").asText()).isEqualTo("bob");
        assertThat(v2.get("review").asText()).isEqualTo(id);
        assertThat(v2.get("message").asText()).isEqualTo("reviewed change");
        assertThat(liveVersion("loans")).isEqualTo(2);
        TestClient.Response invoked = live.client().post("/v2/deployments/invoke", live.demoKey(),
                "{\"key\":\"loans\",\"context\":{\"tier\":\"silver\"}}");
        assertThat(invoked.header("X-Junction-Variant")).as("the approved version serves traffic").isEqualTo("premium");

        TestClient.Response again = decide(id, "approve", carol, null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("message").asText()).contains("approved (by bob)");
        assertThat(decide(id, "reject", carol, "too late").status()).isEqualTo(409);
        assertThat(live.client().get("/api/deployments/loans/versions", ADMIN).json().get("data")).hasSize(2);
    }

    @Test
    void a_rejection_needs_a_comment_and_a_decided_request_cannot_be_decided_again() {
        liveInReviewedProject("cards", "cards");
        editDraft("cards", spec("cards", "cards", "risky", "silver"));
        String id = request("cards", alice, "risky").get("id").asText();

        TestClient.Response noComment = decide(id, "reject", bob, null);
        assertThat(noComment.status()).isEqualTo(422);
        assertThat(noComment.json().at("/errors/0/path").asText()).isEqualTo("comment");
        assertThat(decide(id, "reject", bob, "  ").status()).isEqualTo(422);

        TestClient.Response rejected = decide(id, "reject", bob, "silver customers are not premium");
        assertThat(rejected.status()).isEqualTo(200);
        assertThat(rejected.json().get("status").asText()).isEqualTo("rejected");
        assertThat(rejected.json().get("comment").asText()).isEqualTo("silver customers are not premium");
        assertThat(rejected.json().at("/decidedBy/name").asText()).isEqualTo("bob");
        assertThat(rejected.json().get("decidedAt").asText()).isNotBlank();

        assertThat(decide(id, "approve", carol, null).status()).isEqualTo(409);
        assertThat(decide(id, "reject", carol, "again").status()).isEqualTo(409);
        assertThat(decide(id, "withdraw", alice, null).status()).isEqualTo(409);
        assertThat(liveVersion("cards")).isEqualTo(1);
        assertThat(live.client().get("/api/reviews/" + UUID.randomUUID(), ADMIN).status()).isEqualTo(404);
        assertThat(live.client().get("/api/reviews/not-a-uuid", ADMIN).status()).isEqualTo(404);
    }

    @Test
    void of_two_concurrent_approvals_exactly_one_deploys() throws Exception {
        liveInReviewedProject("race", "racing");
        editDraft("race", spec("race", "racing", "raced", "silver"));
        String id = request("race", alice, "race").get("id").asText();

        CyclicBarrier start = new CyclicBarrier(2);
        List<Callable<Integer>> approvals = new ArrayList<>();
        for (String token : new String[] {bob, carol}) {
            approvals.add(() -> {
                start.await();
                return decide(id, "approve", token, null).status();
            });
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
            for (Future<Integer> f : pool.invokeAll(approvals)) statuses.add(f.get());
        }

        assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        assertThat(live.client().get("/api/deployments/race/versions", ADMIN).json().get("data")).hasSize(2);
        assertThat(liveVersion("race")).isEqualTo(2);
    }

    @Test
    void a_new_request_supersedes_the_pending_one_and_the_author_may_withdraw_their_own() {
        liveInReviewedProject("savings", "savings");
        editDraft("savings", spec("savings", "savings", "one", "silver"));
        String first = request("savings", alice, "one").get("id").asText();
        editDraft("savings", spec("savings", "savings", "two", "silver"));
        String second = request("savings", carol, "two").get("id").asText();

        JsonNode old = live.client().get("/api/reviews/" + first, ADMIN).json();
        assertThat(old.get("status").asText()).isEqualTo("superseded");
        assertThat(old.get("comment").asText()).contains(second);
        assertThat(decide(first, "approve", bob, null).status()).isEqualTo(409);
        JsonNode pending = live.client().get("/api/reviews?status=pending&deployment=savings", ADMIN).json().get("data");
        assertThat(pending).hasSize(1);
        assertThat(pending.at("/0/id").asText()).isEqualTo(second);

        TestClient.Response notTheirs = decide(second, "withdraw", alice, null);
        assertThat(notTheirs.status()).isEqualTo(403);
        TestClient.Response withdrawn = decide(second, "withdraw", carol, "changed my mind");
        assertThat(withdrawn.status()).isEqualTo(200);
        assertThat(withdrawn.json().get("status").asText()).isEqualTo("withdrawn");
        assertThat(liveVersion("savings")).isEqualTo(1);
    }

    @Test
    void an_approval_after_the_live_version_changed_is_refused_and_the_request_superseded() {
        liveInReviewedProject("fx", "treasury");
        editDraft("fx", spec("fx", "treasury", "change", "silver"));
        String id = request("fx", alice, "change").get("id").asText();
        // reviews off for a moment, and a direct deploy changes what is live meanwhile
        requireReviews("treasury", false);
        editDraft("fx", spec("fx", "treasury", "direct", "bronze"));
        assertThat(live.client().post("/api/deployments/fx/deploy", ADMIN, "{}").status()).isEqualTo(201);
        requireReviews("treasury", true);

        TestClient.Response stale = decide(id, "approve", bob, null);

        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("message").asText()).contains("from v1 to v2");
        assertThat(live.client().get("/api/reviews/" + id, ADMIN).json().get("status").asText()).isEqualTo("superseded");
        assertThat(liveVersion("fx")).isEqualTo(2);
    }

    @Test
    void a_rollback_is_reviewed_unless_an_admin_calls_it_an_emergency_and_an_import_with_deploy_is_reviewed() {
        liveInReviewedProject("ins", "insurance");
        requireReviews("insurance", false);
        editDraft("ins", spec("ins", "insurance", "second", "silver"));
        assertThat(live.client().post("/api/deployments/ins/deploy", ADMIN, "{}").status()).isEqualTo(201);
        requireReviews("insurance", true);

        TestClient.Response rollback = live.client().post("/api/deployments/ins/rollback", alice, "{\"version\":1}");
        assertThat(rollback.status()).as(rollback.body()).isEqualTo(202);
        assertThat(rollback.json().get("kind").asText()).isEqualTo("rollback");
        assertThat(rollback.json().get("rollbackOf").asInt()).isEqualTo(1);
        assertThat(rollback.json().get("message").asText()).isEqualTo("rollback to v1");
        assertThat(liveVersion("ins")).isEqualTo(2);
        TestClient.Response approved = decide(rollback.json().get("id").asText(), "approve", bob, null);
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        JsonNode v3 = live.client().get("/api/deployments/ins/versions/3", ADMIN).json();
        assertThat(v3.get("rollbackOf").asInt()).isEqualTo(1);
        assertThat(v3.get("approvedBy").asText()).isEqualTo("bob");

        TestClient.Response emergency = live.client().post("/api/deployments/ins/rollback", alice, "{\"version\":2,\"emergency\":true}");
        assertThat(emergency.status()).as(emergency.body()).isEqualTo(201);
        assertThat(emergency.json().get("message").asText()).startsWith("emergency rollback to v2, not reviewed");

        String exported = live.client().get("/api/deployments/ins/export?version=1", ADMIN).body();
        TestClient.Response imported = live.client().post("/api/deployments/import?deploy=true", alice, exported);
        assertThat(imported.status()).as(imported.body()).isEqualTo(202);
        assertThat(imported.json().at("/review/kind").asText()).isEqualTo("import");
        assertThat(imported.json().at("/review/status").asText()).isEqualTo("pending");
        assertThat(imported.header("Location")).isEqualTo("/api/reviews/" + imported.json().at("/review/id").asText());
        assertThat(liveVersion("ins")).isEqualTo(4);
    }

    @Test
    void a_rollback_answers_to_every_place_it_touches_the_old_versions_the_live_ones_and_the_drafts() {
        assertThat(live.client().post("/api/deployments", ADMIN, spec("mover", "vault", "first", "gold")).status()).isEqualTo(201);
        assertThat(live.client().post("/api/deployments/mover/deploy", ADMIN, "{}").status()).isEqualTo(201);
        editDraft("mover", spec("mover", "open", "second", "silver")); // moved to another project, and deployed there
        assertThat(live.client().post("/api/deployments/mover/deploy", ADMIN, "{}").status()).isEqualTo(201);
        TestClient.Response made = live.client().post("/api/admin-tokens", ADMIN, "{\"name\":\"dora\",\"role\":\"deployer\",\"scope\":\"open\"}");
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        String dora = made.json().get("token").asText();

        // v1 lived in vault, where dora may not deploy: bringing it back deploys vault's spec, so she is refused
        TestClient.Response refused = live.client().post("/api/deployments/mover/rollback", dora, "{\"version\":1}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("vault");
        assertThat(liveVersion("mover")).isEqualTo(2);

        // vault requires reviews: a rollback to its version is reviewed although the live version and the draft are in open
        requireReviews("vault", true);
        try {
            TestClient.Response rollback = live.client().post("/api/deployments/mover/rollback", alice, "{\"version\":1}");
            assertThat(rollback.status()).as(rollback.body()).isEqualTo(202);
            assertThat(rollback.json().get("project").asText()).isEqualTo("vault");
            TestClient.Response emergency = live.client().post("/api/deployments/mover/rollback", dora,
                    "{\"version\":1,\"emergency\":true}");
            assertThat(emergency.status()).as(emergency.body()).isEqualTo(403);
            assertThat(liveVersion("mover")).isEqualTo(2);
        } finally {
            requireReviews("vault", false);
        }
    }

    @Test
    void project_settings_are_validated() {
        assertThat(live.client().put("/api/projects/p1/settings", ADMIN, "{}").status()).isEqualTo(422);
        assertThat(live.client().put("/api/projects/p1/settings", ADMIN, "{\"reviewsRequired\":\"yes\"}").status()).isEqualTo(400);
        TestClient.Response saved = live.client().put("/api/projects/p1/settings", alice, "{\"reviewsRequired\":true}");
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().get("updatedBy").asText()).isEqualTo("alice");
        assertThat(live.client().get("/api/projects/p1/settings", ADMIN).json().get("reviewsRequired").asBoolean()).isTrue();
    }
}
