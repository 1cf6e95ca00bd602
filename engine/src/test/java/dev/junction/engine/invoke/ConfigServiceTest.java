package dev.junction.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.provider.simulator.SimulatorProvider;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ConfigServiceTest {
    private final Clock clock = Clock.systemUTC();
    private final ActiveDeployments active = new ActiveDeployments();
    private final ConfigService service = new ConfigService(active, new Ids(clock));

    ConfigServiceTest() {
        Variant main = new Variant("main",
                List.of(PromptMessage.system("Answer as {{persona}} in {{ tone }} tone."), PromptMessage.user("{{question}}")),
                Map.of("tone", "a calm"), ModelConfig.of("simulator", "echo"), ModelConfig.of("simulator", "slow"), null);
        Variant gold = new Variant("gold", List.of(PromptMessage.user("gold: {{question}}")),
                ModelConfig.of("simulator", "slow"), null, null);
        DeploymentSpec spec = new DeploymentSpec("d", "", List.of(main, gold),
                new RoutingTable(List.of(RoutingRule.of("gold-tier", "gold", Condition.equalsTo("tier", "gold"))), "main"));
        DeploymentVersion version = new DeploymentVersion(UUID.randomUUID(), UUID.randomUUID(), 4, "h", spec, "t", "", Instant.now());
        active.put(ActiveDeployment.build(version, InvokeServiceTest.FIRST_MATCH,
                new Providers(List.of(new SimulatorProvider())), RetrySettings.DEFAULTS));
    }

    @Test
    void the_config_names_the_routed_variant_its_primary_model_and_the_live_version() {
        ResolvedConfig config = service.resolve(InvokeRequest.of("d", Map.of("tier", "gold"), Map.of("question", "hi")));

        assertThat(config.variant().key()).isEqualTo("gold");
        assertThat(config.decision().evaluation()).isEqualTo("Matched");
        assertThat(config.model().model()).isEqualTo("slow");
        assertThat(config.version().label()).isEqualTo("v4");
        assertThat(config.messages()).containsExactly(PromptMessage.user("gold: hi"));
    }

    @Test
    void inputs_and_defaults_are_filled_and_a_variable_without_a_value_keeps_its_placeholder() {
        ResolvedConfig config = service.resolve(InvokeRequest.of("d", Map.of(), Map.of("question", "Where is it?")));

        assertThat(config.variant().key()).isEqualTo("main");
        assertThat(config.messages()).containsExactly(
                PromptMessage.system("Answer as {{persona}} in a calm tone."),
                PromptMessage.user("Where is it?"));
    }

    @Test
    void an_unknown_deployment_is_not_found() {
        assertThatThrownBy(() -> service.resolve(InvokeRequest.of("nope", Map.of(), Map.of())))
                .isInstanceOf(DeploymentNotFoundException.class);
    }
}
