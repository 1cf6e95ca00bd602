package dev.junction.engine.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingExplainerTest {
    private final RoutingTable table = new RoutingTable(List.of(
            RoutingRule.of("gold-es", "a", Condition.equalsTo("tier", "gold"), Condition.equalsTo("language", "es")),
            new RoutingRule("off", List.of(Condition.equalsTo("tier", "gold")), "b", false, "switched off"),
            RoutingRule.of("gold", "c", Condition.equalsTo("tier", "gold"))), "default");

    @Test
    void each_row_says_which_conditions_held_with_the_value_the_context_had() {
        List<RoutingExplainer.RowResult> rows = RoutingExplainer.explain(table, RoutingSchema.STRINGS, Map.<String, Object>of("tier", "gold", "language", "fr"));

        assertThat(rows).extracting(RoutingExplainer.RowResult::matched).containsExactly(false, false, true);
        assertThat(rows.get(0).conditions()).extracting(RoutingExplainer.ConditionResult::held).containsExactly(true, false);
        assertThat(rows.get(0).conditions().get(1).actual()).isEqualTo("fr");
        assertThat(rows.get(1).enabled()).isFalse();
        assertThat(rows.get(1).conditions().getFirst().held()).as("a disabled row still shows its conditions").isTrue();
        assertThat(rows.get(1).description()).isEqualTo("switched off");
    }

    @Test
    void an_absent_field_is_reported_as_absent_and_never_holds() {
        RoutingExplainer.ConditionResult c = RoutingExplainer.explain(table, RoutingSchema.STRINGS, Map.of()).getFirst().conditions().getFirst();
        assertThat(c.present()).isFalse();
        assertThat(c.actual()).isNull();
        assertThat(c.held()).isFalse();
        assertThat(c.reason()).isEqualTo("absent");
    }

    @Test
    void a_value_of_the_wrong_type_does_not_match_and_the_explanation_says_why() {
        RoutingSchema schema = new RoutingSchema(Map.of("age", FieldType.NUMBER, "beta", FieldType.BOOLEAN));
        RoutingTable typed = new RoutingTable(List.of(
                RoutingRule.of("adult", "a", Condition.of("age", Operator.GTE, 18)),
                RoutingRule.of("beta", "b", Condition.of("beta", Operator.IS, true))), "default");

        List<RoutingExplainer.RowResult> rows = RoutingExplainer.explain(typed, schema, Map.of("age", "old", "beta", List.of(true)));

        assertThat(rows).extracting(RoutingExplainer.RowResult::matched).containsExactly(false, false);
        assertThat(rows.get(0).conditions().getFirst().reason()).isEqualTo("expected a number, got \"old\"");
        assertThat(rows.get(1).conditions().getFirst().reason()).isEqualTo("expected true or false, got a list");
        assertThat(RoutingExplainer.decide(typed, schema, Map.of("age", "18.0"))).as("a numeric string is a number")
                .isEqualTo(new RoutingDecision.Matched("a", "adult"));
    }
}
