package dev.junction.engine.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The type of a routing context field. Dates are ISO-8601 ({@code 2026-11-22} or an instant). */
public enum FieldType {
    STRING, NUMBER, BOOLEAN, LIST, DATE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static FieldType fromWire(String value) {
        for (FieldType t : values()) {
            if (t.wireName().equals(value)) return t;
        }
        throw new IllegalArgumentException("unknown field type '" + value + "' (expected string, number, boolean, list or date)");
    }
}
