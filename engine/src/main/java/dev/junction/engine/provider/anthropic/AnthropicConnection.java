package dev.junction.engine.provider.anthropic;

import dev.junction.engine.provider.http.ConnectionFields;
import dev.junction.engine.provider.http.HttpConnection;
import java.net.URI;
import java.time.Duration;

/**
 * One connection to Anthropic's Messages API (or a proxy that speaks it).
 *
 * @param name           the connection's name, as variants refer to it
 * @param baseUrl        the API root <em>without</em> a version segment, e.g. {@code https://api.anthropic.com}: calls go
 *                       to {@code {baseUrl}/v1/messages}, as Anthropic's own SDKs do. Trailing slashes are dropped, and
 *                       so is one trailing {@code /v1}, a habit from OpenAI-style base URLs that would otherwise
 *                       address {@code /v1/v1/messages}
 * @param apiKey         sent as {@code x-api-key}; null or blank sends no key (a proxy that adds its own)
 * @param requestTimeout the deadline of one call, response body included, when the call sets none; null means
 *                       {@link #DEFAULT_REQUEST_TIMEOUT}
 */
public record AnthropicConnection(String name, String baseUrl, String apiKey, Duration requestTimeout) implements HttpConnection {
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** The {@code anthropic-version} header every call carries: the API's stable version. */
    public static final String API_VERSION = "2023-06-01";
    /** What answers from such a connection are called in the Orquesta wire format. */
    public static final String ORQ_PROVIDER = "anthropic";

    public AnthropicConnection {
        ConnectionFields.name(name);
        baseUrl = normalizeBaseUrl(baseUrl);
        apiKey = ConnectionFields.apiKey(apiKey == null ? null : apiKey.strip()); // a key pasted from a file often ends in a newline
        requestTimeout = ConnectionFields.requestTimeout(requestTimeout, DEFAULT_REQUEST_TIMEOUT);
    }

    @Override
    public String orqProvider() {
        return ORQ_PROVIDER;
    }

    /** {@code {baseUrl}/v1/messages}. */
    public URI messagesUri() {
        return URI.create(baseUrl + "/v1/messages");
    }

    /** Never prints the key: this record ends up in logs and exception messages. */
    @Override
    public String toString() {
        return "AnthropicConnection[name=" + name + ", baseUrl=" + baseUrl + ", apiKey=" + (hasApiKey() ? "***" : "none")
                + ", requestTimeout=" + requestTimeout + "]";
    }

    /** {@link ConnectionFields#baseUrl}, then without one trailing {@code /v1}. */
    private static String normalizeBaseUrl(String baseUrl) {
        String trimmed = ConnectionFields.baseUrl(baseUrl);
        String path = URI.create(trimmed).getRawPath();
        if (path != null && path.endsWith("/v1")) {
            trimmed = ConnectionFields.stripSlashes(trimmed.substring(0, trimmed.length() - "/v1".length()));
        }
        return trimmed;
    }
}
