package dev.junction.bench;

import dev.junction.bench.BenchTable.Cond;
import dev.junction.bench.BenchTable.Kind;
import dev.junction.bench.BenchTable.Row;
import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RoutingDecision;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Encoding E: a plain-Java first-match evaluator, and the reference semantics every other encoding is checked
 * against. A value of the wrong type counts as absent; every operator but ABSENT is false on an absent value.
 */
public final class JavaRouter implements Router {
    private final String[] fieldNames;
    private final Predicate<Object[]>[][] rows;
    private final RoutingDecision[] decisions;
    private final RoutingDecision fallback;
    private final Kind[] kinds;

    @SuppressWarnings("unchecked")
    public JavaRouter(BenchTable table) {
        this.fieldNames = table.fieldNames();
        this.kinds = table.kinds();
        List<Row> list = table.rows();
        this.rows = new Predicate[list.size()][];
        this.decisions = new RoutingDecision[list.size()];
        for (int r = 0; r < list.size(); r++) {
            Row row = list.get(r);
            rows[r] = row.conds().stream().map(c -> predicate(table.kinds()[c.field()], c)).toArray(Predicate[]::new);
            decisions[r] = new RoutingDecision.Matched(row.variant(), row.id());
        }
        this.fallback = new RoutingDecision.DefaultMatched(table.defaultVariant());
    }

    /** Context values by field index, typed: wrong-typed values become null. */
    static Object[] values(String[] names, BenchTable.Kind[] kinds, Map<String, Object> context) {
        Object[] values = new Object[names.length];
        for (int i = 0; i < names.length; i++) {
            Object v = context.get(names[i]);
            values[i] = switch (kinds[i]) {
                case STRING -> v instanceof String ? v : null;
                case NUMBER -> v instanceof Number n ? (Object) n.doubleValue() : null;
                case BOOLEAN -> v instanceof Boolean ? v : null;
            };
        }
        return values;
    }


    @Override
    public RoutingDecision route(Map<String, Object> context) {
        Object[] v = values(fieldNames, kinds, context);
        outer:
        for (int r = 0; r < rows.length; r++) {
            for (Predicate<Object[]> p : rows[r]) {
                if (!p.test(v)) continue outer;
            }
            return decisions[r];
        }
        return fallback;
    }

    static Predicate<Object[]> predicate(Kind kind, Cond c) {
        int f = c.field();
        return switch (c.op()) {
            case EQ -> { String a = (String) c.a(); yield v -> a.equals(v[f]); }
            case NE -> { String a = (String) c.a(); yield v -> v[f] != null && !a.equals(v[f]); }
            case IN -> { Set<String> a = Set.copyOf(java.util.Arrays.asList((String[]) c.a())); yield v -> v[f] != null && a.contains(v[f]); }
            case NOT_IN -> { Set<String> a = Set.copyOf(java.util.Arrays.asList((String[]) c.a())); yield v -> v[f] != null && !a.contains(v[f]); }
            case CONTAINS -> { String a = (String) c.a(); yield v -> v[f] instanceof String s && s.contains(a); }
            case STARTS_WITH -> { String a = (String) c.a(); yield v -> v[f] instanceof String s && s.startsWith(a); }
            case MATCHES -> { Pattern a = Pattern.compile((String) c.a()); yield v -> v[f] instanceof String s && a.matcher(s).matches(); }
            case NUM_EQ -> { double a = (Double) c.a(); yield v -> v[f] instanceof Double d && d == a; }
            case NUM_NE -> { double a = (Double) c.a(); yield v -> v[f] instanceof Double d && d != a; }
            case LT -> { double a = (Double) c.a(); yield v -> v[f] instanceof Double d && d < a; }
            case LE -> { double a = (Double) c.a(); yield v -> v[f] instanceof Double d && d <= a; }
            case GT -> { double a = (Double) c.a(); yield v -> v[f] instanceof Double d && d > a; }
            case GE -> { double a = (Double) c.a(); yield v -> v[f] instanceof Double d && d >= a; }
            case BETWEEN -> { double a = (Double) c.a(), b = (Double) c.b(); yield v -> v[f] instanceof Double d && d >= a && d <= b; }
            case IS -> { Boolean a = (Boolean) c.a(); yield v -> a.equals(v[f]); }
            case PRESENT -> v -> v[f] != null;
            case ABSENT -> v -> v[f] == null;
        };
    }
}
