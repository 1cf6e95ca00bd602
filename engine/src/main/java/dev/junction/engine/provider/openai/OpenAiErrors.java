package dev.junction.engine.provider.openai;

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
import java.util.Optional;

/**
 * Every way an OpenAI-compatible call can fail, mapped onto {@link ProviderFailure}: this is the only place in the
 * package that builds one. Pure: no I/O; the clock only dates an HTTP-date {@code Retry-After}.
 * <p>
 * Messages take the provider's {@code error.message} when there is one, cut to {@value #MAX_MESSAGE} characters.
 * They never carry headers, and the connection's API key is masked wherever it shows up (OpenAI itself echoes a
 * partly masked key in its 401 message; a home-grown compatible server may echo all of it).
 */
final class OpenAiErrors {
    static final int MAX_MESSAGE = 300;
    private static final String MASK = "***";

    private final OpenAiConnection connection;
    private final Clock clock;

    OpenAiErrors(OpenAiConnection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    /** A non-2xx answer. */
    ProviderFailure fromResponse(int status, HttpHeaders headers, String body) {
        OpenAiWire.ErrorDetail detail = errorDetail(body);
        if (status >= 300 && status < 400) {
            return new ProviderFailure.BadRequest(status,
                    clean("HTTP " + status + " (a redirect) from " + connection.name() + ": is the base URL right?"));
        }
        return byStatus(status, detail, message(status, detail, body),
                status == 429 ? retryAfter(headers, clock.instant()) : null);
    }

    /**
     * An error object in a stream that had begun with 200 ({@code data: {"error": {...}}}), where no HTTP status
     * tells what went wrong. vLLM and OpenRouter put the status in {@code error.code} (a number); OpenAI names
     * the kind in {@code code} or {@code type}. Anything unrecognised is a server error: the provider broke off.
     */
    ProviderFailure fromStreamError(OpenAiWire.ErrorDetail detail) {
        String message = detail.message() != null && !detail.message().isBlank() ? clean(detail.message())
                : clean(connection.name() + " sent an error in the stream"
                        + (detail.type() == null ? "" : " (" + detail.type() + ")"));
        return byStatus(streamErrorStatus(detail), detail, message, null);
    }

    /** The HTTP status a stream's error object stands for. */
    static int streamErrorStatus(OpenAiWire.ErrorDetail detail) {
        String code = detail.code() == null ? "" : detail.code().strip();
        if (code.matches("[1-5]\\d\\d")) return Integer.parseInt(code);
        if (isContextLengthExceeded(detail)) return 400;
        String kind = (code + " " + (detail.type() == null ? "" : detail.type())).toLowerCase(Locale.ROOT);
        if (kind.contains("rate_limit") || kind.contains("insufficient_quota") || kind.contains("tokens_exceeded")) return 429;
        if (kind.contains("invalid_api_key") || kind.contains("authentication")) return 401;
        if (kind.contains("permission")) return 403;
        if (kind.contains("model_not_found") || kind.contains("not_found")) return 404;
        if (kind.contains("invalid_request")) return 400;
        if (kind.contains("timeout")) return 408;
        return 500;
    }

    private static ProviderFailure byStatus(int status, OpenAiWire.ErrorDetail detail, String message, Duration retryAfter) {
        if (status == 429) {
            return new ProviderFailure.RateLimited(retryAfter, message);
        }
        if (status == 400 || status == 413 || status == 422) {
            return isContextLengthExceeded(detail)
                    ? new ProviderFailure.ContextLengthExceeded(message)
                    : new ProviderFailure.BadRequest(status, message);
        }
        if (status == 401 || status == 403) {
            return new ProviderFailure.Unauthorized(status, message);
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
        return new ProviderFailure.BadRequest(status, message);
    }

    /** A 2xx whose body is not a chat completion; {@code what} says why, without quoting the body. */
    ProviderFailure malformed(int status, String what) {
        return new ProviderFailure.MalformedResponse(status, clean(connection.name() + " answered " + status + ", but " + what));
    }

    /** A plain call did not finish within {@code limit} (the request's timeout, else the connection's). */
    ProviderFailure timedOut(Duration limit) {
        return new ProviderFailure.Timeout(connection.name() + " did not answer within " + limit.toMillis() + " ms");
    }

    /** A stream sent no {@code what} (its first text, its next part) within {@code limit}. */
    ProviderFailure streamTimedOut(String what, Duration limit) {
        return new ProviderFailure.Timeout(clean(connection.name() + " sent no " + what + " within " + limit.toMillis() + " ms"));
    }

    /** The calling thread was interrupted; the caller restores the interrupt flag. */
    ProviderFailure interrupted() {
        return new ProviderFailure.Timeout("interrupted while waiting for " + connection.name());
    }

    /** An I/O failure of the exchange: a timeout of the HTTP client, or a refused, reset or closed connection. */
    ProviderFailure fromIoException(IOException e, Duration limit) {
        if (e instanceof HttpConnectTimeoutException) {
            return new ProviderFailure.Timeout(clean("could not connect to " + connection.name() + " in time"));
        }
        if (e instanceof HttpTimeoutException) {
            return timedOut(limit);
        }
        return new ProviderFailure.ConnectionFailed(clean("connection to " + connection.name() + " failed: " + describe(e)));
    }

    // ---- Retry-After -------------------------------------------------------------------------------------------

    /**
     * How long the provider asked us to wait: {@code retry-after-ms} (OpenAI's own, which its SDKs prefer) or
     * {@code Retry-After} as delta-seconds or an HTTP-date. Null when absent or unreadable; a date in the past is zero.
     */
    static Duration retryAfter(HttpHeaders headers, Instant now) {
        if (headers == null) {
            return null;
        }
        Optional<String> millis = headers.firstValue("retry-after-ms");
        if (millis.isPresent()) {
            Duration parsed = decimal(millis.get(), 1);
            if (parsed != null) {
                return parsed;
            }
        }
        return headers.firstValue("retry-after").map(value -> parseRetryAfter(value, now)).orElse(null);
    }

    static Duration parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        Duration seconds = decimal(trimmed, 1000);
        if (seconds != null) {
            return seconds;
        }
        try {
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A non-negative decimal number of {@code unitMillis}; null when it is not one. */
    private static Duration decimal(String value, long unitMillis) {
        String trimmed = value.strip();
        if (trimmed.isEmpty() || !trimmed.matches("\\d{1,12}(\\.\\d{1,9})?")) {
            return null;
        }
        long millis = new BigDecimal(trimmed).multiply(BigDecimal.valueOf(unitMillis)).longValue();
        return Duration.ofMillis(millis);
    }

    // ---- error bodies ------------------------------------------------------------------------------------------

    /** Reads {@code {"error":{...}}}, {@code {"error":"..."}} or a top-level {@code {"message":...}}; never throws. */
    static OpenAiWire.ErrorDetail errorDetail(String body) {
        if (body == null || body.isBlank()) {
            return OpenAiWire.ErrorDetail.NONE;
        }
        JsonNode root;
        try {
            root = OpenAiMapper.JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return OpenAiWire.ErrorDetail.NONE;
        }
        if (root == null || !root.isObject()) {
            return OpenAiWire.ErrorDetail.NONE;
        }
        JsonNode error = root.get("error");
        if (error != null && error.isTextual()) {
            return new OpenAiWire.ErrorDetail(error.asText(), null, null, null);
        }
        JsonNode source = error != null && error.isObject() ? error : root;
        return new OpenAiWire.ErrorDetail(text(source, "message"), text(source, "type"), text(source, "param"),
                text(source, "code"));
    }

    static boolean isContextLengthExceeded(OpenAiWire.ErrorDetail detail) {
        if ("context_length_exceeded".equals(detail.code()) || "context_length_exceeded".equals(detail.type())) {
            return true;
        }
        return detail.message() != null && detail.message().toLowerCase(Locale.ROOT).contains("maximum context length");
    }

    private String message(int status, OpenAiWire.ErrorDetail detail, String body) {
        if (detail.message() != null && !detail.message().isBlank()) {
            return clean(detail.message());
        }
        String prefix = "HTTP " + status + " from " + connection.name();
        if (body == null || body.isBlank()) {
            return clean(prefix);
        }
        return clean(prefix + ": " + body);
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
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        return value.asText();
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }
}
