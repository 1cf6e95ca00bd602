package dev.junction.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.FieldError;
import java.util.List;
import java.util.UUID;

/** Small, shared readers of panel request bodies and path parameters; each failure names the field. */
final class RequestBodies {
    static final int MAX_NAME = 200;

    private RequestBodies() {}

    /** A JSON object body. @throws ApiError 400 when it is not one */
    static JsonNode object(ObjectMapper mapper, String body) {
        JsonNode node = StrictJson.read(mapper, body, "body");
        if (node == null || !node.isObject()) throw ApiError.badRequest("body", "must be a JSON object");
        return node;
    }

    /** The required {@code name} of a body: trimmed, not blank, at most {@value #MAX_NAME} characters. */
    static String name(JsonNode body, String what) {
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            throw ApiError.unprocessable(List.of(new FieldError("name", "required: a name to recognise the " + what + " by")));
        }
        if (name.asText().length() > MAX_NAME) {
            throw ApiError.unprocessable(List.of(new FieldError("name", "at most " + MAX_NAME + " characters")));
        }
        return name.asText().trim();
    }

    /** A path id; one that is not a UUID names nothing, so it is a 404 like any unknown id. */
    static UUID id(String raw, String what) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw notFound(what, raw);
        }
    }

    static ApiError notFound(String what, String id) {
        return new ApiError(404, "no " + what + " with id '" + id + "'", null, null);
    }
}
