package dev.junction.engine.provider;

/**
 * A connection as a user submits it. {@code apiKey} null keeps the stored key (on an update); an empty string
 * removes it.
 */
public record ConnectionInput(String kind, String baseUrl, String apiKey, String azureDeployment, String azureApiVersion) {
    /** Never prints the key, nor a password in the base URL. */
    @Override
    public String toString() {
        return "ConnectionInput[kind=" + kind + ", baseUrl=" + dev.junction.engine.provider.http.ConnectionFields.redact(baseUrl) + ", apiKey=" + (apiKey == null ? "unchanged" : "***")
                + ", azureDeployment=" + azureDeployment + ", azureApiVersion=" + azureApiVersion + "]";
    }
}
