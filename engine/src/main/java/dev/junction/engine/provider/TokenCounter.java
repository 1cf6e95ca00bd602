package dev.junction.engine.provider;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.ToolCall;
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
 * A message's text is its {@code content} (the text of its parts), plus the name and arguments of its tool calls.
 * Images, files and audio add {@link TokenEstimate}'s documented counts (OpenAI's tile formula with the image's real
 * size, read from its header; an estimate for other vendors and for files and audio); the count is exact only when
 * every medium's count is (an OpenAI model, inline images of a known format).
 * <p>Counting is skipped when a cheap bound already settles it: a token is at least one UTF-8 byte, so a prompt whose
 * bytes plus framing plus media fit certainly fits. A text-only prompt pays nothing for media: parts are looked at
 * only in messages that have them. Thread-safe; the tokenizer tables load once, in {@link #warmUp()}.
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
        boolean media = false;
        for (PromptMessage m : messages) {
            bytes += 4 + (m.content() == null ? 0 : m.content().getBytes(StandardCharsets.UTF_8).length);
            if (m.toolCalls() != null) {
                for (ToolCall c : m.toolCalls()) bytes += toolCallText(c).getBytes(StandardCharsets.UTF_8).length;
            }
            media |= m.parts() != null;
        }
        Media extra = media ? media(model, messages) : Media.NONE;
        if (bytes + extra.tokens() + outputTokens <= window) return new Fit(true, -1, false);
        Encoding encoding = encodingOf(model);
        if (encoding != null) {
            try {
                long prompt = exact(encoding, messages) + extra.tokens();
                return new Fit(prompt + outputTokens <= window, clamp(prompt), extra.exact());
            } catch (RuntimeException e) {
                // a tokenizer bug must not fail the request: the estimate decides, as for any other model
            }
        }
        long prompt = estimate(messages) + extra.tokens();
        return new Fit(prompt + outputTokens <= window, clamp(prompt), false);
    }

    /** The media of a prompt, by {@link TokenEstimate}'s rules: their tokens, and whether the count is exact. */
    record Media(long tokens, boolean exact) {
        static final Media NONE = new Media(0, true);
    }

    static Media media(String model, List<PromptMessage> messages) {
        TokenEstimate.MediaRule rule = TokenEstimate.MediaRule.of(model);
        long tokens = 0;
        boolean exact = rule == TokenEstimate.MediaRule.OPENAI;
        for (PromptMessage m : messages) {
            if (m.parts() == null) continue;
            for (ContentPart part : m.parts()) {
                switch (part) {
                    case ContentPart.Text t -> { }
                    case ContentPart.Image image -> {
                        boolean low = rule == TokenEstimate.MediaRule.OPENAI && "low".equalsIgnoreCase(image.detail());
                        ImageDimensions size = low ? null : ImageDimensions.of(image.inline());
                        tokens += TokenEstimate.ofImage(rule, image.detail(), size);
                        exact &= low || size != null;
                    }
                    case ContentPart.File file -> {
                        tokens += TokenEstimate.ofFile(rule, file);
                        exact = false;
                    }
                    case ContentPart.Audio audio -> {
                        tokens += TokenEstimate.ofAudio(audio);
                        exact = false;
                    }
                }
            }
        }
        return new Media(tokens, exact);
    }

    /** @param promptTokens -1 when no count was needed; {@code exact} whether it came from the model's tokenizer */
    public record Fit(boolean fits, int promptTokens, boolean exact) {}

    private static long exact(Encoding encoding, List<PromptMessage> messages) {
        long tokens = 3;
        for (PromptMessage m : messages) {
            // Ordinary: a special token's text in a prompt ("<|endoftext|>") is text, as OpenAI's API reads it;
            // jtokkit's countTokens throws on it.
            tokens += 3 + (m.content() == null ? 0 : encoding.countTokensOrdinary(m.content()));
            if (m.toolCalls() != null) {
                for (ToolCall c : m.toolCalls()) tokens += encoding.countTokensOrdinary(toolCallText(c));
            }
        }
        return tokens;
    }

    private static long estimate(List<PromptMessage> messages) {
        long tokens = TokenEstimate.ofMessages(messages);
        for (PromptMessage m : messages) {
            if (m.toolCalls() != null) {
                for (ToolCall c : m.toolCalls()) tokens += TokenEstimate.ofText(toolCallText(c));
            }
        }
        return tokens;
    }

    private static String toolCallText(ToolCall call) {
        return call.name() + " " + call.arguments();
    }

    private static int clamp(long tokens) {
        return (int) Math.min(Integer.MAX_VALUE, tokens);
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
