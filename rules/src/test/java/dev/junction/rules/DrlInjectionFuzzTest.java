package dev.junction.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.FieldType;
import dev.junction.engine.routing.Operator;
import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.engine.routing.RoutingExplainer;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingSchema;
import dev.junction.engine.routing.RoutingTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Hostile field names and values (quotes, backslashes, newlines, DRL keywords, {@code eval(}, Java calls that would
 * trip {@link Canary}, unicode, control characters) in every string and list operator: every table compiles, no
 * user text runs, the DRL outside its escaped string literals depends on the table's shape only, and the routing is
 * exactly the reference's.
 */
class DrlInjectionFuzzTest {
    private static final String[] HOSTILE = {
        "\"", "'", "\\", "\\\"", "\n", "\r\n", "\t", "end", "rule \"x\"", "when", "then", "eval(", "System.exit(1);",
        "\" || dev.junction.rules.Canary.trip() || \"", "\") || dev.junction.rules.Canary.trip() || (\"",
        "\" )\nthen\n dev.junction.rules.Canary.trip();\nend\nrule \"y\" when\n $f : RouteFact( ",
        "${x}", "#{x}", "@{x}", "\u00fc", "\u65e5\u672c", "\ud83d\ude00", "\u202e", "\u2028", "\u0001", "\u001f", "\u007f",
        "/*", "*/", "//", "$f", "salience 9999", "import java.io.*;", "activation-group", "==", "&&", "||", "!", ")", "(",
        ";", "{", "}", "@", "a", "\\u0022", "\\n"};
    private static final Operator[] STRING_OPS = {Operator.EQUALS, Operator.NOT_EQUALS, Operator.IN, Operator.NOT_IN,
        Operator.CONTAINS, Operator.STARTS_WITH, Operator.MATCHES};
    private static final Pattern STRING_LITERAL = Pattern.compile("\"(\\\\.|[^\"\\\\])*\"");

    private static String hostile(Random random) {
        StringBuilder s = new StringBuilder();
        int parts = random.nextInt(4);
        for (int i = 0; i < parts; i++) s.append(HOSTILE[random.nextInt(HOSTILE.length)]);
        return s.toString();
    }

    @Test
    void hostile_names_and_values_compile_run_no_code_and_route_exactly_as_the_reference() {
        Random random = new Random(4242L);
        DroolsRouterCompiler compiler = new DroolsRouterCompiler(), droolsOnly = new DroolsRouterCompiler(false);
        int decisions = 0;
        for (int t = 0; t < 60; t++) {
            String[] fields = new String[4];
            String[] values = new String[5];
            Map<String, FieldType> types = new HashMap<>();
            for (int i = 0; i < fields.length; i++) {
                fields[i] = "f" + i + hostile(random);
                types.put(fields[i], i == 3 ? FieldType.LIST : FieldType.STRING);
            }
            for (int i = 0; i < values.length; i++) values[i] = hostile(random);
            RoutingSchema schema = new RoutingSchema(types);
            List<RoutingRule> rules = new ArrayList<>();
            for (int r = 0; r < 1 + random.nextInt(20); r++) {
                List<Condition> when = new ArrayList<>();
                for (int c = 0; c < 1 + random.nextInt(3); c++) {
                    String field = fields[random.nextInt(fields.length)];
                    when.add(condition(random, field, types.get(field), values));
                }
                rules.add(new RoutingRule("r" + r, when, "v" + random.nextInt(4), true, null));
            }
            RoutingTable table = new RoutingTable(rules, "default");

            assertThat(withoutStringLiterals(DroolsRouterCompiler.drlOf(table, schema)))
                    .as("outside its escaped literals, the DRL depends on the table's shape only")
                    .isEqualTo(withoutStringLiterals(DroolsRouterCompiler.drlOf(neutral(table), neutral(schema, table))));
            DroolsRouter router = (DroolsRouter) compiler.compile("hostile@" + t, table, schema);
            assertThat(router.constraints().kept()).as("every constraint evaluates as a SlotConstraint").isEmpty();
            Router drl = droolsOnly.compile("hostile-drl@" + t, table, schema);
            for (int c = 0; c < 80; c++) {
                Map<String, Object> context = new HashMap<>();
                for (String f : fields) {
                    if (random.nextInt(3) == 0) continue;
                    Object v = random.nextBoolean() ? values[random.nextInt(values.length)] : hostile(random);
                    context.put(f, types.get(f) == FieldType.LIST ? List.of(v, values[random.nextInt(values.length)]) : v);
                }
                RoutingDecision expected = RoutingExplainer.decide(table, schema, context);
                assertThat(router.route(context)).as("table %s%ncontext %s", table, context).isEqualTo(expected);
                assertThat(drl.route(context)).as("the DRL alone: table %s%ncontext %s", table, context).isEqualTo(expected);
                decisions++;
            }
        }
        assertThat(Canary.TRIPPED).as("no user text ran as code").isFalse();
        assertThat(decisions).isEqualTo(60 * 80);
    }

    private static Condition condition(Random random, String field, FieldType type, String[] values) {
        if (type == FieldType.LIST) {
            return new Condition(field, random.nextBoolean() ? Operator.CONTAINS_ANY : Operator.CONTAINS_ALL, null,
                    List.of(values[random.nextInt(values.length)], values[random.nextInt(values.length)]));
        }
        Operator op = STRING_OPS[random.nextInt(STRING_OPS.length)];
        String value = values[random.nextInt(values.length)];
        return switch (op) {
            case IN, NOT_IN -> new Condition(field, op, null, List.of(value, values[random.nextInt(values.length)]));
            case MATCHES -> new Condition(field, op, Pattern.quote(value) + ".*", null);
            default -> new Condition(field, op, value, null);
        };
    }

    private static String withoutStringLiterals(String drl) {
        return STRING_LITERAL.matcher(drl).replaceAll("\"\"");
    }

    /** The same table with every field name and value replaced by a placeholder. */
    private static RoutingTable neutral(RoutingTable table) {
        Map<String, String> names = names(table);
        List<RoutingRule> rules = new ArrayList<>();
        for (RoutingRule rule : table.rules()) {
            List<Condition> when = rule.when().stream()
                    .map(c -> new Condition(names.get(c.field()), c.op(), c.value() == null ? null : "V",
                            c.values() == null ? null : c.values().stream().map(v -> (Object) ("V" + v.hashCode())).toList()))
                    .toList();
            rules.add(new RoutingRule(rule.id(), when, rule.variant(), rule.enabled(), rule.description()));
        }
        return new RoutingTable(rules, table.defaultVariant());
    }

    private static RoutingSchema neutral(RoutingSchema schema, RoutingTable table) {
        Map<String, FieldType> types = new HashMap<>();
        names(table).forEach((name, placeholder) -> types.put(placeholder, schema.typeOf(name)));
        return new RoutingSchema(types);
    }

    private static Map<String, String> names(RoutingTable table) {
        Map<String, String> names = new java.util.LinkedHashMap<>();
        table.rules().forEach(r -> r.when().forEach(c -> names.computeIfAbsent(c.field(), k -> "F" + names.size())));
        return names;
    }
}
