package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.engine.deployment.ContextField;
import dev.junction.engine.deployment.Deployment;
import dev.junction.engine.deployment.DeploymentQuery;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.Draft;
import dev.junction.engine.routing.FieldType;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.SpecJson;
import dev.junction.engine.deployment.StaleRevisionException;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class JooqDeploymentStoreTest {
    private final TestDatabase db = TestDatabase.fresh();
    private final Clock clock = Clock.systemUTC();
    private final JooqDeploymentStore store = new JooqDeploymentStore(db.dsl(), clock, new Ids(clock));

    static DeploymentSpec spec(String key, String project, String folder, String description) {
        Variant en = new Variant("english", List.of(PromptMessage.system("Answer in English."), PromptMessage.user("{{question}}")),
                ModelConfig.of("simulator", "echo").withRetries(2), ModelConfig.of("simulator", "slow"), "internal note");
        Variant es = new Variant("spanish", List.of(PromptMessage.user("{{question}}")), ModelConfig.of("simulator", "echo"), null, null);
        RoutingTable routing = new RoutingTable(List.of(RoutingRule.of("es", "spanish", Condition.equalsTo("language", "es"))), "english");
        return new DeploymentSpec(key, description, project, folder, List.of(ContextField.of("language", FieldType.STRING)),
                List.of(en, es), routing);
    }

    static DeploymentSpec spec(String key) {
        return spec(key, "default", "", "a test deployment");
    }

    private DeploymentVersion deploy(String key, DeploymentSpec spec, Integer source) {
        return store.deploy(key, spec, SpecJson.contentHash(spec), "tester", "msg", source);
    }

    @Test
    void a_new_deployment_has_a_first_draft_and_nothing_live() {
        Deployment created = store.create(spec("support"), "ana");

        assertThat(created.key()).isEqualTo("support");
        assertThat(created.activeVersion()).isNull();
        assertThat(created.draftRevision()).isEqualTo(1);
        Draft draft = store.draft("support").orElseThrow();
        assertThat(draft.spec()).isEqualTo(spec("support"));
        assertThat(draft.updatedBy()).isEqualTo("ana");
        assertThat(store.activeVersion("support")).isEmpty();
    }

    @Test
    void saving_a_draft_needs_its_current_revision_and_a_stale_one_changes_nothing() {
        store.create(spec("support"), "ana");
        DeploymentSpec edited = spec("support", "default", "", "edited by ana");

        Draft saved = store.saveDraft("support", edited, 1, "ana");
        assertThat(saved.revision()).isEqualTo(2);

        assertThatThrownBy(() -> store.saveDraft("support", spec("support", "default", "", "by bob"), 1, "bob"))
                .isInstanceOfSatisfying(StaleRevisionException.class, e -> assertThat(e.currentRevision()).isEqualTo(2));
        assertThat(store.draft("support").orElseThrow().spec().description()).isEqualTo("edited by ana");
    }

    @Test
    void deploying_numbers_versions_makes_the_newest_active_and_keeps_every_version() {
        store.create(spec("support"), "ana");
        DeploymentVersion v1 = deploy("support", spec("support"), null);
        DeploymentSpec changed = spec("support", "default", "", "second");
        DeploymentVersion v2 = deploy("support", changed, null);
        DeploymentVersion v3 = deploy("support", spec("support"), 1);

        assertThat(List.of(v1.number(), v2.number(), v3.number())).containsExactly(1, 2, 3);
        assertThat(v3.sourceVersion()).isEqualTo(1);
        assertThat(v2.sourceVersion()).isNull();
        assertThat(store.activeVersion("support").orElseThrow().id()).isEqualTo(v3.id());
        assertThat(store.versions("support")).extracting(DeploymentVersion::number).containsExactly(3, 2, 1);
        assertThat(store.version("support", 2).orElseThrow().spec()).isEqualTo(changed);
        assertThat(store.version("support", 3).orElseThrow().sourceVersion()).isEqualTo(1);
        assertThat(store.find("support").orElseThrow().activeVersion()).isEqualTo(3);
    }

    @Test
    void creating_a_key_that_exists_is_a_conflict_even_when_the_callers_check_raced() {
        store.create(spec("twice"), "ana");
        // the service checks exists() first; two requests at once both pass that check, and the unique key decides
        assertThatThrownBy(() -> store.create(spec("twice"), "bo"))
                .isInstanceOf(dev.junction.engine.deployment.ConflictException.class)
                .hasMessageContaining("'twice' already exists");
    }

    @Test
    void concurrent_deploys_of_one_deployment_get_distinct_consecutive_numbers() throws Exception {
        store.create(spec("busy"), "ana");
        List<Future<DeploymentVersion>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (int i = 0; i < 12; i++) {
                DeploymentSpec s = spec("busy", "default", "", "deploy " + i);
                results.add(pool.submit(() -> deploy("busy", s, null)));
            }
        }
        List<Integer> numbers = new ArrayList<>();
        for (Future<DeploymentVersion> r : results) numbers.add(r.get().number());
        assertThat(numbers).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    }

    @Test
    void listing_filters_by_project_folder_subtree_and_search_text() {
        store.create(spec("a", "shop", "support/emea", "EMEA helpdesk"), "x");
        store.create(spec("b", "shop", "support", "global helpdesk"), "x");
        store.create(spec("c", "shop", "supportive", "not a subfolder"), "x");
        store.create(spec("d", "labs", "", "experiments"), "x");

        assertThat(store.list(DeploymentQuery.ALL)).extracting(Deployment::key).containsExactly("d", "b", "a", "c");
        assertThat(store.list(new DeploymentQuery("shop", "support", null))).extracting(Deployment::key).containsExactly("b", "a");
        assertThat(store.list(new DeploymentQuery(null, null, "HELPDESK"))).extracting(Deployment::key).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void a_deploy_tells_listening_instances_when_it_commits() throws Exception {
        LinkedBlockingQueue<Notifications.Event> events = new LinkedBlockingQueue<>();
        try (Notifications ignored = Notifications.listen(db.jdbcUrl(), events::add)) {
            store.create(spec("told"), "ana");
            deploy("told", spec("told"), null);

            Notifications.Event event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).isEqualTo(new Notifications.Event("deployment", "told"));
        }
    }

    @Test
    void a_change_the_instance_failed_to_apply_is_followed_by_a_resync() throws Exception {
        LinkedBlockingQueue<Notifications.Event> events = new LinkedBlockingQueue<>();
        java.util.concurrent.atomic.AtomicBoolean failOnce = new java.util.concurrent.atomic.AtomicBoolean(true);
        Duration retry = Duration.ofMillis(300);
        try (Notifications ignored = Notifications.listen(db.jdbcUrl(), e -> {
            events.add(e);
            if (failOnce.getAndSet(false)) throw new IllegalStateException("the database was busy for a moment");
        }, retry)) {
            store.create(spec("missed"), "ana");
            deploy("missed", spec("missed"), null);

            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo(new Notifications.Event("deployment", "missed"));
            assertThat(events.poll(10, TimeUnit.SECONDS)).isEqualTo(new Notifications.Event("resync", null));
            // a second one would come within a retry (plus the listener's 500 ms poll); six retries' wait
            assertThat(events.poll(6 * retry.toMillis() + 500, TimeUnit.MILLISECONDS)).as("one resync once it succeeded").isNull();
        }
    }
}
