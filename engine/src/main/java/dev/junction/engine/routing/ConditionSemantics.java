package dev.junction.engine.routing;

import java.util.List;
import java.util.Set;

/**
 * What a condition means, decided here once, in plain Java: the explanation of a decision uses it, and the property
 * test holds the compiled Drools rules to it. Values are read by {@link ContextValues}; never throws.
 * <p>{@code present} holds when the field has a non-null value of any type, {@code absent} when it has none. Every
 * other operator needs a value of the field's type, else it does not hold (a wrong type is not an error: the
 * explanation says "expected a number, got ..."). Strings compare exactly (case-sensitive); {@code matches} is a
 * whole-value regular expression run in linear time ({@link UserRegex}; one it refuses never holds); numbers compare
 * as doubles; {@code between} includes both ends; dates compare as instants.
 */
public final class ConditionSemantics {
    private ConditionSemantics() {}

    public static boolean holds(Condition c, FieldType type, Object raw) {
        if (c.op() == Operator.PRESENT) return raw != null;
        if (c.op() == Operator.ABSENT) return raw == null;
        Object v = ContextValues.read(type, raw);
        if (v == null) return false;
        try {
            return compare(c, type, v);
        } catch (RuntimeException invalidOperand) { // only an unvalidated condition (a draft being explained) gets here
            return false;
        }
    }

    private static boolean compare(Condition c, FieldType type, Object v) {
        List<Object> operands = c.operands();
        return switch (c.op()) {
            case EQUALS -> type == FieldType.NUMBER ? num(v) == num(lit(type, c.value())) : v.equals(lit(type, c.value()));
            case NOT_EQUALS -> type == FieldType.NUMBER ? num(v) != num(lit(type, c.value())) : !v.equals(lit(type, c.value()));
            case IN -> operands.stream().anyMatch(o -> v.equals(lit(type, o)));
            case NOT_IN -> operands.stream().noneMatch(o -> v.equals(lit(type, o)));
            case CONTAINS -> ((String) v).contains((String) lit(type, c.value()));
            case STARTS_WITH -> ((String) v).startsWith((String) lit(type, c.value()));
            case MATCHES -> UserRegex.of((String) lit(type, c.value())).matches((String) v);
            case LT -> num(v) < num(lit(type, c.value()));
            case LTE -> num(v) <= num(lit(type, c.value()));
            case GT -> num(v) > num(lit(type, c.value()));
            case GTE -> num(v) >= num(lit(type, c.value()));
            case BETWEEN -> type == FieldType.DATE
                    ? (Long) v >= (Long) lit(type, operands.get(0)) && (Long) v <= (Long) lit(type, operands.get(1))
                    : num(v) >= num(lit(type, operands.get(0))) && num(v) <= num(lit(type, operands.get(1)));
            case IS -> v.equals(lit(type, c.value()));
            case CONTAINS_ANY -> operands.stream().anyMatch(o -> ((Set<?>) v).contains(lit(FieldType.STRING, o)));
            case CONTAINS_ALL -> operands.stream().allMatch(o -> ((Set<?>) v).contains(lit(FieldType.STRING, o)));
            case BEFORE -> (Long) v < (Long) lit(type, c.value());
            case AFTER -> (Long) v > (Long) lit(type, c.value());
            case PRESENT, ABSENT -> throw new AssertionError("handled above");
        };
    }

    /** Why a condition did not hold when the reason is the value rather than the comparison; else null. */
    public static String reason(Condition c, FieldType type, Object raw) {
        if (c.op() == Operator.PRESENT || c.op() == Operator.ABSENT) return null;
        if (c.op() == Operator.MATCHES && c.value() instanceof String pattern) {
            String refused = UserRegex.of(pattern).problem();
            if (refused != null) return refused + "; the condition never holds";
        }
        return ContextValues.problem(type, raw);
    }

    /** A condition's operand read as the field type (list elements as strings); validated specs never give null. */
    public static Object lit(FieldType type, Object operand) {
        Object v = ContextValues.read(type == FieldType.LIST ? FieldType.STRING : type, operand);
        if (v == null) throw new IllegalArgumentException("operand " + operand + " is not a " + type.wireName());
        return v;
    }

    private static double num(Object v) {
        return (Double) v;
    }
}
