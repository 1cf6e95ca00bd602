package dev.junction.engine.provider;

/**
 * Token counts of one call, as the provider reported them. {@code cachedPromptTokens} is the part of
 * {@code promptTokens} served from the provider's prompt cache (billed at the cached-input price); 0 when none or
 * not reported. {@code reasoningTokens} is the part of {@code completionTokens} the model spent thinking (billed as
 * output by every provider; adapters whose provider counts it apart, Gemini's {@code thoughtsTokenCount}, add it to
 * {@code completionTokens}); 0 when none or not reported.
 */
public record Usage(int promptTokens, int completionTokens, int cachedPromptTokens, int reasoningTokens) {
    public static final Usage NONE = new Usage(0, 0, 0, 0);

    public Usage(int promptTokens, int completionTokens) {
        this(promptTokens, completionTokens, 0, 0);
    }

    public Usage(int promptTokens, int completionTokens, int cachedPromptTokens) {
        this(promptTokens, completionTokens, cachedPromptTokens, 0);
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
