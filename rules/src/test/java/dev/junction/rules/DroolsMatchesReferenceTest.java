package dev.junction.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.ConditionSemantics;
import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.routing.SplitShare;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A property test: over many random routing tables and contexts, the compiled Drools router decides exactly what a
 * plain-Java reference evaluator decides (first enabled row, in table order, whose conditions all hold). Seeded, so a
 * failure reproduces; the failing table and context are printed.
 */
class DroolsMatchesReferenceTest {
    private static final String[] FIELDS = {"language", "tier", "country", "beta", "age", "environment"};
    private static final String[] VALUES = {"es", "gold", "NL", "true", "42", "prod", "", "x\"y", "ü"};

    /** The reference: first match by row order, skipping disabled rows; the default otherwise. */
    static RoutingDecision reference(RoutingTable table, Map<String, Object> context) {
        for (RoutingRule rule : table.rules()) {
            if (!rule.enabled()) continue;
            if (rule.when().stream().allMatch(c -> ConditionSemantics.holds(c, context.get(c.field())))) {
                return new RoutingDecision.Matched(rule.variantFor(context), rule.id());
            }
        }
        return new RoutingDecision.DefaultMatched(table.defaultVariant());
    }

    @Test
    void drools_and_the_reference_evaluator_agree_on_random_tables_and_contexts() {
        Random random = new Random(20261122L);
        DroolsRouterCompiler compiler = new DroolsRouterCompiler();
        int decisions = 0;
        for (int t = 0; t < 120; t++) {
            RoutingTable table = randomTable(random);
            Router router = compiler.compile("property@" + t, table);
            for (int c = 0; c < 150; c++) {
                Map<String, Object> context = randomContext(random);
                RoutingDecision expected = reference(table, context);
                assertThat(router.route(context)).as("table %s%ncontext %s", table, context).isEqualTo(expected);
                decisions++;
            }
        }
        assertThat(decisions).isEqualTo(120 * 150);
    }

    /** Pieces of hostile input: DRL and MVEL syntax, Java calls, escapes, control characters, unicode. */
    private static final String[] HOSTILE = {
        "\"", "'", "\\", "\n", "\r\n", "\t", "\u0000", "end", "rule \"x\"", "when", "then", "eval(", "System.exit(1);",
        "${x}", "#{x}", "\u00fc", "\u65e5\u672c", "\ud83d\ude00", "\u202e", "/*", "*/", "//", "$f", "salience 9999", "import java.io.*;",
        "activation-group", "==", "&&", "||", "!", ")", "(", ";", "{", "}", "@", "a"};

    private static String hostile(Random random) {
        StringBuilder s = new StringBuilder();
        int parts = random.nextInt(4);
        for (int i = 0; i < parts; i++) s.append(HOSTILE[random.nextInt(HOSTILE.length)]);
        return s.toString();
    }

    @Test
    void hostile_field_names_and_values_compile_run_no_code_and_route_exactly_as_the_reference() {
        Random random = new Random(4242L);
        DroolsRouterCompiler compiler = new DroolsRouterCompiler();
        for (int t = 0; t < 60; t++) {
            String[] fields = new String[4];
            String[] values = new String[5];
            for (int i = 0; i < fields.length; i++) fields[i] = "f" + i + hostile(random);
            for (int i = 0; i < values.length; i++) values[i] = hostile(random);
            List<RoutingRule> rules = new ArrayList<>();
            for (int r = 0; r < 1 + random.nextInt(20); r++) {
                List<Condition> when = new ArrayList<>();
                for (int c = 0; c < 1 + random.nextInt(3); c++) {
                    when.add(Condition.equalsTo(pick(random, fields), pick(random, values)));
                }
                rules.add(new RoutingRule("r" + r, when, "v" + random.nextInt(4), true, null));
            }
            RoutingTable table = new RoutingTable(rules, "default");

            assertThat(DroolsRouterCompiler.drlOf(table))
                    .as("the DRL depends on the table's shape only, never on what a user typed")
                    .isEqualTo(DroolsRouterCompiler.drlOf(neutral(table)));
            Router router = compiler.compile("hostile@" + t, table);
            for (int c = 0; c < 80; c++) {
                Map<String, Object> context = new HashMap<>();
                for (String f : fields) {
                    if (random.nextInt(3) > 0) context.put(f, random.nextBoolean() ? pick(random, values) : hostile(random));
                }
                assertThat(router.route(context)).as("table %s%ncontext %s", table, context).isEqualTo(reference(table, context));
            }
        }
    }

    /** The same table with every field name and value replaced by a placeholder (equal ones by the same one). */
    private static RoutingTable neutral(RoutingTable table) {
        Map<String, String> names = new HashMap<>();
        Map<String, String> values = new HashMap<>();
        List<RoutingRule> rules = new ArrayList<>();
        for (RoutingRule rule : table.rules()) {
            List<Condition> when = rule.when().stream()
                    .map(c -> Condition.equalsTo(names.computeIfAbsent(c.field(), k -> "F" + names.size()),
                            values.computeIfAbsent(c.value(), k -> "V" + values.size())))
                    .toList();
            rules.add(new RoutingRule(rule.id(), when, rule.variant(), rule.enabled(), rule.description()));
        }
        return new RoutingTable(rules, table.defaultVariant());
    }

    private static RoutingTable randomTable(Random random) {
        int rows = random.nextInt(31);
        List<RoutingRule> rules = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            List<Condition> when = new ArrayList<>();
            int conditions = 1 + random.nextInt(3);
            for (int c = 0; c < conditions; c++) {
                when.add(Condition.equalsTo(pick(random, FIELDS), pick(random, VALUES)));
            }
            boolean enabled = random.nextInt(6) != 0;
            if (random.nextInt(4) == 0) {
                int first = 1 + random.nextInt(99);
                List<SplitShare> split = List.of(new SplitShare("v" + random.nextInt(5), first), new SplitShare("w", 100 - first));
                rules.add(new RoutingRule("r" + r, when, null, enabled, null, split, pick(random, FIELDS)));
            } else {
                rules.add(new RoutingRule("r" + r, when, "v" + random.nextInt(5), enabled, null));
            }
        }
        return new RoutingTable(rules, "default");
    }

    /** Strings, numbers, booleans, nulls, lists, and absent fields: everything a JSON context can hold. */
    private static Map<String, Object> randomContext(Random random) {
        Map<String, Object> context = new HashMap<>();
        for (String field : FIELDS) {
            switch (random.nextInt(8)) {
                case 0, 1, 2 -> context.put(field, pick(random, VALUES));
                case 3 -> context.put(field, 42);
                case 4 -> context.put(field, random.nextBoolean());
                case 5 -> context.put(field, null);
                case 6 -> context.put(field, List.of(pick(random, VALUES)));
                default -> { /* absent */ }
            }
        }
        return context;
    }

    private static String pick(Random random, String[] from) {
        return from[random.nextInt(from.length)];
    }
}
