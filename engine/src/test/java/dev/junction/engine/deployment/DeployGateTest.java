package dev.junction.engine.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.engine.catalog.InMemoryModelCatalog;
import dev.junction.engine.catalog.SimulatorModels;
import dev.junction.engine.invoke.InvokeLimits;
import dev.junction.engine.invoke.InvokeRuntime;
import dev.junction.engine.invoke.RetrySettings;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.provider.simulator.SimulatorProvider;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RouterCompiler;
import dev.junction.engine.routing.RoutingCase;
import dev.junction.engine.routing.RoutingCompileException;
import dev.junction.engine.routing.RoutingExplainer;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployGateTest {
    /** Compiles to the plain-Java reference and records what it built, and which of those were released. */
    private final List<String> compiled = new ArrayList<>();
    private final List<String> released = new ArrayList<>();
    private final RouterCompiler compiler = (name, table, schema) -> {
        compiled.add(name);
        return new Router() {
            @Override
            public dev.junction.engine.routing.RoutingDecision route(Map<String, Object> context) {
                return RoutingExplainer.decide(table, schema, context);
            }

            @Override
            public void release() {
                released.add(name);
            }
        };
    };
    private final InvokeRuntime runtime = InvokeRuntime.of(new Providers(List.of(new SimulatorProvider())),
            RetrySettings.DEFAULTS, InvokeLimits.DEFAULTS, new InMemoryModelCatalog(SimulatorModels.all()));
    private final DeployGate gate = new DeployGate(compiler, runtime);

    /** Spanish speakers to "es" by rule "spanish", everyone else to "en". */
    private static DeploymentSpec spec(List<RoutingCase> cases) {
        List<Variant> variants = List.of(
                new Variant("en", List.of(), ModelConfig.of("simulator", "echo"), null, null),
                new Variant("es", List.of(), ModelConfig.of("simulator", "echo"), null, null));
        RoutingTable routing = new RoutingTable(List.of(RoutingRule.of("spanish", "es", Condition.equalsTo("language", "es"))), "en");
        return new DeploymentSpec("support", "", null, null, null, variants, routing, cases);
    }

    @Test
    void a_valid_spec_whose_cases_pass_goes_through_and_what_was_built_for_it_is_released() {
        gate.check(spec(List.of(
                new RoutingCase("spanish", Map.of("language", "es"), "es", "spanish"),
                new RoutingCase("others", Map.of("language", "fr"), "en", RoutingCase.DEFAULT_RULE))));

        assertThat(compiled).hasSize(1);
        assertThat(released).isEqualTo(compiled);
    }

    @Test
    void a_failing_case_refuses_the_spec_with_one_error_per_failed_case() {
        DeploymentSpec spec = spec(List.of(
                new RoutingCase("spanish", Map.of("language", "es"), "es", "spanish"),
                new RoutingCase("wrong variant", Map.of("language", "es"), "en", null),
                new RoutingCase(null, Map.of(), "en", "spanish")));

        assertThatThrownBy(() -> gate.check(spec))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("tests[1]", "wrong variant: expected variant 'en', got 'es' (rule 'spanish')"),
                        new FieldError("tests[2]", "expected rule 'spanish', got the default")));
        assertThat(released).as("the router built for the cases is released when they fail too").isEqualTo(compiled);
    }

    @Test
    void an_invalid_spec_is_refused_before_anything_is_compiled() {
        DeploymentSpec spec = spec(List.of(new RoutingCase("nowhere", Map.of(), "fr", null)));

        assertThatThrownBy(() -> gate.check(spec))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.errors()).containsExactly(
                        new FieldError("tests[0].expectVariant", "must name one of the variants")));
        assertThat(compiled).isEmpty();
    }

    @Test
    void validate_alone_compiles_nothing_and_a_table_that_does_not_compile_is_refused() {
        DeploymentSpec spec = spec(List.of());
        gate.validate(spec);
        assertThat(compiled).isEmpty();

        DeployGate failing = new DeployGate((name, table, schema) -> {
            throw new RoutingCompileException("no KieBase for " + name);
        }, runtime);
        assertThatThrownBy(() -> failing.buildAndRunCases(spec, SpecJson.contentHash(spec)))
                .isInstanceOf(RoutingCompileException.class).hasMessageStartingWith("no KieBase for support@");
    }
}
