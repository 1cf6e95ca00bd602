package dev.junction.engine.provider.gemini;

import dev.junction.engine.provider.http.ConnectionFields;
import dev.junction.engine.provider.http.HttpConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * One connection to Google's Gemini API (the Generative Language API of Google AI Studio).
 *
 * @param name           the connection's name, as variants refer to it
 * @param baseUrl        the API root without a version, e.g. {@value #DEFAULT_BASE_URL}; the adapter appends
 *                       {@code /v1beta/models/{model}:generateContent}. A root that already ends in {@code /v1beta}
 *                       or {@code /v1} (a proxy's path) is used as it is. Trailing slashes are dropped.
 * @param apiKey         sent as the {@code x-goog-api-key} header, never as {@code ?key=}, so it stays out of URLs
 *                       and logs; null or blank sends none (a proxy that adds it)
 * @param requestTimeout the deadline of one call, response body included; null means {@link #DEFAULT_REQUEST_TIMEOUT}
 */
public record GeminiConnection(String name, String baseUrl, String apiKey, Duration requestTimeout) implements HttpConnection {
    public static final String DEFAULT_BASE_URL = "https://generativelanguage.googleapis.com";
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** The Orquesta SDK's name for Google AI Studio's Gemini. */
    public static final String ORQ_PROVIDER = "google-ai";
    static final String API_VERSION = "v1beta";

    public GeminiConnection {
        ConnectionFields.name(name);
        baseUrl = ConnectionFields.baseUrl(baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl);
        apiKey = ConnectionFields.apiKey(apiKey == null || apiKey.isBlank() ? null : apiKey.strip());
        requestTimeout = ConnectionFields.requestTimeout(requestTimeout, DEFAULT_REQUEST_TIMEOUT);
    }

    @Override
    public String orqProvider() {
        return ORQ_PROVIDER;
    }

    /** {@code {root}/v1beta/models/{model}:generateContent}. */
    public URI generateContentUri(String model) {
        return URI.create(apiRoot() + "/" + modelPath(model) + ":generateContent");
    }

    /** {@code {root}/v1beta/models/{model}:streamGenerateContent?alt=sse} (server-sent events, not a JSON array). */
    public URI streamGenerateContentUri(String model) {
        return URI.create(apiRoot() + "/" + modelPath(model) + ":streamGenerateContent?alt=sse");
    }

    /** The versioned root: {@code baseUrl} when it names a version already, else {@code baseUrl/v1beta}. */
    String apiRoot() {
        String lower = baseUrl.toLowerCase(Locale.ROOT);
        return lower.endsWith("/v1beta") || lower.endsWith("/v1") ? baseUrl : baseUrl + "/" + API_VERSION;
    }

    /**
     * The model's resource name: {@code gemini-2.5-flash} becomes {@code models/gemini-2.5-flash}; a name given
     * in full ({@code models/...}, {@code tunedModels/...}) is kept. Each segment is percent-encoded.
     */
    static String modelPath(String model) {
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model: must not be blank");
        }
        String m = model.strip();
        if (m.startsWith("/")) m = m.substring(1);
        String[] segments = m.startsWith("models/") || m.startsWith("tunedModels/") ? m.split("/", 2) : new String[] {"models", m};
        return segments[0] + "/" + URLEncoder.encode(segments[1], StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Never prints the key: this record ends up in logs and exception messages. */
    @Override
    public String toString() {
        return "GeminiConnection[name=" + name + ", baseUrl=" + baseUrl + ", apiKey=" + (hasApiKey() ? "***" : "none")
                + ", requestTimeout=" + requestTimeout + "]";
    }
}
