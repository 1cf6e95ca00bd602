package dev.junction.engine.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A field-level diff of two specs, for people: {@code variants[spanish].primary.model: "echo" -> "gpt-4o"}.
 * Lists whose items have a {@code key} (variants) or an {@code id} (routing rules) are matched by it, and a model's
 * {@code tools} by their {@code name}, so a reordering or an insertion does not show every later item as changed; a
 * change of order is reported once. Other lists are compared by position. Every member of a model's parameters is
 * reached by its path, a tool's schema included:
 * {@code variants[main].primary.parameters.tools[get_weather].parameters.properties.city.type},
 * {@code variants[main].fallback.parameters.responseFormat.json_schema.strict},
 * {@code variants[main].primary.parameters.toolChoice.name}, {@code ...parameters.reasoningEffort}.
 */
public final class SpecDiff {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One difference. {@code from} is absent for "added", {@code to} for "removed". */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(String path, String change, JsonNode from, JsonNode to) {}

    private SpecDiff() {}

    public static List<Change> between(DeploymentSpec from, DeploymentSpec to) {
        List<Change> changes = new ArrayList<>();
        compare("", tree(from), tree(to), changes);
        return changes;
    }

    private static JsonNode tree(DeploymentSpec spec) {
        try {
            return JSON.readTree(SpecJson.write(spec));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void compare(String path, JsonNode a, JsonNode b, List<Change> out) {
        if (a.equals(b)) return;
        if (a.isObject() && b.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String p = path.isEmpty() ? name : path + "." + name;
                JsonNode x = a.get(name);
                JsonNode y = b.get(name);
                if (x == null) out.add(new Change(p, "added", null, y));
                else if (y == null) out.add(new Change(p, "removed", x, null));
                else compare(p, x, y, out);
            }
        } else if (a.isArray() && b.isArray()) {
            String id = identity(path, a, b);
            if (id == null) {
                int n = Math.max(a.size(), b.size());
                for (int i = 0; i < n; i++) {
                    String p = path + "[" + i + "]";
                    if (i >= a.size()) out.add(new Change(p, "added", null, b.get(i)));
                    else if (i >= b.size()) out.add(new Change(p, "removed", a.get(i), null));
                    else compare(p, a.get(i), b.get(i), out);
                }
            } else {
                Map<String, JsonNode> left = byId(a, id);
                Map<String, JsonNode> right = byId(b, id);
                for (Map.Entry<String, JsonNode> e : left.entrySet()) {
                    String p = path + "[" + e.getKey() + "]";
                    JsonNode other = right.get(e.getKey());
                    if (other == null) out.add(new Change(p, "removed", e.getValue(), null));
                    else compare(p, e.getValue(), other, out);
                }
                for (Map.Entry<String, JsonNode> e : right.entrySet()) {
                    if (!left.containsKey(e.getKey())) out.add(new Change(path + "[" + e.getKey() + "]", "added", null, e.getValue()));
                }
                List<String> orderA = new ArrayList<>(left.keySet());
                List<String> orderB = new ArrayList<>(right.keySet());
                orderA.retainAll(right.keySet());
                orderB.retainAll(left.keySet());
                if (!orderA.equals(orderB)) {
                    out.add(new Change(path, "reordered", JSON.valueToTree(orderA), JSON.valueToTree(orderB)));
                }
            }
        } else {
            out.add(new Change(path, "changed", a, b));
        }
    }

    /**
     * "key" or "id" when every item of both lists is an object with a distinct value for it; "name" for a model's
     * tools ({@code ...parameters.tools}) whose names are distinct.
     */
    private static String identity(String path, JsonNode a, JsonNode b) {
        for (String id : List.of("key", "id")) {
            if (hasDistinct(a, id) && hasDistinct(b, id)) return id;
        }
        if (path.endsWith("parameters.tools") && hasDistinct(a, "name") && hasDistinct(b, "name")) return "name";
        return null;
    }

    private static boolean hasDistinct(JsonNode list, String id) {
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode item : list) {
            if (!item.isObject() || !item.path(id).isTextual() || !seen.add(item.get(id).asText())) return false;
        }
        return true;
    }

    private static Map<String, JsonNode> byId(JsonNode list, String id) {
        Map<String, JsonNode> map = new LinkedHashMap<>();
        Iterator<JsonNode> items = list.elements();
        while (items.hasNext()) {
            JsonNode item = items.next();
            map.put(item.get(id).asText(), item);
        }
        return map;
    }
}
