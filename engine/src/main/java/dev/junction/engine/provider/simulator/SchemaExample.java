package dev.junction.engine.provider.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The smallest plain value a JSON schema accepts, for the simulator's made-up answers: {@code const}, else the first
 * {@code enum} value, else {@code default}, else by {@code type} (a string of {@code minLength} x's, a number at its
 * {@code minimum} or 0, false, {@code minItems} items, an object with its required properties — every property when
 * the schema lists none as required but forbids others, as strict schemas do). {@code anyOf}/{@code oneOf} take their
 * first branch; {@code allOf} merges its branches' properties. {@code $ref}, patterns and formats are not followed:
 * such a schema may get a value it refuses, which the gateway then reports as {@code invalid_output}, as it would a
 * real model's. Depth is bounded.
 */
final class SchemaExample {
    private static final int MAX_DEPTH = 16;

    private SchemaExample() {}

    static Object of(Map<String, Object> schema) {
        return value(schema, 0);
    }

    @SuppressWarnings("unchecked")
    private static Object value(Object node, int depth) {
        if (!(node instanceof Map<?, ?> raw) || depth > MAX_DEPTH) return "x";
        Map<String, Object> s = (Map<String, Object>) raw;
        if (s.containsKey("const")) return s.get("const");
        if (s.get("enum") instanceof List<?> e && !e.isEmpty()) return e.getFirst();
        if (s.containsKey("default")) return s.get("default");
        for (String branch : List.of("anyOf", "oneOf")) {
            if (s.get(branch) instanceof List<?> l && !l.isEmpty()) return value(l.getFirst(), depth + 1);
        }
        if (s.get("allOf") instanceof List<?> all && !all.isEmpty()) {
            Map<String, Object> merged = new LinkedHashMap<>(s);
            merged.remove("allOf");
            Map<String, Object> properties = new LinkedHashMap<>();
            List<Object> required = new ArrayList<>();
            for (Object part : all) {
                if (part instanceof Map<?, ?> p) {
                    if (p.get("properties") instanceof Map<?, ?> props) properties.putAll((Map<String, Object>) props);
                    if (p.get("required") instanceof List<?> r) required.addAll(r);
                    if (p.get("type") != null) merged.putIfAbsent("type", p.get("type"));
                }
            }
            merged.put("properties", properties);
            merged.put("required", required);
            return value(merged, depth + 1);
        }
        String type = type(s);
        return switch (type) {
            case "string" -> "x".repeat(Math.max(1, intOf(s.get("minLength"), 1)));
            case "integer" -> (long) Math.ceil(numberOf(s.get("minimum"), 0));
            case "number" -> numberOf(s.get("minimum"), 0);
            case "boolean" -> false;
            case "null" -> null;
            case "array" -> {
                List<Object> items = new ArrayList<>();
                for (int i = 0; i < Math.min(intOf(s.get("minItems"), 0), 8); i++) items.add(value(s.get("items"), depth + 1));
                yield items;
            }
            default -> object(s, depth);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> s, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> properties = s.get("properties") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
        List<?> required = s.get("required") instanceof List<?> r ? r : null;
        boolean closed = Boolean.FALSE.equals(s.get("additionalProperties"));
        for (Map.Entry<String, Object> property : properties.entrySet()) {
            if (required == null ? closed : required.contains(property.getKey())) {
                out.put(property.getKey(), value(property.getValue(), depth + 1));
            }
        }
        return out;
    }

    private static String type(Map<String, Object> s) {
        Object type = s.get("type");
        if (type instanceof String t) return t;
        if (type instanceof List<?> l) {
            for (Object t : l) if (t instanceof String name && !name.equals("null")) return name;
            return "null";
        }
        if (s.containsKey("properties")) return "object";
        if (s.containsKey("items")) return "array";
        return "string";
    }

    private static int intOf(Object v, int otherwise) {
        return v instanceof Number n ? n.intValue() : otherwise;
    }

    private static double numberOf(Object v, double otherwise) {
        return v instanceof Number n ? n.doubleValue() : otherwise;
    }
}
