package dev.junction.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.ConditionSemantics;
import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
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
                return new RoutingDecision.Matched(rule.variant(), rule.id());
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
            rules.add(new RoutingRule("r" + r, when, "v" + random.nextInt(5), enabled, null));
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
