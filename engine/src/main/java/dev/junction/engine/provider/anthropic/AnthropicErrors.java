package dev.junction.engine.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.http.ProviderErrors;
import dev.junction.engine.provider.http.RetryAfter;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
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
 * they never carry headers, and the connection's API key is masked wherever it shows up ({@link ProviderErrors}).
 */
final class AnthropicErrors extends ProviderErrors {
    AnthropicErrors(AnthropicConnection connection, Clock clock) {
        super(connection, clock);
    }

    @Override
    protected ProviderFailure fromErrorBody(int status, HttpHeaders headers, String body) {
        AnthropicWire.ErrorDetail detail = errorDetail(body);
        return byStatus(status, message(status, detail.message(), body), status == 429 ? RetryAfter.fromHeaders(headers, clock.instant()) : null,
                isContextLengthExceeded(detail));
    }

    /** An {@code error} event in a stream that had started with 200: read by the status its type stands for. */
    ProviderFailure fromStreamError(String type, String detail) {
        AnthropicWire.ErrorDetail error = new AnthropicWire.ErrorDetail(type, detail);
        String message = detail != null && !detail.isBlank() ? clean(detail)
                : clean(name + " sent an error event" + (type == null ? "" : " (" + type + ")"));
        return byStatus(statusOf(type), message, null, isContextLengthExceeded(error));
    }

    /** The HTTP client's own timeout reads as "sent no answer", like the adapter's. */
    @Override
    public ProviderFailure answerTimedOut(Duration limit) {
        return sentNo("answer", limit);
    }

    /** 402 too: the account cannot pay; a person must act. (529 {@code overloaded_error} is a server error.) */
    @Override
    protected boolean isUnauthorized(int status) {
        return status == 401 || status == 402 || status == 403;
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
}
