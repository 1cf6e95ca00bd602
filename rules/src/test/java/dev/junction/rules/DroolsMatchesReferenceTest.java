package dev.junction.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.FieldType;
import dev.junction.engine.routing.Operator;
import dev.junction.engine.routing.RequestFields;
import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.engine.routing.RoutingExplainer;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingSchema;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.routing.SplitShare;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A property test: over many random typed routing tables (every operator of every field type, disabled rows, sticky
 * splits) and random contexts (values of the right type and near them, numeric strings, wrong types, nulls, absent
 * fields), the compiled Drools router decides exactly what the plain-Java reference evaluator
 * ({@link RoutingExplainer#decide}: first enabled row in table order whose conditions all hold) decides, both with the
 * constraints as {@link SlotConstraint}s (production) and with Drools' own evaluators of the DRL text. Seeded, so a
 * failure reproduces; the failing table and context are printed. Then a fuzz test with hostile names and values.
 */
class DroolsMatchesReferenceTest {
    private static final String[] STRINGS = {"es", "gold", "NL", "", "ES", "x\"y", "\u00fc", "a.b", "42", "es ", "prod"};
    private static final String[] REGEXES = {"e.*", "[a-z]+", "\\d+", "x\"y", ".*", "a\\.b", "(es|NL)"};
    private static final Object[] NUMBERS = {0, -1, 1.5, 42, 100, 1e9, -0.5, "42"};
    private static final String[] DATES = {"2026-01-01", "2026-11-22T10:00:00Z", "2025-12-31T23:59:59+01:00", "2026-06-15T00:00:00"};

    @Test
    void drools_and_the_reference_evaluator_agree_on_random_typed_tables_and_contexts() {
        Random random = new Random(20261122L);
        DroolsRouterCompiler compiler = new DroolsRouterCompiler(), droolsOnly = new DroolsRouterCompiler(false);
        int decisions = 0;
        int matched = 0;
        for (int t = 0; t < 120; t++) {
            Map<String, FieldType> types = new HashMap<>();
            String[] fields = {"f0", "f1", "f2", "f3", "f4", "f5"};
            for (String f : fields) types.put(f, FieldType.values()[random.nextInt(FieldType.values().length)]);
            RoutingSchema schema = new RoutingSchema(types);
            RoutingTable table = randomTable(random, fields, schema);
            DroolsRouter router = (DroolsRouter) compiler.compile("property@" + t, table, schema);
            assertThat(router.constraints().kept()).as("every constraint evaluates as a SlotConstraint").isEmpty();
            Router drl = droolsOnly.compile("property-drl@" + t, table, schema);
            for (int c = 0; c < 150; c++) {
                Map<String, Object> context = randomContext(random, fields, schema, table);
                RoutingDecision expected = RoutingExplainer.decide(table, schema, context);
                assertThat(router.route(context)).as("table %s%nschema %s%ncontext %s", table, types, context).isEqualTo(expected);
                assertThat(drl.route(context)).as("the DRL alone: table %s%nschema %s%ncontext %s", table, types, context).isEqualTo(expected);
                decisions++;
                if (expected instanceof RoutingDecision.Matched) matched++;
            }
        }
        assertThat(decisions).isEqualTo(120 * 150);
        assertThat(matched).as("the contexts exercise matching rows, not just the default").isGreaterThan(decisions / 4);
    }

    /**
     * The request fields ({@link RequestFields}) read through the schema's fixed types (boolean, number) beside user
     * fields, with the values the gateway derives (booleans, whole numbers) and some a routing case may give.
     */
    @Test
    void drools_and_the_reference_agree_on_tables_over_request_fields() {
        Random random = new Random(20261205L);
        DroolsRouterCompiler compiler = new DroolsRouterCompiler(), droolsOnly = new DroolsRouterCompiler(false);
        String[] fields = {"f0", "f1", RequestFields.HAS_IMAGES, RequestFields.HAS_FILES, RequestFields.HAS_AUDIO,
                RequestFields.HAS_TOOLS, RequestFields.PROMPT_TOKENS, RequestFields.TURNS};
        int matched = 0;
        for (int t = 0; t < 40; t++) {
            Map<String, FieldType> types = new HashMap<>();
            types.put("f0", FieldType.STRING);
            types.put("f1", FieldType.NUMBER);
            types.put(RequestFields.HAS_IMAGES, FieldType.STRING); // a draft's wrong declaration: the fixed type wins
            RoutingSchema schema = new RoutingSchema(types);
            RoutingTable table = randomTable(random, fields, schema);
            Router router = compiler.compile("request@" + t, table, schema);
            Router drl = droolsOnly.compile("request-drl@" + t, table, schema);
            for (int c = 0; c < 150; c++) {
                Map<String, Object> context = randomContext(random, fields, schema, table);
                if (random.nextBoolean()) {
                    context = RequestFields.routingContext(context, new RequestFields.Values(random.nextBoolean(),
                            random.nextBoolean(), random.nextBoolean(), random.nextBoolean(), random.nextInt(3000), random.nextInt(5)));
                }
                RoutingDecision expected = RoutingExplainer.decide(table, schema, context);
                assertThat(router.route(context)).as("table %s%ncontext %s", table, context).isEqualTo(expected);
                assertThat(drl.route(context)).as("the DRL alone: table %s%ncontext %s", table, context).isEqualTo(expected);
                if (expected instanceof RoutingDecision.Matched) matched++;
            }
        }
        assertThat(matched).as("the contexts exercise matching rows").isGreaterThan(40 * 150 / 5);
    }

    static RoutingTable randomTable(Random random, String[] fields, RoutingSchema schema) {
        int rows = random.nextInt(31);
        List<RoutingRule> rules = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            List<Condition> when = new ArrayList<>();
            int conditions = 1 + random.nextInt(3);
            for (int c = 0; c < conditions; c++) {
                String field = pick(random, fields);
                when.add(randomCondition(random, field, schema.typeOf(field)));
            }
            boolean enabled = random.nextInt(6) != 0;
            if (random.nextInt(4) == 0) {
                int first = 1 + random.nextInt(99);
                List<SplitShare> split = List.of(new SplitShare("v" + random.nextInt(5), first), new SplitShare("w", 100 - first));
                rules.add(new RoutingRule("r" + r, when, null, enabled, null, split, pick(random, fields)));
            } else {
                rules.add(new RoutingRule("r" + r, when, "v" + random.nextInt(5), enabled, null));
            }
        }
        return new RoutingTable(rules, "default");
    }

    static Condition randomCondition(Random random, String field, FieldType type) {
        List<Operator> ops = Arrays.stream(Operator.values()).filter(o -> o.appliesTo(type)).toList();
        Operator op = ops.get(random.nextInt(ops.size()));
        return switch (op.operand()) {
            case NONE -> new Condition(field, op, null, null);
            case ONE -> new Condition(field, op, op == Operator.MATCHES ? pick(random, REGEXES) : operand(random, type), null);
            case LIST -> {
                List<Object> values = new ArrayList<>();
                for (int i = 0; i < 1 + random.nextInt(4); i++) values.add(operand(random, type == FieldType.LIST ? FieldType.STRING : type));
                yield new Condition(field, op, null, values);
            }
            case RANGE -> {
                Object a = operand(random, type);
                Object b = operand(random, type);
                boolean ordered = dev.junction.engine.routing.ConditionSemantics.holds(
                        new Condition(field, type == FieldType.DATE ? Operator.BEFORE : Operator.LTE, b, null), type, a)
                        || type == FieldType.DATE && a.equals(b);
                yield new Condition(field, op, null, ordered ? List.of(a, b) : List.of(b, a));
            }
        };
    }

    static Object operand(Random random, FieldType type) {
        return switch (type) {
            case STRING, LIST -> pick(random, STRINGS);
            case NUMBER -> NUMBERS[random.nextInt(NUMBERS.length)];
            case BOOLEAN -> random.nextBoolean();
            case DATE -> pick(random, DATES);
        };
    }

    /** Values near the table's operands, of the right type and of wrong ones, nulls, and absent fields. */
    static Map<String, Object> randomContext(Random random, String[] fields, RoutingSchema schema, RoutingTable table) {
        Map<String, Object> context = new HashMap<>();
        for (String field : fields) {
            FieldType type = schema.typeOf(field);
            switch (random.nextInt(10)) {
                case 0, 1, 2, 3 -> context.put(field, rightType(random, type));
                case 4 -> context.put(field, near(random, type));
                case 5 -> context.put(field, random.nextBoolean() ? 42 : "true");
                case 6 -> context.put(field, random.nextBoolean() ? List.of(pick(random, STRINGS)) : Map.of("k", "v"));
                case 7 -> context.put(field, null);
                default -> { /* absent */ }
            }
        }
        return context;
    }

    private static Object rightType(Random random, FieldType type) {
        return switch (type) {
            case STRING -> pick(random, STRINGS);
            case NUMBER -> NUMBERS[random.nextInt(NUMBERS.length)];
            case BOOLEAN -> random.nextBoolean();
            case LIST -> {
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < random.nextInt(4); i++) items.add(pick(random, STRINGS));
                if (random.nextInt(5) == 0) items.add(42);
                yield items;
            }
            case DATE -> pick(random, DATES);
        };
    }

    private static Object near(Random random, FieldType type) {
        return switch (type) {
            case STRING -> pick(random, STRINGS) + (random.nextBoolean() ? "x" : "");
            case NUMBER -> ((Number) (NUMBERS[random.nextInt(NUMBERS.length - 1)])).doubleValue() + (random.nextBoolean() ? 0.5 : -1e-9);
            case BOOLEAN -> random.nextBoolean() ? "false" : "yes";
            case LIST -> List.of();
            case DATE -> random.nextBoolean() ? "2026-11-22T10:00:00.001Z" : "not a date";
        };
    }

    static <T> T pick(Random random, T[] from) {
        return from[random.nextInt(from.length)];
    }
}
