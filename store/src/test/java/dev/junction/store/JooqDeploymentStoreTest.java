package dev.junction.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.SpecJson;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.util.List;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

class JooqDeploymentStoreTest {
    private final TestDatabase db = TestDatabase.fresh();
    private final Clock clock = Clock.systemUTC();
    private final JooqDeploymentStore store = new JooqDeploymentStore(db.dsl(), clock, new Ids(clock));

    static DeploymentSpec spec(String key) {
        Variant en = new Variant("english", List.of(PromptMessage.system("Answer in English."), PromptMessage.user("{{question}}")),
                ModelConfig.of("simulator", "echo").withRetries(2), ModelConfig.of("simulator", "slow"), "internal note");
        Variant es = new Variant("spanish", List.of(PromptMessage.user("{{question}}")), ModelConfig.of("simulator", "echo"), null, null);
        RoutingTable routing = new RoutingTable(List.of(RoutingRule.of("es", "spanish", Condition.equalsTo("language", "es"))), "english");
        return new DeploymentSpec(key, "a test deployment", List.of(en, es), routing);
    }

    @Test
    void a_created_deployment_comes_back_as_its_active_version_with_the_same_spec() {
        DeploymentSpec spec = spec("support");
        DeploymentVersion created = store.create(spec, SpecJson.contentHash(spec), "tester", "first");

        DeploymentVersion loaded = store.activeVersion("support").orElseThrow();

        assertThat(loaded.id()).isEqualTo(created.id());
        assertThat(loaded.number()).isEqualTo(1);
        assertThat(loaded.spec()).isEqualTo(spec);
        assertThat(loaded.contentHash()).isEqualTo(SpecJson.contentHash(spec)).startsWith("sha256:");
        assertThat(loaded.author()).isEqualTo("tester");
        assertThat(store.activeVersions()).extracting(DeploymentVersion::key).containsExactly("support");
        assertThat(store.exists("support")).isTrue();
        assertThat(store.exists("other")).isFalse();
    }

    @Test
    void a_second_deployment_with_the_same_key_is_refused_and_leaves_nothing_behind() {
        DeploymentSpec spec = spec("dup");
        store.create(spec, SpecJson.contentHash(spec), "a", "");

        assertThatThrownBy(() -> store.create(spec, SpecJson.contentHash(spec), "b", ""))
                .isInstanceOf(DataAccessException.class);
        assertThat(db.dsl().fetchCount(dev.junction.store.generated.Tables.DEPLOYMENT_VERSIONS)).isEqualTo(1);
    }

    @Test
    void an_unknown_key_has_no_active_version() {
        assertThat(store.activeVersion("nope")).isEmpty();
    }
}
