package dev.junction.bench;

import dev.junction.bench.BenchTable.Cond;
import dev.junction.bench.BenchTable.Kind;
import dev.junction.bench.BenchTable.Row;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.FieldType;
import dev.junction.engine.routing.Operator;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.engine.routing.RoutingExplainer;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingSchema;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.routing.SplitShare;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Tables for encoding P (the production {@code DroolsRouterCompiler}) as the engine's {@link RoutingTable} and a typed
 * {@link RoutingSchema}, and their contexts. Shapes:
 * <ul>
 *   <li>{@code eq}, {@code mixed}: exactly the {@link TableGen} tables every other encoding runs on (same seed, same
 *       4096 contexts), converted operator by operator; string, number and boolean fields;</li>
 *   <li>{@code typed}: the {@code mixed} table plus a list field ({@code tags}: contains_any, contains_all, present)
 *       and a date field ({@code signup}: before, after, between, equals), on about 80% of the rows, and a sticky
 *       50/50 split on every 20th row: all five field types of issue #4. Only encoding P runs it.</li>
 * </ul>
 * The reference is the engine's {@link RoutingExplainer#decide}.
 */
public final class ProdTables {
    static final String TAGS = "tags", SIGNUP = "signup", USER = "user";
    private static final long EPOCH_DAY_2025 = LocalDate.of(2025, 1, 1).toEpochDay();

    /** A production table, its schema, and the bench table it came from (with the extra typed rows, for contexts). */
    public record Prod(String shape, RoutingTable table, RoutingSchema schema, BenchTable bench, List<List<Condition>> extra) {}

    private ProdTables() {}

    public static Prod table(String shape, int rows, long seed) {
        return switch (shape) {
            case "eq", "mixed" -> {
                BenchTable t = TableGen.table(shape, rows, seed);
                yield new Prod(shape, toEngine(t, null), schemaOf(t, false), t, null);
            }
            case "typed" -> typed(rows, seed);
            default -> throw new IllegalArgumentException("shape " + shape + " (expected eq, mixed or typed)");
        };
    }

    /** The field types of a bench table as the engine's schema; {@code typed} adds the list and date fields. */
    static RoutingSchema schemaOf(BenchTable t, boolean typed) {
        Map<String, FieldType> types = new LinkedHashMap<>();
        for (int f = 0; f < t.fieldNames().length; f++) {
            types.put(t.fieldNames()[f], switch (t.kinds()[f]) {
                case STRING -> FieldType.STRING;
                case NUMBER -> FieldType.NUMBER;
                case BOOLEAN -> FieldType.BOOLEAN;
            });
        }
        if (typed) {
            types.put(TAGS, FieldType.LIST);
            types.put(SIGNUP, FieldType.DATE);
        }
        return new RoutingSchema(types);
    }

    /** A bench table as the engine's table, operator by operator; {@code extra} (may be null) is appended per row. */
    static RoutingTable toEngine(BenchTable t, List<List<Condition>> extra) {
        List<RoutingRule> rules = new ArrayList<>(t.size());
        for (int r = 0; r < t.size(); r++) {
            Row row = t.rows().get(r);
            List<Condition> when = new ArrayList<>();
            for (Cond c : row.conds()) when.add(condition(t.fieldNames()[c.field()], c));
            if (extra != null) when.addAll(extra.get(r));
            boolean split = extra != null && r % 20 == 10;
            rules.add(split
                    ? new RoutingRule(row.id(), when, null, true, null,
                            List.of(new SplitShare("v" + (r % 7), 50), new SplitShare("canary", 50)), USER)
                    : new RoutingRule(row.id(), when, row.variant(), true, null));
        }
        return new RoutingTable(rules, t.defaultVariant());
    }

    static Condition condition(String field, Cond c) {
        return switch (c.op()) {
            case EQ, NUM_EQ -> Condition.of(field, Operator.EQUALS, c.a());
            case NE, NUM_NE -> Condition.of(field, Operator.NOT_EQUALS, c.a());
            case IN -> new Condition(field, Operator.IN, null, Arrays.asList((Object[]) c.a()));
            case NOT_IN -> new Condition(field, Operator.NOT_IN, null, Arrays.asList((Object[]) c.a()));
            case CONTAINS -> Condition.of(field, Operator.CONTAINS, c.a());
            case STARTS_WITH -> Condition.of(field, Operator.STARTS_WITH, c.a());
            case MATCHES -> Condition.of(field, Operator.MATCHES, c.a());
            case LT -> Condition.of(field, Operator.LT, c.a());
            case LE -> Condition.of(field, Operator.LTE, c.a());
            case GT -> Condition.of(field, Operator.GT, c.a());
            case GE -> Condition.of(field, Operator.GTE, c.a());
            case BETWEEN -> Condition.of(field, Operator.BETWEEN, c.a(), c.b());
            case IS -> Condition.of(field, Operator.IS, c.a());
            case PRESENT -> Condition.of(field, Operator.PRESENT);
            case ABSENT -> Condition.of(field, Operator.ABSENT);
        };
    }

    private static Prod typed(int rows, long seed) {
        BenchTable t = TableGen.table("mixed", rows, seed);
        SplittableRandom rnd = new SplittableRandom(seed * 31 + 17);
        List<List<Condition>> extra = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            String d = day(rnd.nextInt(730));
            extra.add(switch (rnd.nextInt(10)) {
                case 0, 1 -> List.of(Condition.of(TAGS, Operator.CONTAINS_ANY, tag(rnd), tag(rnd), tag(rnd)));
                case 2 -> List.of(Condition.of(TAGS, Operator.CONTAINS_ALL, tag(rnd), tag(rnd)));
                case 3 -> List.of(Condition.of(SIGNUP, Operator.BEFORE, d));
                case 4 -> List.of(Condition.of(SIGNUP, Operator.AFTER, d));
                case 5 -> List.of(Condition.of(SIGNUP, Operator.BETWEEN, d, day(730 + rnd.nextInt(60))));
                case 6 -> List.of(Condition.of(SIGNUP, Operator.EQUALS, d));
                case 7 -> List.of(Condition.of(TAGS, Operator.PRESENT));
                default -> List.of();
            });
        }
        return new Prod("typed", toEngine(t, extra), schemaOf(t, true), t, extra);
    }

    static String day(int offset) {
        return LocalDate.ofEpochDay(EPOCH_DAY_2025 + offset).toString();
    }

    static String tag(SplittableRandom rnd) {
        return "tag" + rnd.nextInt(30);
    }

    /**
     * Contexts for encoding P. For {@code eq}/{@code mixed}, {@link TableGen#contexts} (the very contexts the other
     * encodings use). For {@code typed}, the same recipe (intended first match uniform over the rows and "no match")
     * with tags (a JSON list), a signup date (ISO date or date-time) and a user id for the sticky splits.
     */
    public static List<Map<String, Object>> contexts(Prod p, int count, long seed) {
        if (p.extra() == null) return TableGen.contexts(p.bench(), count, seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Map<String, Object>> out = new ArrayList<>(count);
        while (out.size() < count) {
            int target = rnd.nextInt(p.table().rules().size() + 1);
            Map<String, Object> ctx = TableGen.background(rnd, p.bench());
            ctx.put(USER, "u" + rnd.nextInt(100_000));
            if (rnd.nextInt(10) < 7) {
                List<String> tags = new ArrayList<>();
                for (int i = rnd.nextInt(4); i > 0; i--) tags.add(tag(rnd));
                ctx.put(TAGS, tags);
            }
            if (rnd.nextInt(10) < 7) {
                String d = day(rnd.nextInt(790));
                ctx.put(SIGNUP, rnd.nextBoolean() ? d : d + "T" + String.format("%02d", rnd.nextInt(24)) + ":30:00Z");
            }
            if (target < p.table().rules().size()) {
                TableGen.satisfy(ctx, p.bench(), p.bench().rows().get(target));
                for (Condition c : p.extra().get(target)) satisfy(ctx, c);
            } else if (!(RoutingExplainer.decide(p.table(), p.schema(), ctx) instanceof RoutingDecision.DefaultMatched)) {
                continue;
            }
            Map<String, Object> copy = new HashMap<>(ctx);
            if (copy.get(TAGS) instanceof List<?> l) copy.put(TAGS, List.copyOf(l));
            out.add(Map.copyOf(copy));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void satisfy(Map<String, Object> ctx, Condition c) {
        switch (c.op()) {
            case CONTAINS_ANY, CONTAINS_ALL, PRESENT -> {
                Set<Object> tags = new LinkedHashSet<>(ctx.get(TAGS) instanceof List<?> l ? (List<Object>) l : List.of());
                List<Object> need = c.op() == Operator.CONTAINS_ALL ? c.operands()
                        : c.op() == Operator.CONTAINS_ANY ? List.of(c.operands().getFirst()) : List.of("tag0");
                if (c.op() != Operator.PRESENT || tags.isEmpty()) tags.addAll(need);
                ctx.put(TAGS, new ArrayList<>(tags));
            }
            case BEFORE -> ctx.put(SIGNUP, shift((String) c.value(), -3));
            case AFTER -> ctx.put(SIGNUP, shift((String) c.value(), 3) + "T08:00:00Z");
            case BETWEEN -> ctx.put(SIGNUP, shift((String) c.operands().get(0), 1));
            case EQUALS -> ctx.put(SIGNUP, c.value());
            default -> throw new IllegalArgumentException(c.toString());
        }
    }

    private static String shift(String isoDay, int days) {
        return LocalDate.parse(isoDay).plusDays(days).toString();
    }
}
