package dev.junction.engine.provider.openai;

import dev.junction.engine.provider.http.ConnectionFields;
import dev.junction.engine.provider.http.HttpConnection;
import java.net.URI;
import java.time.Duration;

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
 * @param authStyle      how the key is sent: {@code Authorization: Bearer} (null means that) or Azure's {@code api-key}
 * @param azure          for Azure OpenAI, the deployment and api-version that make up its URL; null otherwise
 */
public record OpenAiConnection(String name, String baseUrl, String apiKey, String orqProvider, Duration requestTimeout,
                               AuthStyle authStyle, Azure azure) implements HttpConnection {
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    public static final String DEFAULT_ORQ_PROVIDER = "openailike";

    /** How a call carries the API key. */
    public enum AuthStyle {
        /** {@code Authorization: Bearer <key>}: OpenAI and nearly every compatible server. */
        BEARER,
        /** {@code api-key: <key>}: Azure OpenAI. */
        API_KEY_HEADER
    }

    /** Azure OpenAI's addressing: {@code {baseUrl}/openai/deployments/{deployment}/chat/completions?api-version={apiVersion}}. */
    public record Azure(String deployment, String apiVersion) {
        public Azure {
            if (deployment == null || deployment.isBlank()) throw new IllegalArgumentException("azureDeployment: must not be blank");
            if (apiVersion == null || apiVersion.isBlank()) throw new IllegalArgumentException("azureApiVersion: must not be blank");
            deployment = deployment.strip();
            apiVersion = apiVersion.strip();
        }
    }

    /** A connection that sends its key as a bearer token (OpenAI and compatible servers). */
    public OpenAiConnection(String name, String baseUrl, String apiKey, String orqProvider, Duration requestTimeout) {
        this(name, baseUrl, apiKey, orqProvider, requestTimeout, AuthStyle.BEARER, null);
    }

    /** An Azure OpenAI connection: {@code baseUrl} is the resource endpoint, e.g. {@code https://my-resource.openai.azure.com}. */
    public static OpenAiConnection azure(String name, String baseUrl, String apiKey, String deployment, String apiVersion,
                                         Duration requestTimeout) {
        return new OpenAiConnection(name, baseUrl, apiKey, "azure", requestTimeout, AuthStyle.API_KEY_HEADER,
                new Azure(deployment, apiVersion));
    }

    public OpenAiConnection {
        authStyle = authStyle == null ? AuthStyle.BEARER : authStyle;
        ConnectionFields.name(name);
        baseUrl = ConnectionFields.baseUrl(baseUrl);
        apiKey = ConnectionFields.apiKey(apiKey == null ? null : apiKey.strip()); // a key pasted from a file often ends in a newline
        orqProvider = orqProvider == null || orqProvider.isBlank() ? DEFAULT_ORQ_PROVIDER : orqProvider.strip();
        requestTimeout = ConnectionFields.requestTimeout(requestTimeout, DEFAULT_REQUEST_TIMEOUT);
    }

    /** {@code {baseUrl}/chat/completions}, or Azure's deployment URL with its api-version. */
    public URI chatCompletionsUri() {
        if (azure != null) {
            return URI.create(baseUrl + "/openai/deployments/" + encode(azure.deployment())
                    + "/chat/completions?api-version=" + encode(azure.apiVersion()));
        }
        return URI.create(baseUrl + "/chat/completions");
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Never prints the key: this record ends up in logs and exception messages. */
    @Override
    public String toString() {
        return "OpenAiConnection[name=" + name + ", baseUrl=" + baseUrl + ", apiKey=" + (hasApiKey() ? "***" : "none")
                + ", orqProvider=" + orqProvider + ", requestTimeout=" + requestTimeout + ", authStyle=" + authStyle
                + (azure == null ? "" : ", azure=" + azure) + "]";
    }
}
