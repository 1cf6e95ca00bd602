package dev.junction.engine.provider;

import dev.junction.engine.deployment.PromptCachingSettings;

/**
 * Where a request's fixed prefix ends, for providers whose prompt cache needs breakpoints (Anthropic): the prefix
 * is what the variant itself sends ahead of anything of the caller's, in the provider's order (tools, system,
 * messages).
 * <ul>
 *   <li>{@code messages}: how many leading messages of the request are the variant's own prompt, written before any
 *       message of the caller (its {@code prefixMessages} or {@code messages}). The variant's leading system messages
 *       always are; the rest of its prompt is too when the caller sends no prefix messages (they go between the two,
 *       {@code VariantPlan}). A template message whose {@code {{variables}}} change per request still counts as
 *       prefix, as written: such a prefix only hits the cache when its rendered text repeats;</li>
 *   <li>{@code tools}: how many leading tools are the variant's ({@link #ALL_TOOLS}: every tool sent, including the
 *       JSON tool an Anthropic adapter adds for a response format). A request that adds tools or changes the response
 *       format fixes only the variant's own tools, which come first;</li>
 *   <li>{@code settings}: on or off, and the TTL.</li>
 * </ul>
 * OpenAI and Gemini cache prefixes on their own and ignore this.
 */
public record PromptCache(int messages, int tools, PromptCachingSettings settings) {
    public static final int ALL_TOOLS = Integer.MAX_VALUE;
    /** No prompt caching: what a request carries when nobody said otherwise. */
    public static final PromptCache NONE = new PromptCache(0, 0, new PromptCachingSettings(false, null));

    public PromptCache {
        if (messages < 0 || tools < 0) throw new IllegalArgumentException("negative prefix");
        settings = settings == null ? PromptCachingSettings.DEFAULT : settings;
    }

    public boolean enabled() {
        return settings.enabled();
    }
}
