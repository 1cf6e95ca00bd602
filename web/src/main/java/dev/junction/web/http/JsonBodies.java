package dev.junction.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.math.BigDecimal;

/** Reading request bodies: malformed JSON, a body that is not an object, or a mistyped field is a 400 naming it. */
final class JsonBodies {
    private JsonBodies() {}

    static JsonNode object(ObjectMapper mapper, Context ctx) {
        JsonNode body = StrictJson.read(mapper, ctx.body(), "body");
        if (body == null || !body.isObject()) throw ApiError.badRequest("body", "must be a JSON object");
        return body;
    }

    static String text(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isTextual()) throw ApiError.badRequest(field, "must be a string");
        return n.asText();
    }

    static Integer integer(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isIntegralNumber() || !n.canConvertToInt()) throw ApiError.badRequest(field, "must be a whole number");
        return n.asInt();
    }

    /** A number, or a string holding one ("0.15"), kept exact. */
    static BigDecimal decimal(JsonNode body, String field) {
        JsonNode n = body.get(field);
        if (n == null || n.isNull()) return null;
        try {
            if (n.isNumber()) return new BigDecimal(n.asText());
            if (n.isTextual()) return new BigDecimal(n.asText().strip());
        } catch (NumberFormatException e) {
            // falls through
        }
        throw ApiError.badRequest(field, "must be a number");
    }
}
