package dev.junction.engine.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A context that satisfies a row's conditions, for code snippets ("call it like this to reach that variant") and for
 * warming a compiled version. Candidates per field are drawn from the conditions' own operands and their neighbours,
 * and a candidate is kept only if {@link ConditionSemantics} says every condition on the field holds for it; a row
 * whose conditions no candidate satisfies (a regular expression, a contradiction) has no example.
 */
public final class Examples {
    private static final long DAY = 86_400_000L;

    private Examples() {}

    public static Optional<Map<String, Object>> satisfying(RoutingRule rule, RoutingSchema schema) {
        Map<String, List<Condition>> byField = new LinkedHashMap<>();
        for (Condition c : rule.when()) byField.computeIfAbsent(c.field(), k -> new ArrayList<>()).add(c);
        Map<String, Object> context = new LinkedHashMap<>();
        for (Map.Entry<String, List<Condition>> e : byField.entrySet()) {
            FieldType type = schema.typeOf(e.getKey());
            List<Condition> conditions = e.getValue();
            if (conditions.stream().anyMatch(c -> c.op() == Operator.ABSENT)) {
                if (conditions.stream().allMatch(c -> c.op() == Operator.ABSENT)) continue; // leave the field out
                return Optional.empty();
            }
            Optional<Object> value = candidates(type, conditions).stream()
                    .filter(v -> conditions.stream().allMatch(c -> ConditionSemantics.holds(c, type, v)))
                    .findFirst();
            if (value.isEmpty()) return Optional.empty();
            context.put(e.getKey(), value.get());
        }
        return Optional.of(context);
    }

    private static List<Object> candidates(FieldType type, List<Condition> conditions) {
        List<Object> out = new ArrayList<>();
        for (Condition c : conditions) {
            for (Object operand : c.operands()) {
                Object v = ContextValues.read(type == FieldType.LIST ? FieldType.STRING : type, operand);
                if (v == null) continue;
                switch (type) {
                    case STRING -> {
                        out.add(v);
                        out.add(v + "x");
                        out.add("x" + v);
                    }
                    case NUMBER -> {
                        double d = (Double) v;
                        out.add(number(d));
                        out.add(number(d + 1));
                        out.add(number(d - 1));
                        out.add(d + 0.5);
                        out.add(d - 0.5);
                    }
                    case BOOLEAN -> out.add(v);
                    case LIST -> out.add(List.copyOf(c.operands().stream().map(Object::toString).toList()));
                    case DATE -> {
                        long ms = (Long) v;
                        out.add(Instant.ofEpochMilli(ms).toString());
                        out.add(Instant.ofEpochMilli(ms + DAY).toString());
                        out.add(Instant.ofEpochMilli(ms - DAY).toString());
                    }
                }
            }
            if (c.op() == Operator.BETWEEN && c.operands().size() == 2) {
                Object lo = ContextValues.read(type, c.operands().get(0));
                Object hi = ContextValues.read(type, c.operands().get(1));
                if (lo instanceof Double a && hi instanceof Double b) out.add((a + b) / 2);
                if (lo instanceof Long a && hi instanceof Long b) out.add(Instant.ofEpochMilli(a + (b - a) / 2).toString());
            }
        }
        switch (type) { // something for present / not_in / not_equals alone
            case STRING -> out.add("example");
            case NUMBER -> out.add(1L);
            case BOOLEAN -> {
                out.add(true);
                out.add(false);
            }
            case LIST -> out.add(List.of("example"));
            case DATE -> out.add("2026-01-01");
        }
        return out;
    }

    /** A whole number as a long (so a snippet shows {@code 42}, not {@code 42.0}). */
    private static Object number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
    }
}
