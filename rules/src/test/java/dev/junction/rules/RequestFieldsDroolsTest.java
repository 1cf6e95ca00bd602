package dev.junction.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.Operator;
import dev.junction.engine.routing.RequestFields;
import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RoutingCase;
import dev.junction.engine.routing.RoutingCaseRunner;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingSchema;
import dev.junction.engine.routing.RoutingTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Request fields compiled to Drools: typed without a schema, given to routing cases as plain context values. */
class RequestFieldsDroolsTest {
    private final RoutingTable table = new RoutingTable(List.of(
            RoutingRule.of("vision", "vision", Condition.of(RequestFields.HAS_IMAGES, Operator.IS, true)),
            RoutingRule.of("long", "long-context", Condition.of(RequestFields.PROMPT_TOKENS, Operator.GTE, 8000)),
            RoutingRule.of("chatty", "cheap", Condition.of(RequestFields.TURNS, Operator.GT, 10),
                    Condition.of("tier", Operator.NOT_EQUALS, "gold"))), "default");
    private final Router router = new DroolsRouterCompiler().compile("request-fields@test", table, RoutingSchema.STRINGS);

    @Test
    void routing_cases_on_prompt_tokens_pass_and_fail_as_the_numbers_say() {
        List<RoutingCaseRunner.Result> results = RoutingCaseRunner.run(router, List.of(
                new RoutingCase("a long prompt", Map.of(RequestFields.PROMPT_TOKENS, 12000), "long-context", "long"),
                new RoutingCase("just at the limit", Map.of(RequestFields.PROMPT_TOKENS, 8000.0), "long-context", "long"),
                new RoutingCase("a short prompt", Map.of(RequestFields.PROMPT_TOKENS, 7999), "default", RoutingCase.DEFAULT_RULE),
                new RoutingCase("wrong on purpose", Map.of(RequestFields.PROMPT_TOKENS, 100), "long-context", null)));

        assertThat(results).extracting(RoutingCaseRunner.Result::passed).containsExactly(true, true, true, false);
        assertThat(results.getLast().failure()).isEqualTo("expected variant 'long-context', got 'default' (the default)");
    }

    @Test
    void the_compiled_table_reads_booleans_and_numbers_without_a_schema() {
        assertThat(router.route(Map.of(RequestFields.HAS_IMAGES, true, RequestFields.PROMPT_TOKENS, 9000)))
                .isEqualTo(new RoutingDecision.Matched("vision", "vision"));
        assertThat(router.route(Map.of(RequestFields.HAS_IMAGES, false, RequestFields.TURNS, 11, "tier", "silver")))
                .isEqualTo(new RoutingDecision.Matched("cheap", "chatty"));
        assertThat(router.route(Map.of(RequestFields.TURNS, 11, "tier", "gold"))).isEqualTo(new RoutingDecision.DefaultMatched("default"));
        assertThat(DroolsRouterCompiler.drlOf(table)).doesNotContain("request.");
    }
}
