package dev.junction.engine.provider;

import dev.junction.engine.provider.http.ConnectionFields;
import java.time.Instant;

/**
 * A stored provider connection. {@code name} is what variants call the provider ({@code openai}); the API key is
 * plaintext only in memory (the store keeps it encrypted, the API never returns it).
 */
public record ProviderConnection(String name, ConnectionKind kind, String baseUrl, String apiKey,
                                 String azureDeployment, String azureApiVersion, Instant createdAt, Instant updatedAt) {

    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }

    /** The base URL as answers and logs show it: a {@code user:password@} in it (refused since, stored before) masked. */
    public String displayBaseUrl() {
        return ConnectionFields.redact(baseUrl);
    }

    /** Never prints the key. */
    @Override
    public String toString() {
        return "ProviderConnection[name=" + name + ", kind=" + kind.id() + ", baseUrl=" + displayBaseUrl()
                + ", apiKey=" + (hasApiKey() ? "***" : "none") + ", azureDeployment=" + azureDeployment
                + ", azureApiVersion=" + azureApiVersion + "]";
    }
}
