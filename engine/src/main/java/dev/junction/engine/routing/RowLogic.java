package dev.junction.engine.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reasoning about rows without a context, for deploy-time checks: does a row contradict itself, and does an earlier
 * row catch every context a later one would. Sound, not complete: it only says yes when it is sure (a finite set of
 * values from {@code equals}/{@code in}/{@code is}, tested against the other conditions with
 * {@link ConditionSemantics}; intervals of numbers and dates; identical conditions; presence), so a warning is
 * always true, and some dead rows (two regular expressions that never agree, say) go unreported.
 */
public final class RowLogic {
    private RowLogic() {}

    /** Why no context can satisfy this row, if that is certain. */
    public static Optional<String> contradiction(RoutingRule rule, RoutingSchema schema) {
        for (Map.Entry<String, List<Condition>> e : byField(rule).entrySet()) {
            String field = e.getKey();
            List<Condition> cs = e.getValue();
            FieldType type = schema.typeOf(field);
            boolean absent = cs.stream().anyMatch(c -> c.op() == Operator.ABSENT);
            if (absent && cs.stream().anyMatch(c -> c.op() != Operator.ABSENT)) {
                return Optional.of("'" + field + "' cannot be absent and have a value");
            }
            if (absent) continue;
            List<Object> finite = finite(cs, type);
            if (finite != null && finite.isEmpty()) {
                return Optional.of("no value of '" + field + "' satisfies " + describe(cs));
            }
            Interval interval = interval(cs, type);
            if (finite == null && interval != null && interval.empty()) {
                return Optional.of("no value of '" + field + "' satisfies " + describe(cs));
            }
        }
        return Optional.empty();
    }

    /** True when every context that satisfies {@code later} also satisfies {@code earlier}. */
    public static boolean covers(RoutingRule earlier, RoutingRule later, RoutingSchema schema) {
        Map<String, List<Condition>> laterByField = byField(later);
        for (Condition c : earlier.when()) {
            List<Condition> ds = laterByField.getOrDefault(c.field(), List.of());
            if (!implied(c, ds, schema.typeOf(c.field()))) return false;
        }
        return true;
    }

    private static boolean implied(Condition c, List<Condition> ds, FieldType type) {
        boolean laterAbsent = ds.stream().anyMatch(d -> d.op() == Operator.ABSENT);
        if (c.op() == Operator.ABSENT) return laterAbsent;
        if (ds.isEmpty() || laterAbsent) return false;
        if (c.op() == Operator.PRESENT) return true;
        if (ds.stream().anyMatch(d -> same(c, d, type))) return true;
        List<Object> finite = finite(ds, type);
        if (finite != null) return finite.stream().allMatch(v -> ConditionSemantics.holds(c, type, v));
        Interval within = interval(ds, type);
        Interval wanted = interval(List.of(c), type);
        return within != null && wanted != null && wanted.contains(within);
    }

    /** Conditions with the same operator and operands, as the field type reads them. */
    private static boolean same(Condition a, Condition b, FieldType type) {
        if (a.op() != b.op() || a.operands().size() != b.operands().size()) return false;
        FieldType as = type == FieldType.LIST ? FieldType.STRING : type;
        for (int i = 0; i < a.operands().size(); i++) {
            if (!Objects.equals(ContextValues.read(as, a.operands().get(i)), ContextValues.read(as, b.operands().get(i)))) return false;
        }
        return true;
    }

    /**
     * The values the field can take when the conditions pin it to a finite set ({@code equals}, {@code in}, {@code is}),
     * keeping those that satisfy every condition; null when nothing pins it.
     */
    private static List<Object> finite(List<Condition> cs, FieldType type) {
        List<Object> candidates = null;
        for (Condition c : cs) {
            List<Object> pinned = switch (c.op()) {
                case EQUALS, IS -> c.value() == null ? null : List.of(c.value());
                case IN -> c.operands();
                default -> null;
            };
            if (pinned != null && (candidates == null || pinned.size() < candidates.size())) candidates = pinned;
        }
        if (candidates == null) return null;
        List<Object> out = new ArrayList<>();
        for (Object v : candidates) {
            if (cs.stream().allMatch(c -> ConditionSemantics.holds(c, type, v))) out.add(v);
        }
        return out;
    }

    /** The interval the number or date conditions allow (their intersection); null for other types or none. */
    private static Interval interval(List<Condition> cs, FieldType type) {
        if (type != FieldType.NUMBER && type != FieldType.DATE) return null;
        Interval all = null;
        for (Condition c : cs) {
            Interval i = switch (c.op()) {
                case EQUALS -> Interval.closed(at(type, c.value()), at(type, c.value()));
                case LT, BEFORE -> new Interval(Double.NEGATIVE_INFINITY, true, at(type, c.value()), false);
                case LTE -> new Interval(Double.NEGATIVE_INFINITY, true, at(type, c.value()), true);
                case GT, AFTER -> new Interval(at(type, c.value()), false, Double.POSITIVE_INFINITY, true);
                case GTE -> new Interval(at(type, c.value()), true, Double.POSITIVE_INFINITY, true);
                case BETWEEN -> c.operands().size() == 2 ? Interval.closed(at(type, c.operands().get(0)), at(type, c.operands().get(1))) : null;
                default -> null;
            };
            if (i == null) continue;
            all = all == null ? i : all.intersect(i);
        }
        return all;
    }

    private static double at(FieldType type, Object operand) {
        Object v = ContextValues.read(type, operand);
        if (v instanceof Double d) return d;
        if (v instanceof Long l) return l;
        return Double.NaN; // an unvalidated operand: NaN makes every comparison false, so nothing is claimed
    }

    private record Interval(double lo, boolean loClosed, double hi, boolean hiClosed) {
        static Interval closed(double lo, double hi) {
            return new Interval(lo, true, hi, true);
        }

        Interval intersect(Interval o) {
            double l = Math.max(lo, o.lo);
            boolean lc = lo == o.lo ? loClosed && o.loClosed : (l == lo ? loClosed : o.loClosed);
            double h = Math.min(hi, o.hi);
            boolean hc = hi == o.hi ? hiClosed && o.hiClosed : (h == hi ? hiClosed : o.hiClosed);
            return new Interval(l, lc, h, hc);
        }

        boolean empty() {
            return lo > hi || (lo == hi && !(loClosed && hiClosed));
        }

        /** Every point of {@code o} is in this interval (an empty {@code o} is contained). */
        boolean contains(Interval o) {
            if (o.empty()) return true;
            boolean lowOk = lo < o.lo || (lo == o.lo && (loClosed || !o.loClosed));
            boolean highOk = hi > o.hi || (hi == o.hi && (hiClosed || !o.hiClosed));
            return lowOk && highOk;
        }
    }

    private static Map<String, List<Condition>> byField(RoutingRule rule) {
        Map<String, List<Condition>> out = new LinkedHashMap<>();
        for (Condition c : rule.when()) {
            if (c != null && c.field() != null) out.computeIfAbsent(c.field(), k -> new ArrayList<>()).add(c);
        }
        return out;
    }

    private static String describe(List<Condition> cs) {
        List<String> parts = new ArrayList<>();
        for (Condition c : cs) {
            parts.add(c.op().wireName() + (c.operands().isEmpty() ? "" : " " + (c.operands().size() == 1
                    ? "'" + c.operands().getFirst() + "'" : c.operands().toString())));
        }
        return String.join(" and ", parts);
    }
}
