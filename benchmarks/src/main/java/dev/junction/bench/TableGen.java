package dev.junction.bench;

import dev.junction.bench.BenchTable.Cond;
import dev.junction.bench.BenchTable.Kind;
import dev.junction.bench.BenchTable.Op;
import dev.junction.bench.BenchTable.Row;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded realistic tables: 2-3 conditions per row over 8 fields. Shape "eq": every condition is string equality
 * (the only operator today's encoding A knows). Shape "mixed": the typed operators of issue #4.
 */
public final class TableGen {
    static final String[] NAMES = {"language", "country", "tier", "model", "prompt_tokens", "account_age_days", "beta", "region"};
    static final Kind[] MIXED_KINDS = {Kind.STRING, Kind.STRING, Kind.STRING, Kind.STRING, Kind.NUMBER, Kind.NUMBER, Kind.BOOLEAN, Kind.STRING};
    static final Kind[] EQ_KINDS = {Kind.STRING, Kind.STRING, Kind.STRING, Kind.STRING, Kind.STRING, Kind.STRING, Kind.STRING, Kind.STRING};
    /** Distinct values per string field: 24 in "eq" tables (2-3 equalities per row), 200 in "mixed" ones. */
    static int vocab = 24;

    private TableGen() {}

    public static BenchTable table(String shape, int rows, long seed) {
        boolean mixed = shape.equals("mixed");
        vocab = mixed ? 200 : 24;
        Kind[] kinds = mixed ? MIXED_KINDS : EQ_KINDS;
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Row> list = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            int n = 2 + rnd.nextInt(2);
            List<Integer> fields = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7));
            List<Cond> conds = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (mixed && i == 0) {
                    // every mixed row has one selective string test (equals or in), as real routing rows do
                    Integer f = List.of(0, 1, 2, 3, 7).get(rnd.nextInt(5));
                    fields.remove(f);
                    conds.add(rnd.nextInt(3) < 2 ? new Cond(f, Op.EQ, word(rnd, f), null)
                            : new Cond(f, Op.IN, new String[] {word(rnd, f), word(rnd, f), word(rnd, f)}, null));
                    continue;
                }
                int f = fields.remove(rnd.nextInt(fields.size()));
                conds.add(mixed ? mixedCond(rnd, f, kinds[f]) : new Cond(f, Op.EQ, word(rnd, f), null));
            }
            list.add(new Row("r" + r, "v" + (r % 7), List.copyOf(conds)));
        }
        return new BenchTable(NAMES.clone(), kinds, List.copyOf(list), "default");
    }

    static String word(SplittableRandom rnd, int field) {
        return NAMES[field].substring(0, 2) + rnd.nextInt(vocab);
    }

    static Cond mixedCond(SplittableRandom rnd, int f, Kind kind) {
        switch (kind) {
            case STRING -> {
                int k = rnd.nextInt(10);
                if (k < 4) return new Cond(f, Op.EQ, word(rnd, f), null);
                if (k < 5) return new Cond(f, Op.NE, word(rnd, f), null);
                if (k < 7) return new Cond(f, Op.IN, new String[] {word(rnd, f), word(rnd, f), word(rnd, f)}, null);
                if (k < 8) return new Cond(f, Op.STARTS_WITH, NAMES[f].substring(0, 2) + (1 + rnd.nextInt(9)), null);
                if (k < 9) return new Cond(f, Op.CONTAINS, String.valueOf(rnd.nextInt(vocab)), null);
                return rnd.nextBoolean()
                        ? new Cond(f, Op.NOT_IN, new String[] {word(rnd, f), word(rnd, f)}, null)
                        : new Cond(f, Op.MATCHES, NAMES[f].substring(0, 2) + "1[0-9]", null);
            }
            case NUMBER -> {
                double a = 100 * rnd.nextInt(100);
                return switch (rnd.nextInt(7)) {
                    case 0 -> new Cond(f, Op.LT, a, null);
                    case 1 -> new Cond(f, Op.LE, a, null);
                    case 2 -> new Cond(f, Op.GT, a, null);
                    case 3 -> new Cond(f, Op.GE, a, null);
                    case 4 -> new Cond(f, Op.BETWEEN, a, a + 100 * (1 + rnd.nextInt(20)));
                    case 5 -> new Cond(f, Op.NUM_EQ, a, null);
                    default -> new Cond(f, Op.NUM_NE, a, null);
                };
            }
            default -> {
                int k = rnd.nextInt(10);
                if (k < 8) return new Cond(f, Op.IS, rnd.nextBoolean(), null);
                return new Cond(f, k == 8 ? Op.PRESENT : Op.ABSENT, null, null);
            }
        }
    }

    /** A random background context: each field present with probability 0.7, values from the vocabulary. */
    static Map<String, Object> background(SplittableRandom rnd, BenchTable t) {
        Map<String, Object> ctx = new HashMap<>();
        for (int f = 0; f < t.fieldNames().length; f++) {
            if (rnd.nextInt(10) >= 7) continue;
            ctx.put(t.fieldNames()[f], switch (t.kinds()[f]) {
                case STRING -> word(rnd, f);
                case NUMBER -> (Object) (long) rnd.nextInt(10_000);
                case BOOLEAN -> rnd.nextBoolean();
            });
        }
        return ctx;
    }

    /** Puts into ctx values that satisfy every condition of the row. */
    static void satisfy(Map<String, Object> ctx, BenchTable t, Row row) {
        for (Cond c : row.conds()) {
            String name = t.fieldNames()[c.field()];
            Object v = switch (c.op()) {
                case EQ -> c.a();
                case NE -> c.a() + "x";
                case IN -> ((String[]) c.a())[0];
                case NOT_IN -> "none";
                case CONTAINS -> "x" + c.a() + "y";
                case STARTS_WITH -> c.a() + "7";
                case MATCHES -> ((String) c.a()).substring(0, 2) + "15";
                case NUM_EQ, LE, GE -> (long) (double) (Double) c.a();
                case NUM_NE, GT -> (long) (double) (Double) c.a() + 1;
                case LT -> (long) (double) (Double) c.a() - 1;
                case BETWEEN -> (long) (((Double) c.a() + (Double) c.b()) / 2);
                case IS -> c.a();
                case PRESENT -> t.kinds()[c.field()] == Kind.BOOLEAN ? Boolean.TRUE : (Object) "p";
                case ABSENT -> null;
            };
            if (v == null) ctx.remove(name); else ctx.put(name, v);
        }
    }

    /**
     * Contexts whose intended first match is spread uniformly over rows 0..n-1 and "no match"; the reference
     * evaluator decides the actual first match (an earlier row may also match).
     */
    public static List<Map<String, Object>> contexts(BenchTable t, int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        JavaRouter ref = new JavaRouter(t);
        List<Map<String, Object>> out = new ArrayList<>(count);
        while (out.size() < count) {
            int target = rnd.nextInt(t.size() + 1);
            Map<String, Object> ctx = background(rnd, t);
            if (target < t.size()) {
                satisfy(ctx, t, t.rows().get(target));
            } else if (!(ref.route(ctx) instanceof RoutingDecision.DefaultMatched)) {
                continue;
            }
            out.add(Map.copyOf(ctx));
        }
        return out;
    }

    /** Warm-up contexts as DroolsRouterCompiler does: empty, then one that satisfies each row. */
    public static List<Map<String, Object>> warmContexts(BenchTable t) {
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(Map.of());
        for (Row row : t.rows()) {
            Map<String, Object> ctx = new HashMap<>();
            satisfy(ctx, t, row);
            out.add(ctx);
        }
        return out;
    }

    /** The equality-only table as the engine's RoutingTable, for today's DroolsRouterCompiler. */
    public static RoutingTable toRoutingTable(BenchTable t) {
        List<RoutingRule> rules = new ArrayList<>();
        for (Row row : t.rows()) {
            Condition[] conds = row.conds().stream().map(c -> {
                if (c.op() != Op.EQ) throw new IllegalArgumentException("encoding A knows only equality");
                return Condition.equalsTo(t.fieldNames()[c.field()], (String) c.a());
            }).toArray(Condition[]::new);
            rules.add(RoutingRule.of(row.id(), row.variant(), conds));
        }
        return new RoutingTable(rules, t.defaultVariant());
    }
}
