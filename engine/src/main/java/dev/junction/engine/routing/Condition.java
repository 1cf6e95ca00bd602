package dev.junction.engine.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One test on one context field: {@code {"field": "tier", "op": "in", "values": ["gold", "platinum"]}}. Operators
 * that compare with one value carry {@code value}, those with a list ({@code in}, {@code contains_any}...) and
 * {@code between} ({@code [low, high]}) carry {@code values}, {@code present} and {@code absent} carry neither.
 * Values are JSON scalars (string, number, boolean; dates as ISO-8601 text); whether they suit the field's type is
 * checked by the spec validator, not here.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Condition(String field, Operator op, Object value, List<Object> values) {
    public Condition {
        op = op == null ? Operator.EQUALS : op;
        values = values == null ? null : Collections.unmodifiableList(new ArrayList<>(values)); // may hold nulls: validated
    }

    public Condition(String field, Operator op, Object value) {
        this(field, op, value, null);
    }

    public static Condition equalsTo(String field, Object value) {
        return new Condition(field, Operator.EQUALS, value, null);
    }

    public static Condition of(String field, Operator op, Object... values) {
        return switch (op.operand()) {
            case ONE -> new Condition(field, op, values[0], null);
            case NONE -> new Condition(field, op, null, null);
            case LIST, RANGE -> new Condition(field, op, null, List.of(values));
        };
    }

    /** The operands: {@code [value]}, {@code values}, or empty. */
    public List<Object> operands() {
        if (op.operand() == Operator.Operand.ONE) return value == null ? List.of() : List.of(value);
        if (op.operand() == Operator.Operand.NONE) return List.of();
        return values == null ? List.of() : values;
    }

    public Condition withField(String newField) {
        return new Condition(Objects.requireNonNull(newField), op, value, values);
    }
}
