package dev.junction.engine.deployment;

import dev.junction.engine.routing.FieldType;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.catalog.CatalogModel;
import dev.junction.engine.catalog.InMemoryModelCatalog;
import dev.junction.engine.catalog.SimulatorModels;
import dev.junction.engine.provider.Providers;
import java.math.BigDecimal;
import java.util.Map;
import dev.junction.engine.provider.simulator.SimulatorProvider;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.Operator;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpecValidatorTest {
    private final InMemoryModelCatalog catalog = new InMemoryModelCatalog(SimulatorModels.all());
    private final SpecValidator validator = new SpecValidator(new Providers(List.of(new SimulatorProvider())), catalog);

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
                "variants[0].primary.model",
                "variants[0].fallback.model",
                "variants[0].fallback.retries",
                "variants[1].key",
                "variants[1].primary.model",
                "routing.defaultVariant",
                "routing.rules[0].variant");
    }

    @Test
    void a_model_that_is_in_the_garden_but_not_activated_is_refused() {
        catalog.put(new CatalogModel("simulator", "broken", 1000, 100, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, false));
        Variant v = new Variant("a", List.of(), ModelConfig.of("simulator", "echo"), ModelConfig.of("simulator", "broken"), null);
        DeploymentSpec spec = new DeploymentSpec("k", "", List.of(v), RoutingTable.defaultOnly("a"));

        assertThat(validator.validate(spec)).containsExactly(new FieldError("variants[0].fallback.model", "not an activated model"));
    }

    @Test
    void parameters_retry_reasons_tools_and_response_format_are_checked() {
        ModelParameters bad = new ModelParameters(3.0, 0, 1.5, 0, List.of("a", "b", "c", "d", "e"), null, -3.0, null,
                Map.of("type", "yaml"), List.of(new ToolSpec("t", null, Map.of("type", "array")), new ToolSpec("t", null, null)));
        ModelConfig model = new ModelConfig("simulator", "echo", bad, 1, List.of("rate_limited", "bad_request"));
        DeploymentSpec spec = new DeploymentSpec("k", "", List.of(new Variant("a", List.of(), model, null, null)),
                RoutingTable.defaultOnly("a"));

        assertThat(validator.validate(spec)).extracting(FieldError::path).containsExactlyInAnyOrder(
                "variants[0].primary.retryOn[1]",
                "variants[0].primary.parameters.temperature",
                "variants[0].primary.parameters.topP",
                "variants[0].primary.parameters.frequencyPenalty",
                "variants[0].primary.parameters.maxTokens",
                "variants[0].primary.parameters.topK",
                "variants[0].primary.parameters.stop",
                "variants[0].primary.parameters.responseFormat.type",
                "variants[0].primary.parameters.tools[0].parameters.type",
                "variants[0].primary.parameters.tools[1].name");
    }

    @Test
    void routing_fields_must_be_in_the_context_schema_when_there_is_one() {
        Variant v = new Variant("a", List.of(), ModelConfig.of("simulator", "echo"), null, null);
        DeploymentSpec spec = new DeploymentSpec("k", "", "proj", "support/emea",
                List.of(ContextField.of("language", FieldType.STRING), ContextField.of("language", FieldType.NUMBER)),
                List.of(v), new RoutingTable(List.of(RoutingRule.of("r", "a", Condition.equalsTo("tier", "gold"))), "a"));

        assertThat(validator.validate(spec)).extracting(FieldError::path)
                .containsExactlyInAnyOrder("contextSchema[1].name", "routing.rules[0].when[0].field");
    }

    @Test
    void a_context_field_without_a_name_is_an_error_not_a_crash() {
        Variant v = new Variant("a", List.of(), ModelConfig.of("simulator", "echo"), null, null);
        DeploymentSpec spec = new DeploymentSpec("k", "", "proj", "",
                List.of(ContextField.of(null, FieldType.STRING)),
                List.of(v), new RoutingTable(List.of(RoutingRule.of("r", "a", Condition.equalsTo("tier", "gold"))), "a"));

        assertThat(validator.validate(spec)).extracting(FieldError::path)
                .contains("contextSchema[0].name", "routing.rules[0].when[0].field");
    }

    @Test
    void a_split_row_needs_shares_of_known_variants_adding_up_to_100_and_a_sticky_field() {
        Variant a = new Variant("a", List.of(), ModelConfig.of("simulator", "echo"), null, null);
        Variant b = new Variant("b", List.of(), ModelConfig.of("simulator", "echo"), null, null);
        RoutingRule split = new RoutingRule("s", List.of(Condition.equalsTo("tier", "gold")), "a", true, null,
                List.of(new dev.junction.engine.routing.SplitShare("a", 60), new dev.junction.engine.routing.SplitShare("ghost", 30)), null);
        DeploymentSpec spec = new DeploymentSpec("k", "", List.of(a, b), new RoutingTable(List.of(split), "a"));

        assertThat(validator.validate(spec)).extracting(FieldError::path).containsExactlyInAnyOrder(
                "routing.rules[0].variant", "routing.rules[0].split[1].variant", "routing.rules[0].split", "routing.rules[0].stickyOn");
    }

    @Test
    void each_condition_must_suit_its_fields_type_and_carry_sensible_operands() {
        Variant v = new Variant("a", List.of(), ModelConfig.of("simulator", "echo"), null, null);
        List<ContextField> schema = List.of(ContextField.of("tier", FieldType.STRING), ContextField.of("age", FieldType.NUMBER),
                ContextField.of("beta", FieldType.BOOLEAN), ContextField.of("tags", FieldType.LIST), ContextField.of("signup", FieldType.DATE));
        RoutingTable table = new RoutingTable(List.of(RoutingRule.of("r", "a",
                Condition.of("tier", Operator.LT, 3),                               // 0: lt is for numbers
                Condition.of("age", Operator.GT, "old"),                            // 1: not a number
                new Condition("age", Operator.BETWEEN, null, List.of(65, 18)),      // 2: low above high
                new Condition("tier", Operator.IN, null, List.of()),                // 3: empty list
                Condition.of("tier", Operator.MATCHES, "(unclosed"),                // 4: bad regex
                Condition.of("beta", Operator.IS, "maybe"),                         // 5: not a boolean
                Condition.of("signup", Operator.BEFORE, "22/11/2026"),              // 6: not ISO-8601
                new Condition("tier", Operator.PRESENT, "x", null),                 // 7: present takes no value
                Condition.of("tier", Operator.EQUALS, "a\u0000b"),                  // 8: NUL
                new Condition("tags", Operator.CONTAINS_ANY, "vip", null),          // 9: values, not value
                Condition.of("tags", Operator.CONTAINS_ALL, "vip", 42),             // fine: list elements read as text
                Condition.of("age", Operator.BETWEEN, "18", 65.5))), "a");          // fine: a numeric string is a number
        DeploymentSpec spec = new DeploymentSpec("k", "", "proj", "", schema, List.of(v), table);

        List<FieldError> errors = validator.validate(spec);

        assertThat(errors).extracting(FieldError::path).containsExactly(
                "routing.rules[0].when[0].op",
                "routing.rules[0].when[1].value",
                "routing.rules[0].when[2].values",
                "routing.rules[0].when[3].values",
                "routing.rules[0].when[4].value",
                "routing.rules[0].when[5].value",
                "routing.rules[0].when[6].value",
                "routing.rules[0].when[7]",
                "routing.rules[0].when[8].value",
                "routing.rules[0].when[9].value",
                "routing.rules[0].when[9].values");
        assertThat(errors.get(0).message()).isEqualTo("'lt' does not apply to the string field 'tier' "
                + "(string fields take equals, not_equals, in, not_in, contains, starts_with, matches, present, absent)");
        assertThat(errors.get(1).message()).isEqualTo("expected a number, got \"old\" for the number field");
        assertThat(errors.get(2).message()).isEqualTo("low (65) is above high (18)");
        assertThat(errors.get(4).message()).startsWith("not a valid regular expression: Unclosed group");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '~', value = {
            "(?=a)a~regex not supported: lookahead (?=...)",
            "a(?!b)~regex not supported: negative lookahead (?!...)",
            "(?<=a)b~regex not supported: lookbehind (?<=...)",
            "(?<!a)b~regex not supported: negative lookbehind (?<!...)",
            "(a)\\1~regex not supported: backreference \\1",
            "a*+b~regex not supported: possessive quantifier *+ (write *)",
            "(?>a|ab)c~regex not supported: atomic group (?>...)",
            "[a-z&&[^e]]~regex not supported: class intersection && (a Java extension)",
            "[a-c[x-z]]~regex not supported: a class inside a class, [..[..]..] (a union in Java; RE2 reads [ as a character)",
            "(?U)\\w+~regex not supported: flag U (Java: Unicode character classes; RE2: lazy repetitions)",
            "\\p{Alpha}+~regex not supported: \\p{Alpha} (RE2 takes Unicode categories such as \\p{L}, \\p{Lu}, \\p{Nd})",
            "((a{1000}){1000}){1000}~regex not supported: too large: its repetitions expand to far more than 5000 instructions",
            "a{1001}~regex not supported: repeat count above 1000: {1001}"})
    void a_pattern_the_linear_time_engine_cannot_run_is_refused_naming_the_construct(String pattern, String message) {
        Variant v = new Variant("a", List.of(), ModelConfig.of("simulator", "echo"), null, null);
        RoutingTable table = new RoutingTable(List.of(RoutingRule.of("r", "a",
                Condition.equalsTo("tier", "gold"), Condition.of("country", Operator.MATCHES, pattern))), "a");
        DeploymentSpec spec = new DeploymentSpec("k", "", List.of(v), table);

        assertThat(validator.validate(spec)).containsExactly(new FieldError("routing.rules[0].when[1].value", message));
    }
}
