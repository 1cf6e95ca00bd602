package dev.junction.engine.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.catalog.InMemoryModelCatalog;
import dev.junction.engine.catalog.SimulatorModels;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.provider.simulator.SimulatorProvider;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.FieldType;
import dev.junction.engine.routing.Operator;
import dev.junction.engine.routing.RoutingCase;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.routing.SpendFields;
import dev.junction.engine.routing.SplitShare;
import dev.junction.engine.spend.Scope;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spend fields in a spec: usable as numbers without declaring them, their names reserved, unknown ones refused. */
class SpendFieldValidationTest {
    private final SpecValidator validator = new SpecValidator(new Providers(List.of(new SimulatorProvider())),
            new InMemoryModelCatalog(SimulatorModels.all()));
    private final List<Variant> variants = List.of(
            new Variant("standard", List.of(), ModelConfig.of("simulator", "echo"), null, null),
            new Variant("economy", List.of(), ModelConfig.of("simulator", "echo"), null, null));

    private DeploymentSpec spec(List<ContextField> schema, List<RoutingRule> rules, List<RoutingCase> tests) {
        return new DeploymentSpec("d", "", null, null, schema, variants, new RoutingTable(rules, "standard"), tests);
    }

    @Test
    void spend_fields_route_as_numbers_without_being_in_a_non_empty_context_schema_and_tests_pin_them() {
        DeploymentSpec spec = spec(List.of(ContextField.of("tier", FieldType.STRING)), List.of(
                RoutingRule.of("big", "economy", Condition.of(SpendFields.monthUsd(Scope.IDENTITY), Operator.GT, 50),
                        Condition.of("tier", Operator.EQUALS, "free")),
                RoutingRule.of("low", "economy", Condition.of(SpendFields.remainingPct(Scope.WORKSPACE), Operator.BETWEEN, 0, 20)),
                RoutingRule.of("none", "economy", Condition.of(SpendFields.remainingPct(Scope.PROJECT), Operator.ABSENT),
                        Condition.of(SpendFields.dayUsd(Scope.API_KEY), Operator.GTE, 10))),
                List.of(new RoutingCase("big", Map.of(SpendFields.monthUsd(Scope.IDENTITY), 60, "tier", "free"), "economy", "big"),
                        new RoutingCase("low", Map.of(SpendFields.remainingPct(Scope.WORKSPACE), "12.5"), "economy", "low")));

        assertThat(validator.validate(spec)).isEmpty();
    }

    @Test
    void an_unknown_spend_or_budget_field_is_refused_naming_it_and_listing_the_valid_ones() {
        DeploymentSpec spec = spec(List.of(), List.of(
                RoutingRule.of("a", "economy", Condition.of("spend.identity.week_usd", Operator.GT, 50)),
                RoutingRule.of("b", "economy", Condition.of("budget.model.remaining_pct", Operator.LT, 5)),
                RoutingRule.of("c", "economy", Condition.of(SpendFields.dayUsd(Scope.PROJECT), Operator.CONTAINS, "5")),
                RoutingRule.of("d", "economy", Condition.of(SpendFields.dayUsd(Scope.PROJECT), Operator.GT, "lots")),
                new RoutingRule("e", List.of(Condition.of(SpendFields.dayUsd(Scope.DEPLOYMENT), Operator.GT, 1)), null, true, null,
                        List.of(new SplitShare("standard", 50), new SplitShare("economy", 50)), SpendFields.monthUsd(Scope.IDENTITY))),
                List.of(new RoutingCase("typo", Map.of("spend.identity.monthly_usd", 60), "economy", null),
                        new RoutingCase("wrong type", Map.of(SpendFields.monthUsd(Scope.IDENTITY), "sixty"), "economy", null)));

        List<FieldError> errors = validator.validate(spec);

        assertThat(errors).extracting(FieldError::path).containsExactly(
                "routing.rules[0].when[0].field",
                "routing.rules[1].when[0].field",
                "routing.rules[2].when[0].op",
                "routing.rules[3].when[0].value",
                "routing.rules[4].stickyOn",
                "tests[0].context.spend.identity.monthly_usd",
                "tests[1].context.spend.identity.month_usd");
        assertThat(errors.getFirst().message()).contains("'spend.identity.week_usd' is not a spend field",
                "spend.identity.day_usd, spend.identity.month_usd", "budget.workspace.remaining_pct");
        assertThat(errors.get(1).message()).contains("'budget.model.remaining_pct'", "budget.api_key.remaining_pct");
        assertThat(errors.get(6).message()).contains("expected a number", "spend field");
    }

    @Test
    void a_context_field_named_under_spend_or_budget_is_refused() {
        DeploymentSpec spec = spec(List.of(ContextField.of("tier", FieldType.STRING), ContextField.of("spend.identity.month_usd", FieldType.NUMBER),
                ContextField.of("budget.mine", FieldType.STRING)), List.of(), List.of());

        assertThat(validator.validate(spec)).extracting(FieldError::path).containsExactly("contextSchema[1].name", "contextSchema[2].name");
        assertThat(validator.validate(spec).getFirst().message()).contains("reserved", "spend.identity.month_usd", "rename");
    }
}
