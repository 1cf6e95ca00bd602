package dev.junction.web.http;

import dev.junction.engine.deployment.FieldError;
import java.util.List;
import java.util.Map;

/**
 * A client error raised by a handler: the status and a message; {@code errors} name the fields at fault.
 * The body is {@code {"code": "<status>", "message": "...", "errors": [{"path", "message"}]}}, an envelope the
 * Orquesta SDK accepts for every operation.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final List<FieldError> errors;
    private final Map<String, Object> extra;

    public ApiError(int status, String message, List<FieldError> errors, Map<String, Object> extra) {
        super(message, null, false, false);
        this.status = status;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    public static ApiError badRequest(String path, String message) {
        return new ApiError(400, path + ": " + message, List.of(new FieldError(path, message)), null);
    }

    /** A required field that is absent: a validation failure (422), unlike malformed JSON (400). */
    public static ApiError missing(String path, String what) {
        return unprocessable(List.of(new FieldError(path, "required: " + what)));
    }

    public static ApiError unprocessable(List<FieldError> errors) {
        String message = errors.size() == 1 ? errors.getFirst().toString() : errors.size() + " fields are invalid";
        return new ApiError(422, message, errors, null);
    }

    /** An unknown id: {@code no <what> with id '<id>'}. */
    public static ApiError notFound(String what, String id) {
        return new ApiError(404, "no " + what + " with id '" + id + "'", null, null);
    }

    public int status() { return status; }
    public List<FieldError> errors() { return errors; }
    public Map<String, Object> extra() { return extra; }
}
