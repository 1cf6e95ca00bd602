package dev.junction.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.provider.simulator.SimulatorProvider;
import dev.junction.engine.routing.RouterCompiler;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.engine.routing.RoutingTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ActiveDeploymentsTest {
    private final List<String> released = new ArrayList<>();
    /** A router that records when its version is retired. */
    private final RouterCompiler compiler = (name, table, schema) -> new dev.junction.engine.routing.Router() {
        @Override
        public RoutingDecision route(java.util.Map<String, Object> context) {
            return new RoutingDecision.DefaultMatched(table.defaultVariant());
        }

        @Override
        public void release() {
            released.add(name);
        }
    };

    private ActiveDeployment version(int number) {
        DeploymentSpec spec = new DeploymentSpec("d", "", List.of(new Variant("a", List.of(), ModelConfig.of("simulator", "echo"), null, null)),
                RoutingTable.defaultOnly("a"));
        DeploymentVersion v = new DeploymentVersion(UUID.randomUUID(), UUID.randomUUID(), number, "h" + number, spec, "t", "", Instant.now());
        return ActiveDeployment.build(v, compiler, new Providers(List.of(new SimulatorProvider())),
                new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(2), 0));
    }

    @Test
    void a_replaced_version_is_released_and_a_late_older_one_is_released_instead_of_going_live() {
        ActiveDeployments active = new ActiveDeployments();
        active.put(version(1));
        assertThat(released).isEmpty();

        active.put(version(2));
        assertThat(released).containsExactly("d@v1");

        active.put(version(1)); // a slow refresh arriving after a newer deploy
        assertThat(active.get("d").orElseThrow().version().number()).isEqualTo(2);
        assertThat(released).containsExactly("d@v1", "d@v1");
    }
}
