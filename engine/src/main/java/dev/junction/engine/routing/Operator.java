package dev.junction.engine.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a condition compares a context field with its value. The walking skeleton knows equality;
 * the routing issue adds the typed operators (in, contains, between, before...).
 */
public enum Operator {
    EQUALS;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Operator fromWire(String value) {
        for (Operator op : values()) {
            if (op.wireName().equals(value)) return op;
        }
        throw new IllegalArgumentException("unknown operator '" + value + "'");
    }
}
