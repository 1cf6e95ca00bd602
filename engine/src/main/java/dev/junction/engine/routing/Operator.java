package dev.junction.engine.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * How a condition compares a context field with its value(s), by the field's type. What each one means is decided
 * once, in {@link ConditionSemantics}. Every operator but {@code absent} needs the field present with a value of the
 * field's type: {@code not_equals} and {@code not_in} do not match a context without the field.
 */
public enum Operator {
    EQUALS(Operand.ONE, FieldType.STRING, FieldType.NUMBER, FieldType.BOOLEAN, FieldType.DATE),
    NOT_EQUALS(Operand.ONE, FieldType.STRING, FieldType.NUMBER, FieldType.BOOLEAN, FieldType.DATE),
    IN(Operand.LIST, FieldType.STRING),
    NOT_IN(Operand.LIST, FieldType.STRING),
    CONTAINS(Operand.ONE, FieldType.STRING),
    STARTS_WITH(Operand.ONE, FieldType.STRING),
    /** The whole value matches a Java regular expression. */
    MATCHES(Operand.ONE, FieldType.STRING),
    LT(Operand.ONE, FieldType.NUMBER),
    LTE(Operand.ONE, FieldType.NUMBER),
    GT(Operand.ONE, FieldType.NUMBER),
    GTE(Operand.ONE, FieldType.NUMBER),
    /** Inclusive at both ends: {@code values: [low, high]}. */
    BETWEEN(Operand.RANGE, FieldType.NUMBER, FieldType.DATE),
    IS(Operand.ONE, FieldType.BOOLEAN),
    CONTAINS_ANY(Operand.LIST, FieldType.LIST),
    CONTAINS_ALL(Operand.LIST, FieldType.LIST),
    BEFORE(Operand.ONE, FieldType.DATE),
    AFTER(Operand.ONE, FieldType.DATE),
    PRESENT(Operand.NONE, FieldType.values()),
    ABSENT(Operand.NONE, FieldType.values());

    /** What a condition with this operator carries: {@code value}, {@code values}, {@code values} of two, or nothing. */
    public enum Operand { ONE, LIST, RANGE, NONE }

    private final Operand operand;
    private final Set<FieldType> types;

    Operator(Operand operand, FieldType... types) {
        this.operand = operand;
        this.types = EnumSet.copyOf(java.util.List.of(types));
    }

    public Operand operand() {
        return operand;
    }

    public boolean appliesTo(FieldType type) {
        return types.contains(type);
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Operator fromWire(String value) {
        for (Operator op : values()) {
            if (op.wireName().equals(value)) return op;
        }
        throw new IllegalArgumentException("unknown operator '" + value + "' (expected one of " + wireNames() + ")");
    }

    public static String wireNames() {
        return String.join(", ", java.util.Arrays.stream(values()).map(Operator::wireName).toList());
    }

    /** The operators a field of this type accepts, for error messages and the panel. */
    public static String wireNamesFor(FieldType type) {
        return String.join(", ", java.util.Arrays.stream(values()).filter(o -> o.appliesTo(type)).map(Operator::wireName).toList());
    }
}
