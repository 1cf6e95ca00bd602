package dev.junction.engine.provider;

import dev.junction.engine.deployment.PromptMessage;
import java.util.List;

/**
 * A documented estimate of token counts for models without an exact tokenizer:
 * one token per four characters, rounded up, plus four tokens of framing per message
 * (the rule of thumb OpenAI documents for English text).
 */
public final class TokenEstimate {
    private TokenEstimate() {}

    public static int ofText(String text) {
        return text == null || text.isEmpty() ? 0 : (text.length() + 3) / 4;
    }

    public static int ofMessages(List<PromptMessage> messages) {
        int tokens = 0;
        for (PromptMessage message : messages) {
            tokens += 4 + ofText(message.content());
        }
        return tokens;
    }
}
