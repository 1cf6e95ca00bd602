package dev.junction.engine.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.spend.BudgetPeriod;
import dev.junction.engine.spend.MapSpendView;
import dev.junction.engine.spend.Scope;
import dev.junction.engine.spend.SpendView;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpendFieldsTest {
    private static final String IDENTITY_MONTH = SpendFields.monthUsd(Scope.IDENTITY);
    private static final String KEY_DAY = SpendFields.dayUsd(Scope.API_KEY);
    private static final String DEPLOYMENT_LEFT = SpendFields.remainingPct(Scope.DEPLOYMENT);
    private static final SpendFields.Members MEMBERS = new SpendFields.Members("key-1", "cust-9", "support", "acme");

    private final MapSpendView view = new MapSpendView()
            .spent(Scope.IDENTITY, "cust-9", BudgetPeriod.MONTH, "51.250000000")
            .spent(Scope.IDENTITY, "cust-9", BudgetPeriod.DAY, "3")
            .spent(Scope.API_KEY, "key-1", BudgetPeriod.DAY, "7.5")
            .remaining(Scope.DEPLOYMENT, "support", 12.5);

    private static RoutingTable table(Condition... conditions) {
        return new RoutingTable(List.of(RoutingRule.of("r", "economy", conditions),
                new RoutingRule("off", List.of(Condition.of(KEY_DAY, Operator.GT, 1)), "economy", false, null, null, null)), "standard");
    }

    private Map<String, Object> apply(SpendFields fields, Map<String, Object> caller, boolean callerWins, SpendFields.Members members) {
        Map<String, Object> context = new HashMap<>(caller);
        fields.apply(context, caller, callerWins, view, members);
        return context;
    }

    @Test
    void there_are_fifteen_number_fields_named_by_scope_and_window_and_the_schema_types_them_whatever_it_declares() {
        assertThat(SpendFields.TYPES).hasSize(15).containsKeys("spend.api_key.day_usd", "spend.identity.month_usd",
                "spend.deployment.day_usd", "spend.project.month_usd", "spend.workspace.day_usd",
                "budget.workspace.remaining_pct", "budget.identity.remaining_pct", "budget.api_key.remaining_pct");
        assertThat(SpendFields.TYPES.values()).containsOnly(FieldType.NUMBER);
        assertThat(SpendFields.typeOf("spend.model.day_usd")).as("provider and model budgets are per attempt, not routing fields").isNull();
        assertThat(SpendFields.reserved("spend.identity.week_usd")).isTrue();
        assertThat(SpendFields.reserved("budgetary")).isFalse();
        assertThat(new RoutingSchema(Map.of(IDENTITY_MONTH, FieldType.STRING)).typeOf(IDENTITY_MONTH)).isEqualTo(FieldType.NUMBER);
        assertThat(SpendFields.unknown("spend.identity.week_usd")).contains("'spend.identity.week_usd'", "spend.identity.month_usd",
                "budget.project.remaining_pct");
    }

    @Test
    void only_the_fields_the_table_reads_are_computed_once_each_disabled_rows_included() {
        SpendFields fields = SpendFields.of(table(Condition.of(IDENTITY_MONTH, Operator.GT, 50), Condition.of(IDENTITY_MONTH, Operator.LT, 500),
                Condition.of("tier", Operator.EQUALS, "gold")));

        assertThat(fields.used()).containsExactly(IDENTITY_MONTH, KEY_DAY);
        Map<String, Object> context = apply(fields, Map.of("tier", "gold"), false, MEMBERS);

        assertThat(context).containsOnlyKeys("tier", IDENTITY_MONTH, KEY_DAY);
        assertThat(context.get(IDENTITY_MONTH)).isEqualTo(new BigDecimal("51.25"));
        assertThat(context.get(KEY_DAY)).isEqualTo(new BigDecimal("7.5"));
        assertThat(view.reads).containsExactly("identity/cust-9/month", "api_key/key-1/day");
    }

    @Test
    void a_table_without_spend_fields_reads_nothing() {
        SpendFields fields = SpendFields.of(new RoutingTable(List.of(RoutingRule.of("r", "economy",
                Condition.of(RequestFields.TURNS, Operator.GT, 3))), "standard"));

        assertThat(fields).isSameAs(SpendFields.NONE);
        assertThat(apply(fields, Map.of("tier", "gold"), false, MEMBERS)).containsOnlyKeys("tier");
        assertThat(view.reads).isEmpty();
    }

    @Test
    void a_callers_spend_and_budget_values_are_dropped_and_the_real_ones_used() {
        SpendFields fields = SpendFields.of(table(Condition.of(IDENTITY_MONTH, Operator.GT, 50)));
        Map<String, Object> faked = Map.of(IDENTITY_MONTH, 0, KEY_DAY, "0", DEPLOYMENT_LEFT, 100,
                "spend.identity.week_usd", 1, "budget.x", 2, "tier", "gold");

        Map<String, Object> context = apply(fields, faked, false, MEMBERS);

        assertThat(context).containsOnlyKeys("tier", IDENTITY_MONTH, KEY_DAY)
                .containsEntry(IDENTITY_MONTH, new BigDecimal("51.25")).containsEntry(KEY_DAY, new BigDecimal("7.5"));
        assertThat(apply(SpendFields.NONE, faked, false, MEMBERS)).as("even when the table reads none: the log must not keep them")
                .containsOnlyKeys("tier");
    }

    @Test
    void the_simulators_values_win_and_what_it_leaves_out_is_computed() {
        SpendFields fields = SpendFields.of(table(Condition.of(IDENTITY_MONTH, Operator.GT, 50)));

        Map<String, Object> context = apply(fields, Map.of(IDENTITY_MONTH, 10), true, MEMBERS);

        assertThat(context).containsEntry(IDENTITY_MONTH, 10).containsEntry(KEY_DAY, new BigDecimal("7.5"));
        assertThat(view.reads).containsExactly("api_key/key-1/day");
    }

    @Test
    void a_request_without_a_member_of_the_scope_has_its_fields_absent_and_nothing_spent_is_zero() {
        SpendFields fields = SpendFields.of(new RoutingTable(List.of(RoutingRule.of("r", "economy",
                Condition.of(IDENTITY_MONTH, Operator.GT, 50), Condition.of(SpendFields.dayUsd(Scope.WORKSPACE), Operator.GTE, 0),
                Condition.of(SpendFields.monthUsd(Scope.PROJECT), Operator.GTE, 0))), "standard"));

        Map<String, Object> context = apply(fields, Map.of(IDENTITY_MONTH, 99), false, new SpendFields.Members(null, null, "support", "acme"));

        assertThat(context).doesNotContainKey(IDENTITY_MONTH)
                .containsEntry(SpendFields.dayUsd(Scope.WORKSPACE), BigDecimal.ZERO)
                .containsEntry(SpendFields.monthUsd(Scope.PROJECT), BigDecimal.ZERO);
        assertThat(view.reads).containsExactly("workspace/*/day", "project/acme/month");
    }

    @Test
    void remaining_pct_is_absent_without_a_budget_held_to_0_to_100_and_an_absent_field_holds_only_for_absent() {
        SpendFields fields = SpendFields.of(table(Condition.of(DEPLOYMENT_LEFT, Operator.LT, 20),
                Condition.of(SpendFields.remainingPct(Scope.PROJECT), Operator.LT, 20)));
        SpendView overspent = new MapSpendView().remaining(Scope.DEPLOYMENT, "support", -30).remaining(Scope.PROJECT, "acme", Double.NaN);
        Map<String, Object> context = new HashMap<>();
        fields.apply(context, Map.of(), false, overspent, MEMBERS);
        assertThat(context).containsEntry(DEPLOYMENT_LEFT, 0.0).doesNotContainKey(SpendFields.remainingPct(Scope.PROJECT));

        Map<String, Object> noBudget = apply(fields, Map.of(), false, new SpendFields.Members("key-1", "cust-9", "other", "acme"));
        assertThat(noBudget).doesNotContainKey(DEPLOYMENT_LEFT);
        for (Operator op : List.of(Operator.LT, Operator.GT, Operator.NOT_EQUALS)) {
            assertThat(ConditionSemantics.holds(Condition.of(DEPLOYMENT_LEFT, op, 20), FieldType.NUMBER, noBudget.get(DEPLOYMENT_LEFT)))
                    .as(op.wireName()).isFalse();
        }
        assertThat(ConditionSemantics.holds(Condition.of(DEPLOYMENT_LEFT, Operator.ABSENT), FieldType.NUMBER, null)).isTrue();
        assertThat(apply(fields, Map.of(), false, MEMBERS)).containsEntry(DEPLOYMENT_LEFT, 12.5);
    }

    @Test
    void routing_cases_pin_spend_values_and_the_explanation_reads_them_as_numbers() {
        RoutingTable table = new RoutingTable(List.of(
                RoutingRule.of("big-spender", "economy", Condition.of(IDENTITY_MONTH, Operator.GT, 50)),
                RoutingRule.of("low-budget", "economy", Condition.of(DEPLOYMENT_LEFT, Operator.LTE, 10))), "standard");
        Router router = ctx -> RoutingExplainer.decide(table, RoutingSchema.STRINGS, ctx);

        List<RoutingCaseRunner.Result> results = RoutingCaseRunner.run(router, List.of(
                new RoutingCase("spent 60", Map.of(IDENTITY_MONTH, 60), "economy", "big-spender"),
                new RoutingCase("spent 50.00 (not more)", Map.of(IDENTITY_MONTH, "50.00"), "standard", RoutingCase.DEFAULT_RULE),
                new RoutingCase("budget low", Map.of(IDENTITY_MONTH, 1, DEPLOYMENT_LEFT, 10), "economy", "low-budget"),
                new RoutingCase("no budget", Map.of(IDENTITY_MONTH, 1), "standard", RoutingCase.DEFAULT_RULE),
                new RoutingCase("wrong on purpose", Map.of(IDENTITY_MONTH, 9), "economy", null)));

        assertThat(results).extracting(RoutingCaseRunner.Result::passed).containsExactly(true, true, true, true, false);
        assertThat(results.getLast().failure()).contains("expected variant 'economy', got 'standard'");
    }
}
