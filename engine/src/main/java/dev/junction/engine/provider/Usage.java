package dev.junction.engine.provider;

/**
 * Token counts of one call, as the provider reported them. {@code cachedPromptTokens} is the part of
 * {@code promptTokens} served from the provider's prompt cache (billed at the cached-input price); 0 when none or
 * not reported.
 */
public record Usage(int promptTokens, int completionTokens, int cachedPromptTokens) {
    public static final Usage NONE = new Usage(0, 0, 0);

    public Usage(int promptTokens, int completionTokens) {
        this(promptTokens, completionTokens, 0);
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
