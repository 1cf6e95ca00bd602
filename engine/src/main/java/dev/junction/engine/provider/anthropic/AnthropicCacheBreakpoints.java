package dev.junction.engine.provider.anthropic;

import dev.junction.engine.provider.PromptCache;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a request's prompt cache breakpoint goes. Pure. Anthropic caches a request's prefix in its own order, tools,
 * then {@code system}, then the turns, up to the block that carries {@code cache_control}; so the breakpoint goes on
 * the last block of the longest leading run of that order that is the variant's own ({@link PromptCache}):
 * <ul>
 *   <li>tools: the variant's (every tool, unless the request added some or changed the response format, which
 *       fixes only the variant's own, first ones). The run ends at the first tool that is not;</li>
 *   <li>system: the text of the prefix's system messages, sent as a text block of its own (the caller's system
 *       messages, which Anthropic also takes only at the top, follow as a second block and end the run);</li>
 *   <li>the turns: the blocks of the prefix's user and assistant messages (template and few-shot messages), in the
 *       order they are sent; the run ends at the first block of the caller's. Thinking blocks cannot carry
 *       {@code cache_control}: the breakpoint goes on the last block before them that can.</li>
 * </ul>
 * So a variant with a system prompt alone gets it on its system block, one with tools and no system prompt on its
 * last tool, one with template messages on the last of their blocks. One breakpoint is set, of the four Anthropic
 * allows; none when prompt caching is off or the prefix is empty. A turn of text alone that holds the breakpoint is
 * sent as a list of text blocks (one per message) instead of a string joined by blank lines.
 * <p>Anthropic caches only a prefix of at least its model's minimum (1,024 tokens for most models, more for some
 * Haiku and Opus models); a shorter one is processed as usual and simply not cached (no error, no write charge).
 * {@code ttl} {@code 5m} is Anthropic's default and is not sent; {@code 1h} is sent as {@code "ttl": "1h"}.
 */
final class AnthropicCacheBreakpoints {
    private AnthropicCacheBreakpoints() {
    }

    /** The breakpoint on a turn's block. */
    record Mark(AnthropicTurns.Item item, AnthropicWire.CacheControl control) {
        AnthropicWire.Block apply(AnthropicWire.Block block) {
            return new AnthropicWire.Cached(block, control);
        }
    }

    /** The request's {@code system}, turns and tools, one of them with the breakpoint when there is one. */
    record Placed(Object system, List<AnthropicWire.Message> messages, List<AnthropicWire.Tool> tools) {
    }

    static Placed place(AnthropicTurns.Conversation c, List<AnthropicWire.Tool> tools, PromptCache cache) {
        if (!cache.enabled()) return new Placed(c.system(), c.messages(), tools);
        AnthropicWire.CacheControl control = AnthropicWire.CacheControl.ephemeral(cache.settings().effectiveTtl());
        int toolCount = tools == null ? 0 : tools.size();
        int fixedTools = Math.min(cache.tools(), toolCount);
        if (fixedTools < toolCount || c.turns().isEmpty() && c.fixedSystem().isEmpty()) {
            return onTool(c, tools, fixedTools - 1, control); // the run ends in the tools
        }
        boolean fixedSystem = !c.fixedSystem().isEmpty();
        if (!c.otherSystem().isEmpty()) {
            return fixedSystem ? onSystem(c, tools, control) : onTool(c, tools, toolCount - 1, control);
        }
        AnthropicTurns.Item last = null;
        outer:
        for (AnthropicTurns.Turn turn : c.turns()) {
            for (AnthropicTurns.Item item : turn.ordered()) {
                if (!item.fixed()) break outer;
                if (cacheable(item.block())) last = item;
            }
        }
        if (last != null) {
            List<AnthropicWire.Message> messages = new ArrayList<>(c.turns().size());
            for (AnthropicTurns.Turn turn : c.turns()) {
                messages.add(turn.toWire(containsSame(turn, last) ? new Mark(last, control) : null));
            }
            return new Placed(c.system(), List.copyOf(messages), tools);
        }
        return fixedSystem ? onSystem(c, tools, control) : onTool(c, tools, toolCount - 1, control);
    }

    private static boolean containsSame(AnthropicTurns.Turn turn, AnthropicTurns.Item item) {
        for (AnthropicTurns.Item i : turn.items()) if (i == item) return true;
        return false;
    }

    private static boolean cacheable(AnthropicWire.Block block) {
        return !(block instanceof AnthropicWire.ThinkingBlock) && !(block instanceof AnthropicWire.RedactedThinkingBlock);
    }

    /** The breakpoint on tool {@code index} (none when it is below 0). */
    private static Placed onTool(AnthropicTurns.Conversation c, List<AnthropicWire.Tool> tools, int index,
                                 AnthropicWire.CacheControl control) {
        if (index < 0) return new Placed(c.system(), c.messages(), tools);
        List<AnthropicWire.Tool> marked = new ArrayList<>(tools);
        marked.set(index, tools.get(index).withCacheControl(control));
        return new Placed(c.system(), c.messages(), List.copyOf(marked));
    }

    /** The breakpoint on the prefix's system block; the caller's system text, if any, follows as a block of its own. */
    private static Placed onSystem(AnthropicTurns.Conversation c, List<AnthropicWire.Tool> tools,
                                   AnthropicWire.CacheControl control) {
        List<AnthropicWire.Block> system = new ArrayList<>(2);
        system.add(new AnthropicWire.Cached(new AnthropicWire.TextBlock(String.join("\n\n", c.fixedSystem())), control));
        if (!c.otherSystem().isEmpty()) system.add(new AnthropicWire.TextBlock(String.join("\n\n", c.otherSystem())));
        return new Placed(List.copyOf(system), c.messages(), tools);
    }
}
