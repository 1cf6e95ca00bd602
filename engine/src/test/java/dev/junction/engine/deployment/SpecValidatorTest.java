package dev.junction.engine.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.provider.Providers;
import dev.junction.engine.provider.simulator.SimulatorProvider;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecValidatorTest {
    private final SpecValidator validator = new SpecValidator(new Providers(List.of(new SimulatorProvider())));

    @Test
    void a_valid_spec_has_no_errors() {
        assertThat(validator.validate(SpecJsonTest.spec())).isEmpty();
    }

    @Test
    void names_every_problem_by_its_path() {
        Variant a = new Variant("a", List.of(), ModelConfig.of("nope", "echo"), ModelConfig.of("simulator", "gpt-9").withRetries(11), null);
        Variant dup = new Variant("a", List.of(), ModelConfig.of("simulator", ""), null, null);
        DeploymentSpec spec = new DeploymentSpec("bad key!", "", List.of(a, dup),
                new RoutingTable(List.of(RoutingRule.of("r", "missing", Condition.equalsTo("lang", "es"))), "zzz"));

        assertThat(validator.validate(spec)).extracting(FieldError::path).containsExactlyInAnyOrder(
                "key",
                "variants[0].primary.provider",
                "variants[0].fallback.model",
                "variants[0].fallback.retries",
                "variants[1].key",
                "variants[1].primary.model",
                "routing.defaultVariant",
                "routing.rules[0].variant");
    }
}
