package dev.junction.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.Operator;
import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RoutingCase;
import dev.junction.engine.routing.RoutingCaseRunner;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingSchema;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.routing.SpendFields;
import dev.junction.engine.spend.Scope;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Spend fields compiled to Drools as a deploy compiles them: numbers without a schema, read from the BigDecimal
 * dollars the invoke path puts in the context, pinned by routing cases as plain values; an absent budget matches
 * only {@code absent}.
 */
class SpendFieldsDroolsTest {
    private static final String MONTH = SpendFields.monthUsd(Scope.IDENTITY);
    private static final String LEFT = SpendFields.remainingPct(Scope.DEPLOYMENT);
    private final RoutingTable table = new RoutingTable(List.of(
            RoutingRule.of("big-spender", "economy", Condition.of(MONTH, Operator.GT, 50)),
            RoutingRule.of("budget-low", "economy", Condition.of(LEFT, Operator.LT, 20)),
            RoutingRule.of("unbudgeted", "metered", Condition.of(LEFT, Operator.ABSENT),
                    Condition.of(SpendFields.dayUsd(Scope.API_KEY), Operator.GTE, 5))), "standard");
    private final Router router = new DroolsRouterCompiler().compile("spend@test", table, RoutingSchema.STRINGS);

    @Test
    void routing_cases_pin_spend_values() {
        List<RoutingCaseRunner.Result> results = RoutingCaseRunner.run(router, List.of(
                new RoutingCase("spent 60 this month", Map.of(MONTH, 60, LEFT, 90), "economy", "big-spender"),
                new RoutingCase("spent exactly 50", Map.of(MONTH, "50", LEFT, 90), "standard", RoutingCase.DEFAULT_RULE),
                new RoutingCase("budget at 19.5%", Map.of(MONTH, 1, LEFT, 19.5), "economy", "budget-low"),
                new RoutingCase("no budget, key spent 5 today", Map.of(SpendFields.dayUsd(Scope.API_KEY), 5), "metered", "unbudgeted"),
                new RoutingCase("wrong on purpose", Map.of(MONTH, 10, LEFT, 90), "economy", null)));

        assertThat(results).extracting(RoutingCaseRunner.Result::passed).containsExactly(true, true, true, true, false);
    }

    @Test
    void the_compiled_table_reads_the_dollars_the_invoke_path_puts_in_the_context() {
        assertThat(router.route(Map.of(MONTH, new BigDecimal("50.000000001"), LEFT, 100.0)))
                .isEqualTo(new RoutingDecision.Matched("economy", "big-spender"));
        assertThat(router.route(Map.of(MONTH, BigDecimal.ZERO, LEFT, 0.0))).isEqualTo(new RoutingDecision.Matched("economy", "budget-low"));
        assertThat(router.route(Map.of(MONTH, BigDecimal.ZERO))).as("no budget: 'lt 20' does not hold")
                .isEqualTo(new RoutingDecision.DefaultMatched("standard"));
    }
}
