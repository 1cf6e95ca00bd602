package dev.junction.engine.provider;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a stored provider connection talks to: a wire format (which picks the adapter), and data about the vendor
 * (default base URL, whether a key is required, the Orquesta SDK's name for it).
 * Adding an OpenAI-compatible vendor is one line here and one word in the database's CHECK list.
 * Other wire formats ({@link Wire#GEMINI}: Google's Gemini API, whose base URL is the API root without a version)
 * have their own adapter, picked in {@link ProviderAdapters}.
 */
public enum ConnectionKind {
    OPENAI("openai", Wire.OPENAI, "openai", "https://api.openai.com/v1", true),
    AZURE("azure", Wire.OPENAI, "azure", null, true),
    OPENAI_COMPATIBLE("openai-compatible", Wire.OPENAI, "openailike", null, false),
    GROQ("groq", Wire.OPENAI, "groq", "https://api.groq.com/openai/v1", true),
    MISTRAL("mistral", Wire.OPENAI, "mistral", "https://api.mistral.ai/v1", true),
    TOGETHER("together", Wire.OPENAI, "togetherai", "https://api.together.xyz/v1", true),
    DEEPSEEK("deepseek", Wire.OPENAI, "deepseek", "https://api.deepseek.com/v1", true),
    OPENROUTER("openrouter", Wire.OPENAI, "openailike", "https://openrouter.ai/api/v1", true),
    OLLAMA("ollama", Wire.OPENAI, "openailike", "http://127.0.0.1:11434/v1", false),
    VLLM("vllm", Wire.OPENAI, "openailike", null, false),
    /** Anthropic's Messages API. The base URL is the API root without a version: the adapter adds {@code /v1/messages}. */
    ANTHROPIC("anthropic", Wire.ANTHROPIC, "anthropic", "https://api.anthropic.com", true),
    /** Google's Gemini API (generateContent). The base URL is the API root: the adapter adds {@code /v1beta/models/...}. */
    GEMINI("gemini", Wire.GEMINI, "google-ai", "https://generativelanguage.googleapis.com", true);

    /** The wire format, which picks the adapter. */
    public enum Wire { OPENAI, ANTHROPIC, GEMINI }

    private final String id;
    private final Wire wire;
    private final String orqProvider;
    private final String defaultBaseUrl;
    private final boolean requiresApiKey;

    ConnectionKind(String id, Wire wire, String orqProvider, String defaultBaseUrl, boolean requiresApiKey) {
        this.id = id;
        this.wire = wire;
        this.orqProvider = orqProvider;
        this.defaultBaseUrl = defaultBaseUrl;
        this.requiresApiKey = requiresApiKey;
    }

    /** As the API and the database spell it. */
    public String id() { return id; }

    public Wire wire() { return wire; }

    /** The Orquesta SDK's name for answers from such a connection. */
    public String orqProvider() { return orqProvider; }

    /** The vendor's API root, used when a connection gives none; null when the user must give one. */
    public String defaultBaseUrl() { return defaultBaseUrl; }

    public boolean requiresApiKey() { return requiresApiKey; }

    public static Optional<ConnectionKind> of(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    public static String ids() {
        return String.join(", ", Arrays.stream(values()).map(ConnectionKind::id).toList());
    }
}
