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
     * An http(s) URL with a host, no {@code user:password@} and no query or fragment, stripped of surrounding blanks and trailing slashes.
     *
     * @return the URL so trimmed
     */
    public static String baseUrl(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("baseUrl: must not be blank");
        }
        String trimmed = stripSlashes(baseUrl.strip());
        String shown = redact(trimmed);
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("baseUrl: not a URL: " + shown);
        }
        if (uri.getRawUserInfo() != null || !shown.equals(trimmed)) {
            throw new IllegalArgumentException("baseUrl: must not carry a user name or password (user:password@):"
                    + " give the provider's key as apiKey, which is stored encrypted and never shown, was " + shown);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new IllegalArgumentException("baseUrl: must be an http(s) URL with a host, was " + shown);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("baseUrl: must not have a query or fragment, was " + shown);
        }
        return trimmed;
    }

    /**
     * {@code url} with any {@code user:password@} replaced by {@code ***@}, for answers and logs; anything that is not
     * a URL is returned as is.
     */
    public static String redact(String url) {
        if (url == null) return null;
        int scheme = url.indexOf("://");
        if (scheme < 0) return url;
        int hostStart = scheme + 3;
        // The last '@' anywhere, not only before the first '/': a password may hold '/', '?' or '#' unescaped, and
        // URI parsing would then read part of it as the path. A '@' in a path is masked too: safe, and rare in a base URL.
        int at = url.lastIndexOf('@');
        return at < hostStart ? url : url.substring(0, hostStart) + "***" + url.substring(at);
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
