package dev.junction.engine.audit;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.support.Jackson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one text of a JSON value that the audit chain hashes, written so that another program can rebuild it from an
 * exported row (README, "Audit trail"):
 * <ul>
 *   <li>no whitespace; object members sorted by key (by UTF-16 code units, as Java's and JavaScript's sort do);</li>
 *   <li>strings in double quotes, escaping only {@code "} and {@code \} and the control characters below U+0020
 *       ({@code \b \t \n \f \r}, the others as {@code \}{@code u00xx}, lower-case hex); everything else as is (UTF-8);</li>
 *   <li>numbers as plain decimals without trailing zeros or exponent ({@code 1.50} and {@code 1.5E0} are {@code 1.5},
 *       {@code 1E+2} is {@code 100}): PostgreSQL's {@code jsonb} keeps a number's value but not its spelling, so the
 *       spelling cannot be part of what is hashed;</li>
 *   <li>{@code true}, {@code false}, {@code null}.</li>
 * </ul>
 * Object key order and duplicate keys never reach it ({@code jsonb} reorders and de-duplicates, Jackson's trees
 * keep one value per key).
 */
public final class CanonicalJson {
    /** Numbers read exactly (BigDecimal, not double), so the value hashed is the value {@code jsonb} keeps. */
    private static final ObjectMapper EXACT = Jackson.mapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private CanonicalJson() {}

    /** Parses stored JSON (a {@code jsonb} column's text) with exact numbers; null stays null. */
    public static JsonNode read(String json) {
        if (json == null) return null;
        try {
            return EXACT.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    public static String write(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        write(node, out);
        return out.toString();
    }

    static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            Collections.sort(keys);
            out.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) out.append(',');
                string(keys.get(i), out);
                out.append(':');
                write(node.get(keys.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) out.append(',');
                write(node.get(i), out);
            }
            out.append(']');
        } else if (node.isNumber()) {
            out.append(number(node.decimalValue()));
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isTextual()) {
            string(node.textValue(), out);
        } else {
            string(node.asText(), out); // binary or POJO nodes do not come out of a parser; text is the safe reading
        }
    }

    static String number(BigDecimal value) {
        if (value.signum() == 0) return "0";
        return value.stripTrailingZeros().toPlainString();
    }

    static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\f' -> out.append("\\f");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
