package dev.junction.engine.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
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
 * Every way an Anthropic call can fail, mapped onto {@link ProviderFailure}: the only place in the package that
 * builds one. Pure: no I/O; the clock only dates an HTTP-date {@code retry-after}.
 * <p>Anthropic answers errors as {@code {"type":"error","error":{"type":..., "message":...},"request_id":...}}, over
 * HTTP (status and type agree: 400 {@code invalid_request_error}, 401 {@code authentication_error}, 402
 * {@code billing_error}, 403 {@code permission_error}, 404 {@code not_found_error}, 413 {@code request_too_large},
 * 429 {@code rate_limit_error}, 500 {@code api_error}, 504 {@code timeout_error}, 529 {@code overloaded_error}) or
 * as an {@code error} event inside a stream that began with 200, where only the type tells. So an HTTP error is read
 * by its status, a stream's error by the status its type stands for. A too-long prompt is a 400
 * {@code invalid_request_error} told apart by its message ({@code prompt is too long: 208317 tokens > 200000
 * maximum}).
 * <p>Messages take Anthropic's {@code error.message} when there is one, cut to {@value #MAX_MESSAGE} characters;
 * they never carry headers, and the connection's API key is masked wherever it shows up.
 */
final class AnthropicErrors {
    static final int MAX_MESSAGE = 300;
    private static final String MASK = "***";

    private final AnthropicConnection connection;
    private final Clock clock;

    AnthropicErrors(AnthropicConnection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    /** A non-2xx answer. */
    ProviderFailure fromResponse(int status, HttpHeaders headers, String body) {
        AnthropicWire.ErrorDetail detail = errorDetail(body);
        String message = message(status, detail, body);
        if (status >= 300 && status < 400) {
            return new ProviderFailure.BadRequest(status,
                    clean("HTTP " + status + " (a redirect) from " + connection.name() + ": is the base URL right?"));
        }
        return byStatus(status, detail, message, status == 429 ? retryAfter(headers, clock.instant()) : null);
    }

    /** An {@code error} event in a stream that had started with 200: read by the status its type stands for. */
    ProviderFailure fromStreamError(String type, String detail) {
        AnthropicWire.ErrorDetail error = new AnthropicWire.ErrorDetail(type, detail);
        String message = detail != null && !detail.isBlank() ? clean(detail)
                : clean(connection.name() + " sent an error event" + (type == null ? "" : " (" + type + ")"));
        return byStatus(statusOf(type), error, message, null);
    }

    /** A 2xx whose body is not a message, or a stream that is not a whole one; {@code what} says why, quoting nothing. */
    ProviderFailure malformed(int status, String what) {
        return new ProviderFailure.MalformedResponse(status, clean(connection.name() + " answered " + status + ", but " + what));
    }

    /** No answer, or no next piece of one, within {@code limit}; {@code what} names what was awaited. */
    ProviderFailure timedOut(String what, Duration limit) {
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
            return timedOut("answer", limit);
        }
        return new ProviderFailure.ConnectionFailed(clean("connection to " + connection.name() + " failed: " + describe(e)));
    }

    private static ProviderFailure byStatus(int status, AnthropicWire.ErrorDetail detail, String message, Duration retryAfter) {
        if (status == 429) {
            return new ProviderFailure.RateLimited(retryAfter, message);
        }
        if (status == 400 || status == 413 || status == 422) {
            return isContextLengthExceeded(detail)
                    ? new ProviderFailure.ContextLengthExceeded(message)
                    : new ProviderFailure.BadRequest(status, message);
        }
        if (status == 401 || status == 402 || status == 403) {
            return new ProviderFailure.Unauthorized(status, message); // 402: the account cannot pay; a person must act
        }
        if (status == 404) {
            return new ProviderFailure.ModelNotFound(message);
        }
        if (status == 408) {
            return new ProviderFailure.Timeout(message);
        }
        if (status >= 500) {
            return new ProviderFailure.ServerError(status, message); // 529 overloaded_error included
        }
        return new ProviderFailure.BadRequest(status, message);
    }

    /** The HTTP status Anthropic gives an error type; an unknown type counts as {@code api_error} (500). */
    static int statusOf(String type) {
        if (type == null) return 500;
        return switch (type) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "billing_error" -> 402;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "timeout_error" -> 504;
            case "overloaded_error" -> 529;
            default -> 500;
        };
    }

    /**
     * Anthropic's too-long prompt ({@code prompt is too long: N tokens > M maximum}), or prompt plus
     * {@code max_tokens} over the window ({@code input length and max_tokens exceed context limit: ...}).
     */
    static boolean isContextLengthExceeded(AnthropicWire.ErrorDetail detail) {
        if (detail.message() == null) return false;
        String m = detail.message().toLowerCase(Locale.ROOT);
        return m.contains("prompt is too long") || m.contains("exceed context limit") || m.contains("context window");
    }

    // ---- retry-after -------------------------------------------------------------------------------------------

    /** {@code retry-after} as delta-seconds or an HTTP-date; null when absent or unreadable; a past date is zero. */
    static Duration retryAfter(HttpHeaders headers, Instant now) {
        if (headers == null) return null;
        return headers.firstValue("retry-after").map(value -> parseRetryAfter(value, now)).orElse(null);
    }

    static Duration parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) return null;
        String trimmed = value.strip();
        if (trimmed.matches("\\d{1,12}(\\.\\d{1,9})?")) {
            return Duration.ofMillis(new BigDecimal(trimmed).multiply(BigDecimal.valueOf(1000)).longValue());
        }
        try {
            Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return wait.isNegative() ? Duration.ZERO : wait;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    // ---- error bodies ------------------------------------------------------------------------------------------

    /** Reads {@code {"type":"error","error":{"type","message"}}}; anything else is {@link AnthropicWire.ErrorDetail#NONE}. Never throws. */
    static AnthropicWire.ErrorDetail errorDetail(String body) {
        if (body == null || body.isBlank()) return AnthropicWire.ErrorDetail.NONE;
        try {
            AnthropicWire.ErrorBody parsed = AnthropicMapper.JSON.readValue(body, AnthropicWire.ErrorBody.class);
            return parsed == null || parsed.error() == null ? AnthropicWire.ErrorDetail.NONE : parsed.error();
        } catch (JsonProcessingException | RuntimeException e) {
            return AnthropicWire.ErrorDetail.NONE;
        }
    }

    private String message(int status, AnthropicWire.ErrorDetail detail, String body) {
        if (detail.message() != null && !detail.message().isBlank()) {
            return clean(detail.message());
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

    private static String describe(Throwable e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }
}
