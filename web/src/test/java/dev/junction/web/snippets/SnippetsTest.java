package dev.junction.web.snippets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.deployment.ContextField;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.routing.FieldType;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.rules.DroolsRouterCompiler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Snippet generation is pure: a spec, its compiled (Drools) router, a variant and a URL in, code out. */
class SnippetsTest {
    static final String URL = "http://gateway.example:8080";

    static Variant variant(String key, Map<String, String> defaults, String... prompt) {
        return new Variant(key, java.util.Arrays.stream(prompt).map(PromptMessage::user).toList(), defaults,
                ModelConfig.of("simulator", "echo"), null, null);
    }

    static Snippets.Result generate(DeploymentSpec spec, String variant) {
        Router router = new DroolsRouterCompiler().compile(spec.key() + "@test", spec.routing(), spec.routingSchema());
        return Snippets.generate(spec, "v2", router, spec.variant(variant).orElseThrow(), URL);
    }

    static DeploymentSpec support() {
        return new DeploymentSpec("support", "", null, null, List.of(ContextField.of("language", FieldType.STRING)),
                List.of(variant("english", null, "{{question}}"), variant("spanish", null, "{{question}}")),
                new RoutingTable(List.of(RoutingRule.of("es", "spanish", Condition.equalsTo("language", "es"))), "english"));
    }

    @Test
    void a_variant_chosen_by_a_rule_gets_that_rules_context_and_sample_inputs_in_all_three_languages() {
        Snippets.Result r = generate(support(), "spanish");

        assertThat(r.routable()).isTrue();
        assertThat(r.context()).containsExactly(Map.entry("language", "es"));
        assertThat(r.inputs()).containsExactly(Map.entry("question", "..."));
        assertThat(r.node())
                .contains("import { Orq } from \"@orq-ai/node\";")
                .contains("apiKey: process.env.ORQ_API_KEY")
                .contains("serverURL: \"" + URL + "\"")
                .contains("key: \"support\"")
                .contains("context: {\"language\":\"es\"}")
                .contains("inputs: {\"question\":\"...\"}");
        assertThat(r.python())
                .contains("from orq_ai_sdk import Orq")
                .contains("api_key=os.environ[\"ORQ_API_KEY\"]")
                .contains("server_url=\"" + URL + "\"")
                .contains("context={\"language\": \"es\"}")
                .contains("inputs={\"question\": \"...\"}");
        assertThat(r.curl())
                .contains("curl -s '" + URL + "/v2/deployments/invoke'")
                .contains("Authorization: Bearer $ORQ_API_KEY")
                .contains("-d '{\"key\":\"support\",\"context\":{\"language\":\"es\"},\"inputs\":{\"question\":\"...\"}}'");
        assertThat(r.python() + r.node() + r.curl()).doesNotContain("No context routes");
    }

    @Test
    void the_default_variant_gets_a_context_that_no_rule_matches() {
        Snippets.Result r = generate(support(), "english");

        assertThat(r.routable()).isTrue();
        assertThat(r.context()).isEmpty();
        assertThat(r.node()).contains("context: {}");
    }

    @Test
    void a_variant_whose_rule_is_shadowed_by_an_earlier_rule_is_reported_unroutable_with_no_context() {
        DeploymentSpec spec = new DeploymentSpec("d", "", List.of(variant("a", null, "x"), variant("b", null, "x"), variant("c", null, "x")),
                new RoutingTable(List.of(
                        RoutingRule.of("first", "b", Condition.equalsTo("tier", "gold")),
                        RoutingRule.of("shadowed", "c", Condition.equalsTo("tier", "gold"))), "a"));

        Snippets.Result r = generate(spec, "c");

        assertThat(r.routable()).isFalse();
        assertThat(r.context()).isEmpty();
        assertThat(r.node()).contains("// No context routes to variant 'c'");
        assertThat(r.python()).contains("# No context routes to variant 'c'");
        assertThat(r.curl()).contains("# No context routes to variant 'c'");
    }

    @Test
    void a_variant_that_no_rule_targets_and_that_is_not_the_default_is_unroutable() {
        DeploymentSpec spec = new DeploymentSpec("d", "", List.of(variant("a", null, "x"), variant("orphan", null, "x")),
                RoutingTable.defaultOnly("a"));

        assertThat(generate(spec, "orphan").routable()).isFalse();
    }

    @Test
    void the_default_variant_behind_a_catch_all_rule_is_unroutable() {
        DeploymentSpec spec = new DeploymentSpec("d", "", List.of(variant("a", null, "x"), variant("b", null, "x")),
                new RoutingTable(List.of(new RoutingRule("everything", List.of(), "b", true, null)), "a"));

        assertThat(generate(spec, "a").routable()).isFalse();
        assertThat(generate(spec, "b").routable()).isTrue();
    }

    @Test
    void a_disabled_rule_is_skipped_and_a_later_enabled_rule_for_the_variant_is_used() {
        DeploymentSpec spec = new DeploymentSpec("d", "", List.of(variant("a", null, "x"), variant("b", null, "x")),
                new RoutingTable(List.of(
                        new RoutingRule("off", List.of(Condition.equalsTo("country", "NL")), "b", false, null),
                        RoutingRule.of("on", "b", Condition.equalsTo("country", "BE"), Condition.equalsTo("plan", "pro"))), "a"));

        Snippets.Result r = generate(spec, "b");

        assertThat(r.routable()).isTrue();
        assertThat(r.context()).containsExactly(Map.entry("country", "BE"), Map.entry("plan", "pro"));
    }

    @Test
    void typed_context_fields_keep_their_type_and_variables_with_defaults_are_left_out() {
        DeploymentSpec spec = new DeploymentSpec("d", "", null, null,
                List.of(ContextField.of("beta", FieldType.BOOLEAN), ContextField.of("tier", FieldType.NUMBER)),
                List.of(variant("a", null, "x"), variant("b", Map.of("tone", "calm"), "{{name}} in {{tone}}: {{question}} {{name}}")),
                new RoutingTable(List.of(RoutingRule.of("r", "b", Condition.equalsTo("beta", "true"), Condition.equalsTo("tier", "2"))), "a"));

        Snippets.Result r = generate(spec, "b");

        assertThat(r.routable()).isTrue();
        assertThat(r.context()).containsExactly(Map.entry("beta", true), Map.entry("tier", 2L));
        assertThat(r.inputs()).containsExactly(Map.entry("name", "..."), Map.entry("question", "..."));
        assertThat(r.python()).contains("context={\"beta\": True, \"tier\": 2}");
        assertThat(r.node()).contains("context: {\"beta\":true,\"tier\":2}");
    }

    @Test
    void a_quote_in_a_value_is_escaped_for_the_shell() {
        DeploymentSpec spec = new DeploymentSpec("d", "", List.of(variant("a", null, "x"), variant("b", null, "x")),
                new RoutingTable(List.of(RoutingRule.of("r", "b", Condition.equalsTo("shop", "Bob's"))), "a"));

        Snippets.Result r = generate(spec, "b");

        assertThat(r.curl()).contains("\"shop\":\"Bob'\\''s\"");
        assertThat(r.python()).contains("{\"shop\": \"Bob's\"}");
    }
}
