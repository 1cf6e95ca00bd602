package dev.junction.web.openai;

import dev.junction.engine.deployment.FieldError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error in OpenAI's shape, {@code {"error": {"message", "type", "param", "code"}}}, which the official SDKs turn
 * into their typed exceptions (status 400 {@code BadRequestError}, 401 {@code AuthenticationError}, 403
 * {@code PermissionDeniedError} (a deployment outside the API key's scope), 404
 * {@code NotFoundError}, 422, 429 {@code RateLimitError}, 5xx {@code InternalServerError}). The status itself is
 * decided elsewhere ({@code http.Errors}); this only says it in OpenAI's words. Junction's extras (the request id, every
 * attempt, every field at fault) go inside {@code error} beside the four standard members.
 */
public final class OpenAiErrorBody {
    /** The path prefix of the OpenAI-compatible API: every error under it is answered in this shape. */
    public static final String PATH_PREFIX = "/v1/";
    /**
     * An extra naming the error's code in words ({@code context_length_exceeded}): here it is {@code error.code}
     * itself; the Orquesta envelope, whose {@code code} is the status, carries it as is.
     */
    public static final String ERROR_CODE = "error_code";

    private OpenAiErrorBody() {}

    public static boolean appliesTo(String path) {
        return path != null && (path.startsWith(PATH_PREFIX) || path.equals("/v1"));
    }

    public static Map<String, Object> of(int status, String message, List<FieldError> errors, Map<String, Object> extra) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type(status));
        error.put("param", param(status, errors, extra));
        error.put("code", code(status, extra));
        if (errors.size() > 1) error.put("errors", errors);
        extra.forEach((name, value) -> {
            if (!name.equals("key") && !name.equals(ERROR_CODE)) error.put(name, value);
        });
        return Map.of("error", error);
    }

    /** A stream that broke after its first token: its last event, with no {@code [DONE]} after it. */
    public static Map<String, Object> truncated(String message, String requestId, String reason) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", "server_error");
        error.put("param", null);
        error.put("code", "stream_truncated");
        error.put("request_id", requestId);
        error.put("reason", reason);
        return Map.of("error", error);
    }

    static String type(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? (status == 500 ? "server_error" : "upstream_error") : "invalid_request_error";
        };
    }

    private static Object param(int status, List<FieldError> errors, Map<String, Object> extra) {
        if ((status == 404 || status == 403) && extra.containsKey("key")) return "model";
        return errors.isEmpty() ? null : errors.getFirst().path();
    }

    private static String code(int status, Map<String, Object> extra) {
        if (extra.get(ERROR_CODE) instanceof String code) return code;
        return switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "invalid_api_key";
            case 404 -> extra.containsKey("key") ? "model_not_found" : "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "request_too_large";
            case 422 -> "invalid_input";
            case 429 -> "rate_limit_exceeded";
            case 502 -> "all_attempts_failed";
            case 504 -> "upstream_timeout";
            default -> status >= 500 ? "internal_error" : null;
        };
    }
}
