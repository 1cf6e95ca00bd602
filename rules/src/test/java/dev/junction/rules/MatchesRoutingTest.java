package dev.junction.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.Operator;
import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingSchema;
import dev.junction.engine.routing.RoutingTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@code matches} rows in the compiled router: with the swapped-in tests, and the DRL alone. */
class MatchesRoutingTest {
    private static DroolsRouterCompiler compiler(boolean slotTests) {
        return new DroolsRouterCompiler(slotTests);
    }

    private static RoutingTable table(RoutingRule... rules) {
        return new RoutingTable(List.of(rules), "default");
    }

    @ParameterizedTest(name = "slot tests {0}")
    @ValueSource(booleans = {true, false})
    void a_catastrophic_pattern_routes_thirty_hostile_values_in_linear_time(boolean slotTests) {
        Router router = compiler(slotTests).compile("evil", table(
                RoutingRule.of("evil", "evil", Condition.of("q", Operator.MATCHES, "(.*a){12}")),
                RoutingRule.of("other", "other", Condition.equalsTo("tier", "gold"))), RoutingSchema.STRINGS);

        // java.util.regex took 13.5 s on the first of these (a*33 + c)
        List<RoutingDecision> decisions = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            List<RoutingDecision> out = new ArrayList<>();
            for (int n = 33; n < 63; n++) out.add(router.route(Map.of("q", "a".repeat(n) + "c", "tier", "gold")));
            return out;
        });

        assertThat(decisions).hasSize(30).containsOnly(new RoutingDecision.Matched("other", "other"));
        assertThat(router.route(Map.of("q", "xa".repeat(12)))).isEqualTo(new RoutingDecision.Matched("evil", "evil"));
    }

    @ParameterizedTest(name = "slot tests {0}")
    @ValueSource(booleans = {true, false})
    void a_stored_pattern_the_linear_engine_refuses_still_compiles_and_its_row_never_matches(boolean slotTests) {
        // valid Java (a version saved before RE2): it must not stop the version from loading
        Router router = compiler(slotTests).compile("old", table(
                RoutingRule.of("lookahead", "lookahead", Condition.of("q", Operator.MATCHES, "(?=a)a")),
                RoutingRule.of("a", "a", Condition.of("q", Operator.MATCHES, "a"))), RoutingSchema.STRINGS);

        assertThat(router.route(Map.of("q", "a"))).isEqualTo(new RoutingDecision.Matched("a", "a"));
    }

    @Test
    void the_drl_hands_no_user_pattern_to_the_drools_matches_operator() {
        String drl = DroolsRouterCompiler.drlOf(table(
                RoutingRule.of("p", "p", Condition.of("q", Operator.MATCHES, "g[a-z]+d"), Condition.of("r", Operator.MATCHES, "x\"y"))));

        assertThat(drl).doesNotContain(" matches ");
        assertThat(drl).contains("regex(s0, \"g[a-z]+d\")").contains("regex(s1, \"x\\\"y\")");
    }
}
