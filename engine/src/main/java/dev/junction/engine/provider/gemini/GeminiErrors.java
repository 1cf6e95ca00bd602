package dev.junction.engine.provider.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.provider.ProviderFailure;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
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
 * masked wherever it shows up. They never carry headers or URLs with the key (the key is sent as a header only).
 */
final class GeminiErrors {
    static final int MAX_MESSAGE = 300;
    private static final String MASK = "***";

    private final GeminiConnection connection;
    private final Clock clock;

    GeminiErrors(GeminiConnection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    /** A non-2xx answer. */
    ProviderFailure fromResponse(int status, HttpHeaders headers, String body) {
        GeminiWire.GoogleError error = googleError(body);
        return fromError(status, error, retryAfter(headers, clock.instant()), message(status, error, body));
    }

    /** A {@code {"error":{...}}} event in the middle of a stream (the HTTP status was 200 by then). */
    ProviderFailure fromStreamError(GeminiWire.GoogleError error) {
        int status = error.code() != null && error.code() >= 400 ? error.code() : statusOf(error.status());
        String message = error.message() != null && !error.message().isBlank()
                ? clean(error.message()) : clean(connection.name() + " sent an error in the stream: " + error.status());
        return fromError(status, error, null, message);
    }

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
        if (status == 400 || status == 413 || status == 422) {
            return isContextLengthExceeded(error.message())
                    ? new ProviderFailure.ContextLengthExceeded(message)
                    : new ProviderFailure.BadRequest(status, message);
        }
        if (status == 404) {
            return new ProviderFailure.ModelNotFound(message);
        }
        if (status == 408) {
            return new ProviderFailure.Timeout(message);
        }
        if (status >= 500) {
            return new ProviderFailure.ServerError(status, message);
        }
        if (status >= 300 && status < 400) {
            return new ProviderFailure.BadRequest(status,
                    clean("HTTP " + status + " (a redirect) from " + connection.name() + ": is the base URL right?"));
        }
        return new ProviderFailure.BadRequest(status, message);
    }

    /**
     * Google refused the prompt ({@code promptFeedback.blockReason}, no candidates). A bad request, not an empty
     * {@code content_filter} answer: there is no answer at all, the same prompt is refused again (no retry, no point
     * in a fallback model of the same vendor), and the caller learns why instead of getting "" as if it were one.
     * (An answer cut by safety after it started is a {@code content_filter} finish reason instead.)
     */
    ProviderFailure promptBlocked(int status, String blockReason) {
        return new ProviderFailure.BadRequest(status, clean(connection.name() + " blocked the prompt (" + blockReason + ")"));
    }

    /** A 2xx whose body is not an answer; {@code what} says why, without quoting the body. */
    ProviderFailure malformed(int status, String what) {
        return new ProviderFailure.MalformedResponse(status, clean(connection.name() + " answered " + status + ", but " + what));
    }

    /** The call did not finish within {@code timeout}. */
    ProviderFailure timedOut(Duration timeout) {
        return new ProviderFailure.Timeout(connection.name() + " did not answer within " + timeout.toMillis() + " ms");
    }

    /** A stream sent no text within {@code firstToken} of the request. */
    ProviderFailure noFirstToken(Duration firstToken) {
        return new ProviderFailure.Timeout(connection.name() + " sent no text within " + firstToken.toMillis() + " ms");
    }

    /** A stream went quiet for longer than {@code gap} after its first text. */
    ProviderFailure stalled(Duration gap) {
        return new ProviderFailure.Timeout(connection.name() + "'s stream sent nothing for " + gap.toMillis() + " ms");
    }

    /** The calling thread was interrupted; the caller restores the interrupt flag. */
    ProviderFailure interrupted() {
        return new ProviderFailure.Timeout("interrupted while waiting for " + connection.name());
    }

    /** An I/O failure of the exchange: a timeout of the HTTP client, or a refused, reset or closed connection. */
    ProviderFailure fromIoException(IOException e, Duration timeout) {
        if (e instanceof HttpConnectTimeoutException) {
            return new ProviderFailure.Timeout(clean("could not connect to " + connection.name() + " in time"));
        }
        if (e instanceof HttpTimeoutException) {
            return timedOut(timeout);
        }
        return new ProviderFailure.ConnectionFailed(clean("connection to " + connection.name() + " failed: " + describe(e)));
    }

    // ---- waits -------------------------------------------------------------------------------------------------

    /** {@code Retry-After} as delta-seconds or an HTTP-date; null when absent or unreadable; a past date is zero. */
    static Duration retryAfter(HttpHeaders headers, Instant now) {
        if (headers == null) return null;
        return headers.firstValue("retry-after").map(value -> parseRetryAfter(value, now)).orElse(null);
    }

    static Duration parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) return null;
        String trimmed = value.strip();
        Duration seconds = seconds(trimmed);
        if (seconds != null) return seconds;
        try {
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A protobuf Duration in JSON, as {@code RetryInfo.retryDelay} has it: {@code "7s"}, {@code "0.250s"}. */
    static Duration parseRetryDelay(String value) {
        if (value == null) return null;
        String trimmed = value.strip();
        if (!trimmed.endsWith("s")) return null;
        return seconds(trimmed.substring(0, trimmed.length() - 1));
    }

    private static Duration seconds(String value) {
        if (value.isEmpty() || !value.matches("\\d{1,12}(\\.\\d{1,9})?")) return null;
        return Duration.ofMillis(new BigDecimal(value).multiply(BigDecimal.valueOf(1000)).longValue());
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

    private String message(int status, GeminiWire.GoogleError error, String body) {
        if (error.message() != null && !error.message().isBlank()) {
            return clean(error.message());
        }
        String prefix = "HTTP " + status + " from " + connection.name();
        return clean(body == null || body.isBlank() ? prefix : prefix + ": " + body);
    }

    /** Masks the key, folds whitespace and cuts to {@link #MAX_MESSAGE} characters (in that order). */
    String clean(String message) {
        String text = message;
        if (connection.hasApiKey()) {
            text = text.replace(connection.apiKey(), MASK);
        }
        text = text.replaceAll("\\s+", " ").strip();
        if (text.length() > MAX_MESSAGE) {
            text = text.substring(0, MAX_MESSAGE - 1) + "…";
        }
        return text;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) return null;
        return value.asText();
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }
}
