package dev.junction.engine.provider;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.junction.engine.deployment.PromptMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * How many tokens a prompt takes, to decide before a call whether it fits a model's context window.
 * <ul>
 *   <li>OpenAI models (names starting {@code gpt-4o}, {@code gpt-4.1}, {@code gpt-5}, {@code o1}, {@code o3},
 *       {@code o4}, {@code chatgpt}: o200k_base; {@code gpt-4}, {@code gpt-3.5}: cl100k_base) are counted exactly
 *       with OpenAI's tokenizer (jtokkit), plus OpenAI's documented framing: 3 tokens per message and 3 to prime
 *       the reply.</li>
 *   <li>Other models get {@link TokenEstimate}: a character count over four plus 4 per message. It is an estimate:
 *       a prompt near the window may be sent to the fallback when it would just have fitted, or the reverse (then
 *       the provider's own context-length error sends it to the fallback).</li>
 * </ul>
 * Counting is skipped when a cheap bound already settles it: a token is at least one UTF-8 byte, so a prompt whose
 * bytes plus framing fit certainly fits. Thread-safe; the tokenizer tables load once, in {@link #warmUp()}.
 */
public final class TokenCounter {
    private final EncodingRegistry registry = Encodings.newLazyEncodingRegistry();

    /** Loads the tokenizer tables (about 0.3 s), so the first long prompt does not pay for it. */
    public void warmUp() {
        registry.getEncoding(EncodingType.O200K_BASE).countTokensOrdinary("warm");
        registry.getEncoding(EncodingType.CL100K_BASE).countTokensOrdinary("warm");
    }

    /** Whether {@code messages} plus {@code outputTokens} fit in {@code window} tokens of {@code model}. */
    public Fit fits(String model, List<PromptMessage> messages, int outputTokens, int window) {
        long bytes = 3;
        for (PromptMessage m : messages) bytes += 4 + (m.content() == null ? 0 : m.content().getBytes(StandardCharsets.UTF_8).length);
        if (bytes + outputTokens <= window) return new Fit(true, -1, false);
        Encoding encoding = encodingOf(model);
        if (encoding != null) {
            try {
                int prompt = exact(encoding, messages);
                return new Fit(prompt + outputTokens <= window, prompt, true);
            } catch (RuntimeException e) {
                // a tokenizer bug must not fail the request: the estimate decides, as for any other model
            }
        }
        int prompt = TokenEstimate.ofMessages(messages);
        return new Fit(prompt + outputTokens <= window, prompt, false);
    }

    /** @param promptTokens -1 when no count was needed; {@code exact} whether it came from the model's tokenizer */
    public record Fit(boolean fits, int promptTokens, boolean exact) {}

    private static int exact(Encoding encoding, List<PromptMessage> messages) {
        int tokens = 3;
        for (PromptMessage m : messages) {
            // Ordinary: a special token's text in a prompt ("<|endoftext|>") is text, as OpenAI's API reads it;
            // jtokkit's countTokens throws on it.
            tokens += 3 + (m.content() == null ? 0 : encoding.countTokensOrdinary(m.content()));
        }
        return tokens;
    }

    private Encoding encodingOf(String model) {
        String m = model == null ? "" : model.toLowerCase(Locale.ROOT);
        if (m.startsWith("gpt-4o") || m.startsWith("gpt-4.1") || m.startsWith("gpt-5") || m.startsWith("o1")
                || m.startsWith("o3") || m.startsWith("o4") || m.startsWith("chatgpt")) {
            return registry.getEncoding(EncodingType.O200K_BASE);
        }
        if (m.startsWith("gpt-4") || m.startsWith("gpt-3.5")) return registry.getEncoding(EncodingType.CL100K_BASE);
        return null;
    }
}
