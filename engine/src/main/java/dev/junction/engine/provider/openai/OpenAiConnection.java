package dev.junction.engine.provider.openai;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * One connection to an OpenAI-compatible chat-completions API. Vendors (OpenAI, Groq, Mistral, DeepSeek,
 * Together, a local LM Studio or Ollama) are values of this record, not subclasses.
 *
 * @param name           the connection's name, as variants refer to it
 * @param baseUrl        the API root including its version segment, e.g. {@code https://api.openai.com/v1};
 *                       trailing slashes are dropped
 * @param apiKey         sent as {@code Authorization: Bearer ...}; null or blank sends no such header (Ollama)
 * @param orqProvider    the Orquesta SDK's name for the vendor ({@code openai}, {@code groq}, ...); null or
 *                       blank means {@code openailike}
 * @param requestTimeout the deadline of one call, response body included; null means {@link #DEFAULT_REQUEST_TIMEOUT}
 */
public record OpenAiConnection(String name, String baseUrl, String apiKey, String orqProvider, Duration requestTimeout) {
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    public static final String DEFAULT_ORQ_PROVIDER = "openailike";

    public OpenAiConnection {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name: must not be blank");
        }
        baseUrl = normalizeBaseUrl(baseUrl);
        apiKey = apiKey == null ? null : apiKey.strip(); // a key pasted from a file often ends in a newline
        if (apiKey != null && apiKey.chars().anyMatch(c -> c < 0x21 || c == 0x7f)) {
            throw new IllegalArgumentException("apiKey: must not contain spaces or control characters");
        }
        orqProvider = orqProvider == null || orqProvider.isBlank() ? DEFAULT_ORQ_PROVIDER : orqProvider.strip();
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout: must be positive, was " + requestTimeout);
        }
    }

    /** Whether calls carry an {@code Authorization} header. */
    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }

    /** {@code {baseUrl}/chat/completions}. */
    public URI chatCompletionsUri() {
        return URI.create(baseUrl + "/chat/completions");
    }

    /** Never prints the key: this record ends up in logs and exception messages. */
    @Override
    public String toString() {
        return "OpenAiConnection[name=" + name + ", baseUrl=" + baseUrl + ", apiKey=" + (hasApiKey() ? "***" : "none")
                + ", orqProvider=" + orqProvider + ", requestTimeout=" + requestTimeout + "]";
    }

    private static String normalizeBaseUrl(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new IllegalArgumentException("baseUrl: must not be blank");
        }
        String trimmed = baseUrl.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
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
}
