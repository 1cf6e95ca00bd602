package dev.junction.engine.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.catalog.Capabilities;
import dev.junction.engine.catalog.CatalogModel;
import dev.junction.engine.catalog.InMemoryModelCatalog;
import dev.junction.engine.catalog.SimulatorModels;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.FieldType;
import dev.junction.engine.routing.Operator;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeployWarningsTest {
    private final InMemoryModelCatalog catalog = new InMemoryModelCatalog(SimulatorModels.all());

    private static Variant variant(String key) {
        return new Variant(key, List.of(), ModelConfig.of("simulator", "echo"), null, null);
    }

    @Test
    void a_clean_table_has_no_warnings() {
        DeploymentSpec spec = new DeploymentSpec("k", "", List.of(variant("a"), variant("b")),
                new RoutingTable(List.of(RoutingRule.of("r", "b", Condition.equalsTo("tier", "gold"))), "a"));
        assertThat(DeployWarnings.of(spec, catalog)).isEmpty();
    }

    @Test
    void a_row_shadowed_by_a_more_general_earlier_row_or_contradicting_itself_never_matches() {
        DeploymentSpec spec = new DeploymentSpec("k", "", List.of(variant("a"), variant("b"), variant("c")),
                new RoutingTable(List.of(
                        RoutingRule.of("gold", "b", Condition.equalsTo("tier", "gold")),
                        RoutingRule.of("gold-es", "c", Condition.equalsTo("tier", "gold"), Condition.equalsTo("language", "es")),
                        RoutingRule.of("both", "c", Condition.equalsTo("tier", "gold"), Condition.equalsTo("tier", "silver"))), "a"));

        assertThat(DeployWarnings.of(spec, catalog)).containsExactly(
                new FieldError("routing.rules[1]", "can never match: rule 'gold' above it catches every context it would"),
                new FieldError("routing.rules[2]", "can never match: no value of 'tier' satisfies equals 'gold' and equals 'silver'"),
                new FieldError("variants[2]", "no routing row reaches 'c' and it is not the default: it serves no traffic"));
    }

    @Test
    void a_disabled_row_shadows_nothing_and_reaches_nothing() {
        DeploymentSpec spec = new DeploymentSpec("k", "", List.of(variant("a"), variant("b")),
                new RoutingTable(List.of(
                        new RoutingRule("off", List.of(Condition.equalsTo("tier", "gold")), "a", false, null),
                        RoutingRule.of("on", "a", Condition.equalsTo("tier", "gold"))), "a"));
        assertThat(DeployWarnings.of(spec, catalog)).extracting(FieldError::path).containsExactly("variants[1]");
    }

    @Test
    void a_fallback_with_a_smaller_context_window_than_its_primary_is_flagged() {
        Variant v = new Variant("a", List.of(), ModelConfig.of("simulator", "echo"), ModelConfig.of("simulator", "tiny-context"), null);
        DeploymentSpec spec = new DeploymentSpec("k", "", List.of(v), RoutingTable.defaultOnly("a"));
        assertThat(DeployWarnings.of(spec, catalog)).singleElement()
                .satisfies(w -> assertThat(w.path()).isEqualTo("variants[0].fallback.model"));
    }

    @Test
    void typed_rows_are_checked_too_ranges_sets_and_presence() {
        List<ContextField> schema = List.of(ContextField.of("tier", FieldType.STRING), ContextField.of("age", FieldType.NUMBER),
                ContextField.of("signup", FieldType.DATE));
        DeploymentSpec spec = new DeploymentSpec("k", "", "p", "", schema, List.of(variant("a"), variant("b")),
                new RoutingTable(List.of(
                        RoutingRule.of("adults", "b", Condition.of("age", Operator.GTE, 18)),
                        RoutingRule.of("seniors", "b", Condition.of("age", Operator.BETWEEN, 65, 120)),       // inside age >= 18
                        RoutingRule.of("paying", "b", Condition.of("tier", Operator.IN, "gold", "silver")),
                        RoutingRule.of("gold", "b", Condition.equalsTo("tier", "gold"), Condition.of("age", Operator.LT, 18)), // gold is in
                        RoutingRule.of("g-prefix", "b", Condition.of("tier", Operator.IN, "gold", "gift"),
                                Condition.of("tier", Operator.STARTS_WITH, "x")),                              // no value left
                        RoutingRule.of("kids", "b", Condition.of("age", Operator.LT, 10), Condition.of("age", Operator.GT, 12)), // empty
                        RoutingRule.of("ghost", "b", Condition.of("tier", Operator.ABSENT), Condition.of("tier", Operator.PRESENT)),
                        RoutingRule.of("early", "b", Condition.of("signup", Operator.BEFORE, "2026-01-01")),
                        RoutingRule.of("earlier", "b", Condition.of("signup", Operator.BETWEEN, "2025-01-01", "2025-12-31T23:59:59Z")),
                        RoutingRule.of("later", "b", Condition.of("signup", Operator.AFTER, "2025-06-01"))), "a"));

        assertThat(DeployWarnings.of(spec, catalog)).containsExactly(
                new FieldError("routing.rules[1]", "can never match: rule 'adults' above it catches every context it would"),
                new FieldError("routing.rules[3]", "can never match: rule 'paying' above it catches every context it would"),
                new FieldError("routing.rules[4]", "can never match: no value of 'tier' satisfies in [gold, gift] and starts_with 'x'"),
                new FieldError("routing.rules[5]", "can never match: no value of 'age' satisfies lt '10' and gt '12'"),
                new FieldError("routing.rules[6]", "can never match: 'tier' cannot be absent and have a value"),
                new FieldError("routing.rules[8]", "can never match: rule 'early' above it catches every context it would"));
    }

    @Test
    void a_stored_pattern_the_linear_time_engine_refuses_is_reported_and_its_row_never_matches() {
        // only a version stored before RE2/J can hold one: the validator refuses it
        DeploymentSpec spec = new DeploymentSpec("k", "", List.of(variant("a"), variant("b")),
                new RoutingTable(List.of(
                        RoutingRule.of("old", "b", Condition.equalsTo("tier", "gold"), Condition.of("tier", Operator.MATCHES, "(?=g)gold")),
                        RoutingRule.of("b", "b", Condition.equalsTo("tier", "silver"))), "a"));

        assertThat(DeployWarnings.of(spec, catalog)).containsExactly(new FieldError("routing.rules[0].when[1].value",
                "regex not supported: lookahead (?=...): this row never matches"));
        assertThat(DeployWarnings.refusedRegexes(spec.routing())).hasSize(1);
    }

    @Test
    void a_fallback_that_lacks_what_the_primarys_configuration_uses_is_named_with_the_capability_and_where_it_is_used() {
        catalog.put(new CatalogModel("openai", "gpt-4o", 128_000, 16_384, BigDecimal.ONE, BigDecimal.ONE, null, true,
                Capabilities.of(List.of("tools", "images", "files", "jsonSchema"))));
        catalog.put(new CatalogModel("groq", "llama-3.1-8b-instant", 128_000, 16_384, BigDecimal.ONE, BigDecimal.ONE, null, true,
                Capabilities.of(List.of("tools"))));
        ModelParameters primaryParameters = ModelParameters.DEFAULTS
                .withTools(List.of(new ToolSpec("lookup", "find an order", Map.of("type", "object"))))
                .withResponseFormat(Map.of("type", "json_schema", "json_schema", Map.of("name", "a", "schema", Map.of("type", "object"))));
        PromptMessage withImage = PromptMessage.of(Role.USER, List.of(new ContentPart.Text("Read this"),
                new ContentPart.Image("https://example.com/receipt.png", null)));
        Variant v = new Variant("vision", List.of(PromptMessage.system("Be brief."), withImage),
                ModelConfig.of("openai", "gpt-4o").withParameters(primaryParameters), ModelConfig.of("groq", "llama-3.1-8b-instant"), null);
        DeploymentSpec spec = new DeploymentSpec("k", "", List.of(v), RoutingTable.defaultOnly("vision"));

        assertThat(DeployWarnings.of(spec, catalog)).containsExactly(
                new FieldError("variants[0].fallback.model", "groq/llama-3.1-8b-instant takes no images, which variant 'vision' uses"
                        + " (an image at variants[0].messages[1].parts[1]): every request is refused by it"),
                new FieldError("variants[0].fallback.model", "groq/llama-3.1-8b-instant takes no json_schema response format, which"
                        + " variant 'vision' uses (a json_schema response format at variants[0].primary.parameters.responseFormat):"
                        + " when the primary fails, a request that needs it is refused by the fallback too"));
    }

    @Test
    void a_primary_whose_own_configuration_needs_what_it_lacks_is_flagged_and_models_the_garden_does_not_describe_are_not() {
        catalog.put(new CatalogModel("openai", "o3-mini", 200_000, 100_000, BigDecimal.ONE, BigDecimal.ONE, null, true,
                Capabilities.of(List.of("tools", "jsonSchema", "reasoning"))));
        ModelParameters effort = new ModelParameters(null, null, null, null, null, null, null, null, null, null, null, null, "high", null);
        Variant v = new Variant("a", List.of(PromptMessage.of(Role.USER, List.of(new ContentPart.Image("https://example.com/x.png", "low")))),
                ModelConfig.of("openai", "o3-mini").withParameters(effort), ModelConfig.of("custom", "not-in-the-garden"), null);

        assertThat(DeployWarnings.of(new DeploymentSpec("k", "", List.of(v), RoutingTable.defaultOnly("a")), catalog))
                .containsExactly(new FieldError("variants[0].primary.model", "openai/o3-mini takes no images, which variant 'a'"
                        + " uses (an image at variants[0].messages[0].parts[0]): every request is refused by it and goes to the fallback"));
    }
}
