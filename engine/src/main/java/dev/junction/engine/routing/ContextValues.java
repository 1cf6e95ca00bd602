package dev.junction.engine.routing;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How a context value (or a condition's value) is read as a field's type: the one place that decides it, used by
 * the compiled rules and by the explanation alike. Never throws: a value that is not of the type reads as null, and
 * {@link #problem} says why.
 * <ul>
 *   <li>string: a JSON string; a number or boolean is read as its JSON text ({@code 42} is {@code "42"})</li>
 *   <li>number: a JSON number, or a string holding a decimal number ({@code "42.5"}); compared as a double</li>
 *   <li>boolean: {@code true}/{@code false}, or the strings {@code "true"}/{@code "false"}</li>
 *   <li>list: a JSON array of strings, numbers or booleans, each read as its text</li>
 *   <li>date: ISO-8601 text, a date ({@code 2026-11-22}, midnight UTC) or a date-time with or without an offset
 *       ({@code 2026-11-22T10:00:00Z}; without one it is UTC); compared as epoch milliseconds</li>
 * </ul>
 */
public final class ContextValues {
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private ContextValues() {}

    /**
     * The value as {@code type} reads it: String, Double, Boolean, an unmodifiable Set of String (list) or a Long of
     * epoch milliseconds (date); null when it is absent or not of the type.
     */
    public static Object read(FieldType type, Object raw) {
        if (raw == null) return null;
        return switch (type) {
            case STRING -> raw instanceof String s ? s : raw instanceof Number || raw instanceof Boolean ? raw.toString() : null;
            case NUMBER -> number(raw);
            case BOOLEAN -> raw instanceof Boolean b ? b : "true".equals(raw) ? Boolean.TRUE : "false".equals(raw) ? Boolean.FALSE : null;
            case LIST -> list(raw);
            case DATE -> raw instanceof String s ? date(s) : null;
        };
    }

    /** Why {@link #read} gives null for this value, or null when it reads fine. */
    public static String problem(FieldType type, Object raw) {
        if (raw == null) return "absent";
        if (read(type, raw) != null) return null;
        return "expected " + switch (type) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "true or false";
            case LIST -> "a list of strings, numbers or booleans";
            case DATE -> "an ISO-8601 date or date-time";
        } + ", got " + describe(raw);
    }

    private static String describe(Object raw) {
        if (raw instanceof String s) return "\"" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "\"";
        if (raw instanceof Collection<?>) return "a list";
        if (raw instanceof Map<?, ?>) return "an object";
        return String.valueOf(raw);
    }

    private static Double number(Object raw) {
        double d;
        if (raw instanceof Number n) {
            d = n.doubleValue();
        } else if (raw instanceof String s && DECIMAL.matcher(s).matches()) {
            d = Double.parseDouble(s); // the nearest double, as BigDecimal's; an exponent beyond range is infinite, not a throw
        } else {
            return null;
        }
        return Double.isFinite(d) ? d + 0.0 : null; // + 0.0 turns -0.0 into 0.0, so 0 and -0 are one value
    }

    private static Set<String> list(Object raw) {
        if (!(raw instanceof Collection<?> items)) return null;
        Set<String> out = new LinkedHashSet<>();
        for (Object item : items) {
            if (item instanceof String || item instanceof Number || item instanceof Boolean) out.add(item.toString());
            else return null;
        }
        return Collections.unmodifiableSet(out);
    }

    private static Long date(String s) {
        try {
            if (s.length() == 10) return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            try { // seconds are optional ("2026-11-22T10:30Z"), as in ISO 8601; a lower-case z is read as Z
                return OffsetDateTime.parse(s.toUpperCase(java.util.Locale.ROOT)).toInstant().toEpochMilli();
            } catch (DateTimeParseException noOffset) {
                return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toEpochMilli();
            }
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
