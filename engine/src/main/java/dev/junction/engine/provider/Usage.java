package dev.junction.engine.provider;

/**
 * Token counts of one call, as the provider reported them. {@code promptTokens} is the whole prompt, however the
 * provider billed its parts. {@code cachedPromptTokens} is the part of it read from the provider's prompt cache
 * (billed at the cached-input price); 0 when none or not reported. {@code cacheWriteTokens} is the part written to
 * the prompt cache (Anthropic's {@code cache_creation_input_tokens}, billed above the input price), of which
 * {@code cacheWrite1hTokens} went into a one-hour entry (the rest into five-minute ones); 0 for providers that cache
 * on their own (OpenAI, Gemini). {@code reasoningTokens} is the part of {@code completionTokens} the model spent
 * thinking (billed as output by every provider; adapters whose provider counts it apart, Gemini's
 * {@code thoughtsTokenCount}, add it to {@code completionTokens}); 0 when none or not reported.
 */
public record Usage(int promptTokens, int completionTokens, int cachedPromptTokens, int reasoningTokens,
                    int cacheWriteTokens, int cacheWrite1hTokens) {
    public static final Usage NONE = new Usage(0, 0, 0, 0);

    public Usage(int promptTokens, int completionTokens) {
        this(promptTokens, completionTokens, 0, 0);
    }

    public Usage(int promptTokens, int completionTokens, int cachedPromptTokens) {
        this(promptTokens, completionTokens, cachedPromptTokens, 0);
    }

    public Usage(int promptTokens, int completionTokens, int cachedPromptTokens, int reasoningTokens) {
        this(promptTokens, completionTokens, cachedPromptTokens, reasoningTokens, 0, 0);
    }

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
