package dev.junction.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The field-by-field difference of two JSON states, as a list of {@code {path, before, after}}: paths like
 * {@code variants[1].model.name} (an object member by name, an array element by index), only leaves and whole
 * added or removed members listed. A member whose name is a secret ({@link Redaction#isSecretName}) anywhere on its
 * path is compared on its real value but listed with {@value Redaction#REDACTED} in place of both values (a
 * changed API key shows as changed, never as what it was or became). At most {@link #MAX_CHANGES} changes are
 * listed; then one entry with path {@code "..."} says how many more there were.
 */
public final class JsonDiff {
    public static final int MAX_CHANGES = 1000;

    private JsonDiff() {}

    /** The changes from {@code before} to {@code after} (either may be null: created or removed). */
    public static ArrayNode of(JsonNode before, JsonNode after) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        int[] more = {0};
        JsonNode a = missingToNull(before);
        JsonNode b = missingToNull(after);
        // created or removed: list the members, not one root entry that repeats the whole state
        if (a.isNull() && b.isObject()) a = JsonNodeFactory.instance.objectNode();
        if (b.isNull() && a.isObject()) b = JsonNodeFactory.instance.objectNode();
        walk("", a, b, false, out, more);
        if (more[0] > 0) {
            ObjectNode e = out.addObject();
            e.put("path", "...");
            e.putNull("before");
            e.put("after", more[0] + " more changes not listed");
        }
        return out;
    }

    private static void walk(String path, JsonNode a, JsonNode b, boolean secret, ArrayNode out, int[] more) {
        if (same(a, b)) return;
        if (a.isObject() && b.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                walk(path.isEmpty() ? name : path + "." + name, missingToNull(a.get(name)), missingToNull(b.get(name)),
                        secret || Redaction.isSecretName(name), out, more);
            }
            return;
        }
        if (a.isArray() && b.isArray()) {
            for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
                walk(path + "[" + i + "]", missingToNull(a.get(i)), missingToNull(b.get(i)), secret, out, more);
            }
            return;
        }
        if (out.size() >= MAX_CHANGES) {
            more[0]++;
            return;
        }
        ObjectNode e = out.addObject();
        e.put("path", path);
        e.set("before", secret ? hidden(a) : Redaction.redact(a));
        e.set("after", secret ? hidden(b) : Redaction.redact(b));
    }

    private static JsonNode hidden(JsonNode value) {
        return value.isNull() || value.isBoolean() ? value : TextNode.valueOf(Redaction.REDACTED);
    }

    /** Equal as JSON values: numbers by value ({@code 1.0} is {@code 1}), objects whatever their member order. */
    static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) return a.decimalValue().compareTo(b.decimalValue()) == 0;
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) return false;
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!b.has(name) || !same(a.get(name), b.get(name))) return false;
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) return false;
            for (int i = 0; i < a.size(); i++) if (!same(a.get(i), b.get(i))) return false;
            return true;
        }
        return a.equals(b);
    }

    private static JsonNode missingToNull(JsonNode n) {
        return n == null || n.isMissingNode() ? JsonNodeFactory.instance.nullNode() : n;
    }
}
