package dev.junction.engine.provider.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.http.ProviderErrors;
import dev.junction.engine.provider.http.RetryAfter;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Every way an OpenAI-compatible call can fail, mapped onto {@link ProviderFailure}: this is the only place in the
 * package that builds one. Pure: no I/O; the clock only dates an HTTP-date {@code Retry-After}. What is not
 * OpenAI's own (message cleaning, I/O failures, timeouts, the status skeleton) is in {@link ProviderErrors}.
 * <p>
 * Messages take the provider's {@code error.message} when there is one, cut to {@value #MAX_MESSAGE} characters.
 * They never carry headers, and the connection's API key is masked wherever it shows up (OpenAI itself echoes a
 * partly masked key in its 401 message; a home-grown compatible server may echo all of it).
 */
final class OpenAiErrors extends ProviderErrors {
    OpenAiErrors(OpenAiConnection connection, Clock clock) {
        super(connection, clock);
    }

    @Override
    protected ProviderFailure fromErrorBody(int status, HttpHeaders headers, String body) {
        OpenAiWire.ErrorDetail detail = errorDetail(body);
        return byStatus(status, detail, message(status, detail.message(), body),
                status == 429 ? retryAfter(headers, clock.instant()) : null);
    }

    /**
     * An error object in a stream that had begun with 200 ({@code data: {"error": {...}}}), where no HTTP status
     * tells what went wrong. vLLM and OpenRouter put the status in {@code error.code} (a number); OpenAI names
     * the kind in {@code code} or {@code type}. Anything unrecognised is a server error: the provider broke off.
     */
    ProviderFailure fromStreamError(OpenAiWire.ErrorDetail detail) {
        String message = detail.message() != null && !detail.message().isBlank() ? clean(detail.message())
                : clean(name + " sent an error in the stream"
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

    private ProviderFailure byStatus(int status, OpenAiWire.ErrorDetail detail, String message, Duration retryAfter) {
        return byStatus(status, message, retryAfter, isContextLengthExceeded(detail));
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
            Duration parsed = RetryAfter.decimal(millis.get(), 1);
            if (parsed != null) {
                return parsed;
            }
        }
        return RetryAfter.fromHeaders(headers, now);
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

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        return value.asText();
    }
}
