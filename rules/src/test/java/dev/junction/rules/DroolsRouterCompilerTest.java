package dev.junction.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import dev.junction.engine.routing.FieldType;
import dev.junction.engine.routing.Operator;
import dev.junction.engine.routing.RoutingSchema;

class DroolsRouterCompilerTest {
    private final DroolsRouterCompiler compiler = new DroolsRouterCompiler();

    private static RoutingTable table(RoutingRule... rules) {
        return new RoutingTable(List.of(rules), "default");
    }

    @Test
    void a_context_that_matches_a_row_gets_that_rows_variant_and_names_the_row() {
        Router router = compiler.compile("t@v1", table(RoutingRule.of("es", "spanish", Condition.equalsTo("language", "es"))));

        assertThat(router.route(Map.of("language", "es"))).isEqualTo(new RoutingDecision.Matched("spanish", "es"));
        assertThat(router.route(Map.of("language", "en"))).isEqualTo(new RoutingDecision.DefaultMatched("default"));
        assertThat(router.route(Map.of())).isEqualTo(new RoutingDecision.DefaultMatched("default"));
    }

    @Test
    void tables_reading_more_fields_get_a_larger_fact_class_and_route_on_every_slot() {
        for (int fields : new int[] {8, 9, 16, 17, 32, 33, 64}) {
            List<RoutingRule> rules = new ArrayList<>();
            for (int f = fields - 1; f >= 0; f--) {
                // rows in reverse field order: field f{n-1} gets slot 0, f0 the highest slot
                rules.add(new RoutingRule("r" + f, List.of(Condition.equalsTo("f" + f, "x" + f)), "v" + f, true, null));
            }
            RoutingTable t = table(rules.toArray(RoutingRule[]::new));
            String drl = DroolsRouterCompiler.drlOf(t);
            assertThat(drl).contains("import " + SlotFact.sizeFor(fields).type().getName() + ";").contains("$f : RouteFact( s" + (fields - 1) + " == ");
            Router router = compiler.compile("wide" + fields + "@v1", t);
            for (int f = 0; f < fields; f++) {
                assertThat(router.route(Map.of("f" + f, "x" + f))).isEqualTo(new RoutingDecision.Matched("v" + f, "r" + f));
                assertThat(router.route(Map.of("f" + f, "y"))).isEqualTo(new RoutingDecision.DefaultMatched("default"));
            }
            assertThat(router.route(Map.of("f0", "x0", "f" + (fields - 1), "x" + (fields - 1))))
                    .as("the first row in table order").isEqualTo(new RoutingDecision.Matched("v" + (fields - 1), "r" + (fields - 1)));
        }
    }

    @Test
    void the_first_matching_row_in_table_order_wins() {
        Router router = compiler.compile("t@v1", table(
                RoutingRule.of("gold-es", "a", Condition.equalsTo("tier", "gold"), Condition.equalsTo("language", "es")),
                RoutingRule.of("gold", "b", Condition.equalsTo("tier", "gold")),
                RoutingRule.of("es", "c", Condition.equalsTo("language", "es"))));

        assertThat(router.route(Map.of("tier", "gold", "language", "es")).variant()).isEqualTo("a");
        assertThat(router.route(Map.of("tier", "gold", "language", "en")).variant()).isEqualTo("b");
        assertThat(router.route(Map.of("tier", "free", "language", "es")).variant()).isEqualTo("c");
    }

    @Test
    void the_order_holds_when_later_rows_are_the_more_specific_ones() {
        Router router = compiler.compile("t@v1", table(
                RoutingRule.of("gold", "b", Condition.equalsTo("tier", "gold")),
                RoutingRule.of("gold-es", "a", Condition.equalsTo("tier", "gold"), Condition.equalsTo("language", "es"))));

        assertThat(router.route(Map.of("tier", "gold", "language", "es"))).isEqualTo(new RoutingDecision.Matched("b", "gold"));
    }

    @Test
    void a_disabled_row_never_matches() {
        Router router = compiler.compile("t@v1", table(
                new RoutingRule("off", List.of(Condition.equalsTo("language", "es")), "spanish", false, null)));
        assertThat(router.route(Map.of("language", "es"))).isEqualTo(new RoutingDecision.DefaultMatched("default"));
    }

    @Test
    void on_a_string_field_numbers_and_booleans_equal_their_json_text_while_lists_and_nulls_never_match() {
        Router router = compiler.compile("t@v1", table(
                RoutingRule.of("n", "num", Condition.equalsTo("age", "42")),
                RoutingRule.of("b", "bool", Condition.equalsTo("beta", "true"))));

        assertThat(router.route(Map.of("age", 42)).variant()).isEqualTo("num");
        assertThat(router.route(Map.of("beta", true)).variant()).isEqualTo("bool");
        assertThat(router.route(Map.of("age", List.of("42"))).variant()).isEqualTo("default");
        Map<String, Object> nulls = new HashMap<>();
        nulls.put("age", null);
        assertThat(router.route(nulls).variant()).isEqualTo("default");
    }

    @Test
    void hostile_text_reaches_the_drl_only_as_an_escaped_literal_and_field_names_not_at_all() {
        String hostileField = "lang\") ; System.exit(1); //";
        String hostileValue = "\"; end rule \"x\" when then System.exit(1); end \\ \n eval( \u00fc";
        RoutingTable t = table(RoutingRule.of("r", "v", Condition.equalsTo(hostileField, hostileValue)));

        String drl = DroolsRouterCompiler.drlOf(t);
        assertThat(drl).doesNotContain("lang")
                       .contains("$f : RouteFact( s0 == \"\\\"; end rule \\\"x\\\" when then System.exit(1); end \\\\ \\n eval( \u00fc\" )");

        Router router = compiler.compile("hostile@v1", t);
        assertThat(router.route(Map.of(hostileField, hostileValue)).variant()).isEqualTo("v");
        assertThat(router.route(Map.of(hostileField, hostileValue + " ")).variant()).isEqualTo("default");
    }

    @Test
    void the_generated_drl_puts_each_enabled_row_in_one_activation_group_with_falling_salience() {
        String drl = DroolsRouterCompiler.drlOf(table(
                RoutingRule.of("a", "x", Condition.equalsTo("f", "1")),
                new RoutingRule("b", List.of(Condition.equalsTo("f", "2")), "y", false, null),
                RoutingRule.of("c", "z", Condition.equalsTo("g", "1"))));

        assertThat(drl).contains("rule \"row_0\"\n    salience 3\n    activation-group \"routing\"")
                       .contains("$f : RouteFact( s0 == \"1\" )")
                       .doesNotContain("row_1")
                       .contains("rule \"row_2\"\n    salience 1\n")
                       .contains("$f : RouteFact( s1 == \"1\" )")
                       .contains("$f.choose(2);");
    }

    @Test
    void the_first_equality_goes_first_so_drools_hashes_it_and_a_short_in_list_becomes_one_rule_per_value() {
        RoutingSchema schema = new RoutingSchema(Map.of("age", FieldType.NUMBER, "tier", FieldType.STRING));
        String drl = DroolsRouterCompiler.drlOf(table(
                RoutingRule.of("a", "x", Condition.of("age", Operator.GT, 17), Condition.equalsTo("tier", "gold")),
                RoutingRule.of("b", "y", Condition.of("tier", Operator.IN, "silver", "bronze", "silver"))), schema);

        assertThat(drl).contains("RouteFact( s1 == \"gold\", t0 == true, n0 > 17.0 )")
                       .contains("rule \"row_1_0\"\n    salience 1\n").contains("RouteFact( s1 == \"silver\" )")
                       .contains("rule \"row_1_1\"\n    salience 1\n").contains("RouteFact( s1 == \"bronze\" )")
                       .doesNotContain("row_1_2");
    }

    @Test
    void every_operator_routes_as_documented() {
        RoutingSchema schema = new RoutingSchema(Map.of("tier", FieldType.STRING, "age", FieldType.NUMBER,
                "beta", FieldType.BOOLEAN, "tags", FieldType.LIST, "signup", FieldType.DATE));
        Router router = compiler.compile("ops@v1", table(
                RoutingRule.of("absent", "absent", Condition.of("tier", Operator.ABSENT)),
                RoutingRule.of("between", "between", Condition.of("age", Operator.BETWEEN, 18, 30)),
                RoutingRule.of("early", "early", Condition.of("signup", Operator.BEFORE, "2026-01-01")),
                RoutingRule.of("all", "all", Condition.of("tags", Operator.CONTAINS_ALL, "vip", "eu")),
                RoutingRule.of("any", "any", Condition.of("tags", Operator.CONTAINS_ANY, "vip", "beta")),
                RoutingRule.of("beta", "beta", Condition.of("beta", Operator.IS, true)),
                RoutingRule.of("pattern", "pattern", Condition.of("tier", Operator.MATCHES, "g[a-z]+d")),
                RoutingRule.of("prefix", "prefix", Condition.of("tier", Operator.STARTS_WITH, "plat")),
                RoutingRule.of("not-in", "not-in", Condition.of("tier", Operator.NOT_IN, "free", "trial"))), schema);

        assertThat(route(router, Map.of())).isEqualTo("absent");
        assertThat(route(router, Map.of("tier", "free", "age", 18))).isEqualTo("between");
        assertThat(route(router, Map.of("tier", "free", "age", "30.0"))).as("a numeric string is a number").isEqualTo("between");
        assertThat(route(router, Map.of("tier", "free", "age", 30.5))).isEqualTo("default");
        assertThat(route(router, Map.of("tier", "free", "signup", "2025-12-31T23:59:59Z"))).isEqualTo("early");
        assertThat(route(router, Map.of("tier", "free", "signup", "2026-01-01"))).as("before is strict").isEqualTo("default");
        assertThat(route(router, Map.of("tier", "free", "tags", List.of("eu", "vip")))).isEqualTo("all");
        assertThat(route(router, Map.of("tier", "free", "tags", List.of("vip")))).isEqualTo("any");
        assertThat(route(router, Map.of("tier", "free", "tags", "vip"))).as("a string is not a list").isEqualTo("default");
        assertThat(route(router, Map.of("tier", "free", "beta", "true"))).isEqualTo("beta");
        assertThat(route(router, Map.of("tier", "gold"))).isEqualTo("pattern");
        assertThat(route(router, Map.of("tier", "xgold"))).as("matches is a whole-value match").isEqualTo("not-in");
        assertThat(route(router, Map.of("tier", "platinum"))).isEqualTo("prefix");
        assertThat(route(router, Map.of("tier", "trial"))).isEqualTo("default");
        assertThat(route(router, Map.of("tier", List.of("gold")))).as("wrong type: no row but absent's opposite").isEqualTo("default");
    }

    private static String route(Router router, Map<String, Object> context) {
        return router.route(context).variant();
    }

    @Test
    void sessions_are_pooled_and_released_with_the_version() {
        DroolsRouter router = (DroolsRouter) compiler.compile("pool@v1", table(RoutingRule.of("es", "spanish", Condition.equalsTo("language", "es"))));
        assertThat(router.idleSessions()).isBetween(1, DroolsRouter.POOL);
        assertThat(router.kieBase().getKieSessions()).hasSize(router.idleSessions());

        router.release();

        assertThat(router.idleSessions()).isZero();
        assertThat(router.kieBase().getKieSessions()).as("disposed sessions leave the KieBase").isEmpty();
        assertThat(router.route(Map.of("language", "es")).variant()).as("a late request still routes").isEqualTo("spanish");
        assertThat(router.kieBase().getKieSessions()).as("on a throwaway session").isEmpty();
    }

    @Test
    void one_compiled_router_answers_correctly_from_many_threads() throws Exception {
        Router router = compiler.compile("t@v1", table(
                RoutingRule.of("es", "spanish", Condition.equalsTo("language", "es")),
                RoutingRule.of("fr", "french", Condition.equalsTo("language", "fr"))));
        String[] languages = {"es", "fr", "en"};
        String[] expected = {"spanish", "french", "default"};
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        int k = (i + offset) % 3;
                        if (!router.route(Map.of("language", languages[k])).variant().equals(expected[k])) return false;
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) assertThat(r.get()).isTrue();
        }
    }

    @Test
    void a_table_with_no_rows_routes_everything_to_the_default() {
        Router router = compiler.compile("t@v1", RoutingTable.defaultOnly("only"));
        assertThat(router.route(Map.of("language", "es"))).isEqualTo(new RoutingDecision.DefaultMatched("only"));
    }
}
