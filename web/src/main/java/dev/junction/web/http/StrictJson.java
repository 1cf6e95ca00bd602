package dev.junction.web.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;

/**
 * The one way request JSON is read (every body reader and the {@code X-Junction-Context} header go through it), with
 * the same three refusals everywhere, each a 400 naming the place: a key given twice in one object (Jackson would keep
 * the last one silently), anything after the JSON value ({@code {"key":"a"} garbage}), and the NUL character in a
 * key or string (PostgreSQL cannot store it, and the request log would otherwise have to change the text).
 */
public final class StrictJson {
    private static final String NUL_ESCAPE = "\\u0000";

    private StrictJson() {}

    /**
     * The JSON value of {@code text}, or null when it is null or blank.
     *
     * @param where what the text is, for error paths: {@code "body"} (fields are then named bare,
     *              {@code messages[0].role}) or a header name (its fields under it, {@code X-Junction-Context.tier})
     * @throws ApiError 400 naming the field or {@code where}
     */
    public static JsonNode read(ObjectMapper mapper, String text, String where) {
        if (text == null || text.isBlank()) return null;
        JsonNode node;
        try (JsonParser parser = mapper.createParser(text)) {
            parser.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            try {
                node = mapper.readTree(parser);
            } catch (JsonProcessingException e) {
                String message = e.getOriginalMessage();
                if (message != null && message.startsWith("Duplicate field '")) {
                    String path = path(where, parser.getParsingContext());
                    throw ApiError.badRequest(path, "the key '" + parser.currentName() + "' appears twice in one object: send it once");
                }
                throw ApiError.badRequest(where, "malformed JSON: " + message);
            }
            if (trailing(parser)) throw ApiError.badRequest(where, "unexpected data after the JSON " + (where.equals("body") ? "body" : "value"));
        } catch (IOException e) { // a String source has no I/O of its own
            throw ApiError.badRequest(where, "malformed JSON: " + e.getMessage());
        }
        if (text.contains(NUL_ESCAPE)) refuseNul(node, where);
        return node;
    }

    private static boolean trailing(JsonParser parser) {
        try {
            JsonToken next = parser.nextToken();
            return next != null;
        } catch (IOException e) {
            return true; // something that is not even a token
        }
    }

    /** Throws for the first key or string holding a NUL. */
    private static void refuseNul(JsonNode node, String where) {
        String path = nulPath(node, where.equals("body") ? "" : where);
        if (path != null) {
            throw ApiError.badRequest(path.isEmpty() ? where : path,
                    "contains a NUL character (\\u0000), which Junction does not accept in text: remove it");
        }
    }

    private static String nulPath(JsonNode node, String path) {
        if (node.isTextual()) return node.textValue().indexOf('\0') >= 0 ? path : null;
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = nulPath(node.get(i), path + "[" + i + "]");
                if (found != null) return found;
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String child = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                if (field.getKey().indexOf('\0') >= 0) return child.replace("\0", NUL_ESCAPE);
                String found = nulPath(field.getValue(), child);
                if (found != null) return found;
            }
        }
        return null;
    }

    /** {@code messages[0].role} for the place the parser is at; under a header, prefixed with its name. */
    private static String path(String where, JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) parts.addFirst("." + c.getCurrentName());
            else if (c.inArray()) parts.addFirst("[" + Math.max(c.getCurrentIndex(), 0) + "]");
        }
        StringBuilder out = new StringBuilder(where.equals("body") ? "" : where);
        for (String part : parts) out.append(part);
        String path = out.toString();
        if (path.startsWith(".")) path = path.substring(1);
        return path.isEmpty() ? where : path;
    }
}
