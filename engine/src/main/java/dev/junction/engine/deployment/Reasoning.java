package dev.junction.engine.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One block of a model's reasoning: its text and the provider's signature over it (Anthropic's {@code thinking}
 * block, Gemini's thought signature), or, when the provider hid it, only the opaque {@code redacted} data
 * (Anthropic's {@code redacted_thinking}). Both must come back unchanged on the next turn of a tool loop.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Reasoning(String text, String signature, String redacted) {
    public static Reasoning text(String text, String signature) {
        return new Reasoning(text, signature, null);
    }

    public static Reasoning redacted(String data) {
        return new Reasoning(null, null, data);
    }
}
