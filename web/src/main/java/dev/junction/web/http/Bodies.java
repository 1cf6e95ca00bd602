package dev.junction.web.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.SpecJson;

/** Reading request bodies, with errors that name the JSON path at fault ({@code variants[0].primary.retries}). */
public final class Bodies {
    private Bodies() {}

    public static JsonNode object(ObjectMapper mapper, String body) {
        JsonNode node = StrictJson.read(mapper, body, "body");
        if (node == null || !node.isObject()) throw ApiError.badRequest("body", "must be a JSON object");
        return node;
    }

    /** A deployment spec from JSON; {@code prefix} is where it sits in the body ("" or "spec."). */
    public static DeploymentSpec spec(JsonNode node, String prefix) {
        if (node == null || !node.isObject()) throw ApiError.badRequest(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1), "must be a deployment spec object");
        try {
            return SpecJson.read(node.toString());
        } catch (JsonMappingException e) {
            throw ApiError.badRequest(prefix + path(e), e.getOriginalMessage().replaceAll(" \\(class [^)]*\\)", "").split("\n")[0]);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest(prefix.isEmpty() ? "body" : prefix, e.getOriginalMessage());
        }
    }

    /** The field path of a mapping error: {@code variants[0].primary.retries}. */
    static String path(JsonMappingException e) {
        StringBuilder p = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!p.isEmpty()) p.append('.');
                p.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                p.append('[').append(ref.getIndex()).append(']');
            }
        }
        return p.isEmpty() ? "body" : p.toString();
    }

    /** An optional JSON object member as a map; absent or null is empty. */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Object> optionalObject(ObjectMapper mapper, JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) return java.util.Map.of();
        if (!node.isObject()) throw ApiError.badRequest(field, "must be a JSON object");
        return mapper.convertValue(node, java.util.Map.class);
    }

    /** A version reference: a number ({@code 3} or {@code v3}), {@code active} or {@code draft}; else a 400 naming the parameter. */
    public static String versionRef(String parameter, String ref) {
        if (ref.equals("draft") || ref.equals("active") || ref.matches("v?[0-9]{1,9}")) return ref;
        throw ApiError.badRequest(parameter, "'" + ref + "' is not a version number, 'active' or 'draft'");
    }

    public static Integer optionalInt(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.canConvertToExactIntegral() || !n.isNumber()) throw ApiError.badRequest(field, "must be a whole number");
        return n.asInt();
    }

    public static String optionalText(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) throw ApiError.badRequest(field, "must be a string");
        return n.asText();
    }
}
