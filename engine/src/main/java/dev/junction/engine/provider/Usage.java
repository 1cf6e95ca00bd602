package dev.junction.engine.provider;

/** Token counts of one call, as the provider reported them. */
public record Usage(int promptTokens, int completionTokens) {
    public static final Usage NONE = new Usage(0, 0);

    public int totalTokens() {
        return promptTokens + completionTokens;
    }
}
