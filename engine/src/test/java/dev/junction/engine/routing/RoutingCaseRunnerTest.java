package dev.junction.engine.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingCaseRunnerTest {
    /** Spanish speakers by rule "es"; everyone else by default. */
    private final Router router = context -> "es".equals(context.get("language"))
            ? new RoutingDecision.Matched("spanish", "es")
            : new RoutingDecision.DefaultMatched("english");

    @Test
    void a_test_passes_when_variant_and_rule_are_as_expected() {
        List<RoutingCaseRunner.Result> results = RoutingCaseRunner.run(router, List.of(
                new RoutingCase("spanish", Map.of("language", "es"), "spanish", "es"),
                new RoutingCase("others", Map.of("language", "fr"), "english", "default"),
                new RoutingCase(null, Map.of(), "english", null)));

        assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(r.failure()).isTrue());
    }

    @Test
    void a_failure_says_what_was_expected_and_what_happened() {
        List<RoutingCaseRunner.Result> results = RoutingCaseRunner.run(router, List.of(
                new RoutingCase("wrong variant", Map.of("language", "es"), "english", null),
                new RoutingCase("wrong rule", Map.of("language", "fr"), "english", "fr")));

        assertThat(results.get(0).failure()).isEqualTo("expected variant 'english', got 'spanish' (rule 'es')");
        assertThat(results.get(1).failure()).isEqualTo("expected rule 'fr', got the default");
        assertThat(results).noneMatch(RoutingCaseRunner.Result::passed);
    }
}
