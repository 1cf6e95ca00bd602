package dev.junction.engine.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.catalog.InMemoryModelCatalog;
import dev.junction.engine.catalog.SimulatorModels;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.provider.simulator.SimulatorProvider;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.FieldType;
import dev.junction.engine.routing.Operator;
import dev.junction.engine.routing.RequestFields;
import dev.junction.engine.routing.RoutingCase;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.routing.SplitShare;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request fields in a spec: usable without declaring them, of their fixed types, their names reserved. */
class RequestFieldValidationTest {
    private final SpecValidator validator = new SpecValidator(new Providers(List.of(new SimulatorProvider())),
            new InMemoryModelCatalog(SimulatorModels.all()));
    private final List<Variant> variants = List.of(
            new Variant("text", List.of(), ModelConfig.of("simulator", "echo"), null, null),
            new Variant("vision", List.of(), ModelConfig.of("simulator", "echo"), null, null));

    private DeploymentSpec spec(List<ContextField> schema, List<RoutingRule> rules, List<RoutingCase> tests) {
        return new DeploymentSpec("d", "", null, null, schema, variants, new RoutingTable(rules, "text"), tests);
    }

    @Test
    void request_fields_route_without_being_in_a_non_empty_context_schema() {
        DeploymentSpec spec = spec(List.of(ContextField.of("tier", FieldType.STRING)), List.of(
                RoutingRule.of("img", "vision", Condition.of(RequestFields.HAS_IMAGES, Operator.IS, true),
                        Condition.of("tier", Operator.EQUALS, "gold")),
                RoutingRule.of("long", "vision", Condition.of(RequestFields.PROMPT_TOKENS, Operator.BETWEEN, 1000, 9000),
                        Condition.of(RequestFields.TURNS, Operator.GTE, 3))),
                List.of(new RoutingCase("long", Map.of(RequestFields.PROMPT_TOKENS, 5000, RequestFields.TURNS, 4), "vision", "long")));

        assertThat(validator.validate(spec)).isEmpty();
    }

    @Test
    void a_user_context_field_named_under_request_is_refused() {
        DeploymentSpec spec = spec(List.of(ContextField.of("tier", FieldType.STRING), ContextField.of("request.has_images", FieldType.STRING),
                ContextField.of("request.mine", FieldType.NUMBER)), List.of(), List.of());

        assertThat(validator.validate(spec)).extracting(FieldError::path)
                .containsExactly("contextSchema[1].name", "contextSchema[2].name");
        assertThat(validator.validate(spec).getFirst().message()).contains("reserved", RequestFields.HAS_IMAGES);
    }

    @Test
    void conditions_need_a_known_request_field_and_an_operator_and_operand_of_its_type() {
        DeploymentSpec spec = spec(List.of(), List.of(
                RoutingRule.of("a", "vision", Condition.of("request.has_image", Operator.IS, true)),
                RoutingRule.of("b", "vision", Condition.of(RequestFields.HAS_IMAGES, Operator.CONTAINS, "yes")),
                RoutingRule.of("c", "vision", Condition.of(RequestFields.PROMPT_TOKENS, Operator.GT, "many")),
                new RoutingRule("d", List.of(Condition.of(RequestFields.HAS_TOOLS, Operator.IS, true)), null, true, null,
                        List.of(new SplitShare("text", 50), new SplitShare("vision", 50)), RequestFields.TURNS)),
                List.of(new RoutingCase("typo", Map.of("request.turn", 2), "text", null),
                        new RoutingCase("wrong type", Map.of(RequestFields.HAS_FILES, "maybe"), "text", null)));

        assertThat(validator.validate(spec)).extracting(FieldError::path).containsExactly(
                "routing.rules[0].when[0].field",
                "routing.rules[1].when[0].op",
                "routing.rules[2].when[0].value",
                "routing.rules[3].stickyOn",
                "tests[0].context.request.turn",
                "tests[1].context.request.has_files");
    }
}
