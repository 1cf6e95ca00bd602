package dev.junction.engine.provider.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.http.ProviderErrors;
import dev.junction.engine.provider.http.RetryAfter;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * Every way a Gemini call can fail, mapped onto {@link ProviderFailure}: the only place in the package that builds
 * one. Pure: no I/O; the clock only dates an HTTP-date {@code Retry-After}.
 * <p>Google answers {@code {"error":{"code","message","status","details"}}}. The mapping:
 * <ul>
 *   <li>429 / RESOURCE_EXHAUSTED: rate limited, waiting {@code Retry-After} if sent, else the {@code RetryInfo}
 *       detail's {@code retryDelay} ({@code "7s"});</li>
 *   <li>401, 403, UNAUTHENTICATED, PERMISSION_DENIED, and a 400 whose {@code ErrorInfo} reason is
 *       {@code API_KEY_INVALID} (how Google answers a wrong key): unauthorized;</li>
 *   <li>400 whose message says the input token count exceeds the maximum: context length; other 400s: bad request;</li>
 *   <li>404: unknown model; 5xx: server error; a 2xx whose prompt was blocked: bad request (see {@link #promptBlocked}).</li>
 * </ul>
 * Messages take Google's {@code error.message}, cut to {@value #MAX_MESSAGE} characters, with the connection's key
 * masked wherever it shows up ({@link ProviderErrors}). They never carry headers or URLs with the key (the key is
 * sent as a header only).
 */
final class GeminiErrors extends ProviderErrors {
    GeminiErrors(GeminiConnection connection, Clock clock) {
        super(connection, clock);
    }

    @Override
    protected ProviderFailure fromErrorBody(int status, HttpHeaders headers, String body) {
        GeminiWire.GoogleError error = googleError(body);
        return fromError(status, error, RetryAfter.fromHeaders(headers, clock.instant()), message(status, error.message(), body));
    }

    /** A {@code {"error":{...}}} event in the middle of a stream (the HTTP status was 200 by then). */
    ProviderFailure fromStreamError(GeminiWire.GoogleError error) {
        int status = error.code() != null && error.code() >= 400 ? error.code() : statusOf(error.status());
        String message = error.message() != null && !error.message().isBlank()
                ? clean(error.message()) : clean(name + " sent an error in the stream: " + error.status());
        return fromError(status, error, null, message);
    }

    /** Google's gRPC status and error reasons first (they can contradict the HTTP status), then the status. */
    private ProviderFailure fromError(int status, GeminiWire.GoogleError error, Duration retryAfterHeader, String message) {
        String grpc = error.status() == null ? "" : error.status();
        if (status == 429 || grpc.equals("RESOURCE_EXHAUSTED")) {
            Duration wait = retryAfterHeader != null ? retryAfterHeader : parseRetryDelay(error.retryDelay());
            return new ProviderFailure.RateLimited(wait, message);
        }
        if (status == 401 || status == 403 || grpc.equals("UNAUTHENTICATED") || grpc.equals("PERMISSION_DENIED")
                || isKeyRejected(error.reason())) {
            return new ProviderFailure.Unauthorized(status, message);
        }
        return byStatus(status, message, null, isContextLengthExceeded(error.message()));
    }

    /**
     * Google refused the prompt ({@code promptFeedback.blockReason}, no candidates). A bad request, not an empty
     * {@code content_filter} answer: there is no answer at all, the same prompt is refused again (no retry, no point
     * in a fallback model of the same vendor), and the caller learns why instead of getting "" as if it were one.
     * (An answer cut by safety after it started is a {@code content_filter} finish reason instead.)
     */
    ProviderFailure promptBlocked(int status, String blockReason) {
        return new ProviderFailure.BadRequest(status, clean(name + " blocked the prompt (" + blockReason + ")"));
    }

    /** A stream went quiet for longer than {@code gap} after its first text, in the words Gemini's adapter always used. */
    @Override
    public ProviderFailure stalled(Duration gap) {
        return new ProviderFailure.Timeout(name + "'s stream sent nothing for " + gap.toMillis() + " ms");
    }

    // ---- waits -------------------------------------------------------------------------------------------------

    /** A protobuf Duration in JSON, as {@code RetryInfo.retryDelay} has it: {@code "7s"}, {@code "0.250s"}. */
    static Duration parseRetryDelay(String value) {
        if (value == null) return null;
        String trimmed = value.strip();
        if (!trimmed.endsWith("s")) return null;
        return RetryAfter.seconds(trimmed.substring(0, trimmed.length() - 1));
    }

    // ---- error bodies ------------------------------------------------------------------------------------------

    /** Reads Google's error from a body: an object, or (non-SSE streaming) an array of them; never throws. */
    static GeminiWire.GoogleError googleError(String body) {
        if (body == null || body.isBlank()) return GeminiWire.GoogleError.NONE;
        try {
            return googleError(GeminiMapper.JSON.readTree(body));
        } catch (JsonProcessingException e) {
            return GeminiWire.GoogleError.NONE;
        }
    }

    static GeminiWire.GoogleError googleError(JsonNode root) {
        if (root != null && root.isArray() && !root.isEmpty()) root = root.get(0);
        if (root == null || !root.isObject()) return GeminiWire.GoogleError.NONE;
        JsonNode error = root.get("error");
        if (error != null && error.isTextual()) {
            return new GeminiWire.GoogleError(null, error.asText(), null, null, null);
        }
        if (error == null || !error.isObject()) return GeminiWire.GoogleError.NONE;
        String reason = null;
        String retryDelay = null;
        JsonNode details = error.get("details");
        if (details != null && details.isArray()) {
            for (JsonNode detail : details) {
                String type = text(detail, "@type");
                if (type == null) continue;
                if (type.endsWith("google.rpc.ErrorInfo") && reason == null) reason = text(detail, "reason");
                if (type.endsWith("google.rpc.RetryInfo") && retryDelay == null) retryDelay = text(detail, "retryDelay");
            }
        }
        JsonNode code = error.get("code");
        return new GeminiWire.GoogleError(code != null && code.canConvertToInt() ? code.asInt() : null,
                text(error, "message"), text(error, "status"), reason, retryDelay);
    }

    static boolean isContextLengthExceeded(String message) {
        if (message == null) return false;
        String m = message.toLowerCase(Locale.ROOT);
        return (m.contains("token count") && m.contains("exceeds the maximum"))
                || m.contains("exceeds the maximum number of tokens")
                || m.contains("context window");
    }

    static boolean isKeyRejected(String reason) {
        return "API_KEY_INVALID".equals(reason) || "API_KEY_SERVICE_BLOCKED".equals(reason)
                || "API_KEY_HTTP_REFERRER_BLOCKED".equals(reason) || "API_KEY_IP_ADDRESS_BLOCKED".equals(reason);
    }

    /** The HTTP status of a gRPC status name, for an error that came without a code. */
    static int statusOf(String grpcStatus) {
        if (grpcStatus == null) return 500;
        return switch (grpcStatus) {
            case "INVALID_ARGUMENT", "FAILED_PRECONDITION", "OUT_OF_RANGE" -> 400;
            case "UNAUTHENTICATED" -> 401;
            case "PERMISSION_DENIED" -> 403;
            case "NOT_FOUND" -> 404;
            case "RESOURCE_EXHAUSTED" -> 429;
            case "UNAVAILABLE" -> 503;
            case "DEADLINE_EXCEEDED" -> 504;
            default -> 500;
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) return null;
        return value.asText();
    }
}
