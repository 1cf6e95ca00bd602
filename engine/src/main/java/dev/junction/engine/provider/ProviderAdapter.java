package dev.junction.engine.provider;

/**
 * One provider connection (port). Adapters are thin: wire DTOs, a pure mapper and an injected HTTP client.
 * Implementations are thread-safe.
 */
public interface ProviderAdapter {

    /** The connection's name, as variants refer to it: {@code simulator}, {@code openai}. */
    String name();

    /**
     * The provider as the Orquesta wire format names it. The official SDK accepts only its closed list
     * (openai, anthropic, google-ai, groq, ..., orq), so every adapter maps itself onto one of those.
     */
    String orqProvider();

    /**
     * Makes one call. Does not retry.
     *
     * @throws ProviderException with the typed failure when the call fails
     */
    ChatResponse chat(ChatRequest request);
}
