package dev.junction.engine.provider.http;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * The checks every adapter's connection record ({@code OpenAiConnection}, {@code AnthropicConnection},
 * {@code GeminiConnection}) makes on the fields they share: a name, an http(s) base URL, an API key that can go in a
 * header, a positive request timeout. Each throws {@link IllegalArgumentException} naming the field.
 */
public final class ConnectionFields {
    private ConnectionFields() {}

    /** @return {@code name}, which must not be blank */
    public static String name(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: must not be blank");
        }
        return name;
    }

    /**
     * An http(s) URL with a host and no query or fragment, stripped of surrounding blanks and trailing slashes.
     *
     * @return the URL so trimmed
     */
    public static String baseUrl(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("baseUrl: must not be blank");
        }
        String trimmed = stripSlashes(baseUrl.strip());
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("baseUrl: not a URL: " + trimmed);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("baseUrl: must be an http(s) URL with a host, was " + trimmed);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("baseUrl: must not have a query or fragment, was " + trimmed);
        }
        return trimmed;
    }

    public static String stripSlashes(String s) {
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /** @return {@code apiKey} (already stripped, or null), which must not hold spaces or control characters */
    public static String apiKey(String apiKey) {
        if (apiKey != null && apiKey.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw new IllegalArgumentException("apiKey: must not contain spaces or control characters");
        }
        return apiKey;
    }

    /** @return {@code requestTimeout}, or {@code fallback} when null; it must be positive */
    public static Duration requestTimeout(Duration requestTimeout, Duration fallback) {
        Duration timeout = requestTimeout == null ? fallback : requestTimeout;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout: must be positive, was " + timeout);
        }
        return timeout;
    }
}
