package dev.junction.engine.provider;

/** A provider's answer: the assistant text, why it stopped, token usage and the model that answered. */
public record ChatResponse(String content, String finishReason, Usage usage, String model) {
    public ChatResponse {
        usage = usage == null ? Usage.NONE : usage;
    }
}
