package dev.junction.web.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.FieldError;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The one reader of request JSON objects, for every route and both front doors, with one error vocabulary: what is
 * wrong with the JSON itself is {@link StrictJson}'s (malformed, a key twice, data after it, NUL); what is wrong with
 * a member is a 400 naming its path ({@code junction.context}, {@code invoke_options.include_usage}) in the words of
 * the constants below. Absent and {@code null} members are the same: not given.
 */
public final class JsonBody {
    public static final String NOT_AN_OBJECT = "must be a JSON object";
    public static final String NOT_A_STRING = "must be a string";
    public static final String NOT_A_NON_EMPTY_STRING = "must be a non-empty string";
    public static final String NOT_A_BOOLEAN = "must be true or false";
    public static final String NOT_A_WHOLE_NUMBER = "must be a whole number";
    public static final String NOT_A_NUMBER = "must be a number";
    public static final String NOT_AN_ARRAY_OF_STRINGS = "must be an array of strings";
    static final int MAX_NAME = 200;

    /** Reads a JSON text as a value of some type; its mapping errors name the field ({@link #as}). */
    @FunctionalInterface
    public interface Reader<T> {
        T read(String json) throws JsonProcessingException;
    }

    private final ObjectMapper mapper;
    private final JsonNode node;
    private final String prefix;

    private JsonBody(ObjectMapper mapper, JsonNode node, String prefix) {
        this.mapper = mapper;
        this.node = node;
        this.prefix = prefix;
    }

    /** A request body that must be a JSON object (a blank one is not). */
    public static JsonBody of(ObjectMapper mapper, String text) {
        return new JsonBody(mapper, object(StrictJson.read(mapper, text, "body"), "body"), "");
    }

    /** A request body that may be left out: blank is an empty object. */
    public static JsonBody orEmpty(ObjectMapper mapper, String text) {
        return text == null || text.isBlank() ? new JsonBody(mapper, mapper.createObjectNode(), "") : of(mapper, text);
    }

    /** A header holding a JSON object; its errors name the header ({@code X-Junction-Context.tier}). */
    public static JsonBody header(ObjectMapper mapper, String text, String name) {
        return new JsonBody(mapper, object(StrictJson.read(mapper, text, name), name), name + ".");
    }

    private static JsonNode object(JsonNode node, String path) {
        if (node == null || !node.isObject()) throw ApiError.badRequest(path, NOT_AN_OBJECT);
        return node;
    }

    /** The path of a member for error messages: {@code junction.context}. */
    public String path(String field) {
        return prefix + field;
    }

    /** A 400 naming {@code field} (under this object's path). */
    public ApiError invalid(String field, String message) {
        return ApiError.badRequest(path(field), message);
    }

    /** The member, or null when it is absent or {@code null}. */
    public JsonNode get(String field) {
        JsonNode n = node.get(field);
        return n == null || n.isNull() ? null : n;
    }

    public boolean has(String field) {
        return get(field) != null;
    }

    public Iterable<String> fieldNames() {
        return node::fieldNames;
    }

    public String text(String field) {
        JsonNode n = get(field);
        if (n == null) return null;
        if (!n.isTextual()) throw invalid(field, NOT_A_STRING);
        return n.asText();
    }

    /** A string that must be given and not blank; absent is {@code required: <what>}. */
    public String requiredText(String field, String what) {
        JsonNode n = get(field);
        if (n == null) throw invalid(field, "required: " + what);
        if (!n.isTextual() || n.asText().isBlank()) throw invalid(field, NOT_A_NON_EMPTY_STRING);
        return n.asText();
    }

    /**
     * The {@code name} every named thing of the panel API has (a key, a token): given, not blank, at most
     * {@value #MAX_NAME} characters, trimmed. A missing or too long name is a validation failure (422), not a 400.
     */
    public String name(String what) {
        JsonNode name = get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw ApiError.unprocessable(List.of(new FieldError(path("name"), "required: a name to recognise the " + what + " by")));
        }
        if (name.asText().length() > MAX_NAME) {
            throw ApiError.unprocessable(List.of(new FieldError(path("name"), "at most " + MAX_NAME + " characters")));
        }
        return name.asText().trim();
    }

    /** {@code true} or {@code false}; absent is false. */
    public boolean bool(String field) {
        JsonNode n = get(field);
        if (n == null) return false;
        if (!n.isBoolean()) throw invalid(field, NOT_A_BOOLEAN);
        return n.asBoolean();
    }

    /** A whole number that fits an int ({@code 3}, not {@code 3.0} or {@code "3"}). */
    public Integer wholeNumber(String field) {
        JsonNode n = get(field);
        if (n == null) return null;
        if (!n.isIntegralNumber() || !n.canConvertToInt()) throw invalid(field, NOT_A_WHOLE_NUMBER);
        return n.asInt();
    }

    /** A number, or a string holding one ({@code "0.15"}), kept exact. */
    public BigDecimal decimal(String field) {
        JsonNode n = get(field);
        if (n == null) return null;
        try {
            if (n.isNumber()) return new BigDecimal(n.asText());
            if (n.isTextual()) return new BigDecimal(n.asText().strip());
        } catch (NumberFormatException e) {
            // falls through
        }
        throw invalid(field, NOT_A_NUMBER);
    }

    /** An array of strings; absent is empty. */
    public List<String> strings(String field) {
        JsonNode n = get(field);
        if (n == null) return List.of();
        if (!n.isArray()) throw invalid(field, NOT_AN_ARRAY_OF_STRINGS);
        for (int i = 0; i < n.size(); i++) {
            if (!n.get(i).isTextual()) throw invalid(field + "[" + i + "]", NOT_A_STRING);
        }
        return mapper.convertValue(n, mapper.getTypeFactory().constructCollectionType(List.class, String.class));
    }

    /** A member object, read with the same vocabulary (its errors under {@code field.}); absent is empty. */
    public JsonBody object(String field) {
        JsonNode n = get(field);
        if (n == null) return new JsonBody(mapper, mapper.createObjectNode(), path(field) + ".");
        if (!n.isObject()) throw invalid(field, NOT_AN_OBJECT);
        return new JsonBody(mapper, n, path(field) + ".");
    }

    /** A member object as a map; absent is empty. */
    public Map<String, Object> map(String field) {
        return has(field) ? object(field).toMap() : Map.of();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> toMap() {
        return mapper.convertValue(node, Map.class);
    }

    public JsonNode node() {
        return node;
    }

    /** This object read by {@code reader}; a member of the wrong shape is a 400 naming its path. */
    public <T> T as(Reader<T> reader) {
        try {
            return reader.read(node.toString());
        } catch (JsonMappingException e) {
            throw ApiError.badRequest(mappingPath(e), e.getOriginalMessage().replaceAll(" \\(class [^)]*\\)", "").split("\n")[0]);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest(prefix.isEmpty() ? "body" : prefix, e.getOriginalMessage());
        }
    }

    /** The path of a mapping error under this object: {@code spec.variants[0].primary.retries}. */
    private String mappingPath(JsonMappingException e) {
        StringBuilder p = new StringBuilder(prefix);
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!p.isEmpty() && p.charAt(p.length() - 1) != '.') p.append('.');
                p.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                p.append('[').append(ref.getIndex()).append(']');
            }
        }
        if (p.isEmpty()) return "body";
        return p.charAt(p.length() - 1) == '.' ? p.substring(0, p.length() - 1) : p.toString();
    }
}
