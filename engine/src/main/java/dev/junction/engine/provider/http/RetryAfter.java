package dev.junction.engine.provider.http;

import java.math.BigDecimal;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** How long a provider asked us to wait, read from the standard {@code Retry-After} header. Pure. */
public final class RetryAfter {
    private RetryAfter() {}

    /** {@code Retry-After} as delta-seconds or an HTTP-date; null when absent or unreadable; a past date is zero. */
    public static Duration fromHeaders(HttpHeaders headers, Instant now) {
        if (headers == null) return null;
        return headers.firstValue("retry-after").map(value -> parse(value, now)).orElse(null);
    }

    /** One {@code Retry-After} value: delta-seconds (decimals allowed) or an HTTP-date; null when unreadable. */
    public static Duration parse(String value, Instant now) {
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

    /** A non-negative decimal number of seconds ({@code 7}, {@code 0.25}), blanks not allowed; null when it is not one. */
    public static Duration seconds(String value) {
        return value.equals(value.strip()) ? decimal(value, 1000) : null;
    }

    /** A non-negative decimal number of {@code unitMillis} (surrounding blanks ignored); null when it is not one. */
    public static Duration decimal(String value, long unitMillis) {
        String trimmed = value.strip();
        if (trimmed.isEmpty() || !trimmed.matches("\\d{1,12}(\\.\\d{1,9})?")) return null;
        return Duration.ofMillis(new BigDecimal(trimmed).multiply(BigDecimal.valueOf(unitMillis)).longValue());
    }
}
