package dev.junction.engine.provider.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.ToolCall;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A conversation as the Messages API's {@code system} and alternating turns. Pure.
 * <ul>
 *   <li>system (and developer) messages become the top-level {@code system}, joined by a blank line, in order; they
 *       must be text (Anthropic's system prompt takes no media);</li>
 *   <li>user messages: their parts as content blocks ({@link AnthropicContent});</li>
 *   <li>assistant messages: their reasoning as {@code thinking} / {@code redacted_thinking} blocks first (only when
 *       this request thinks: Anthropic then requires them before the {@code tool_use} they led to; a block without
 *       an Anthropic signature cannot be sent back and is left out, as reasoning is the provider's state, not the
 *       conversation), then the text, then each tool call as {@code {type: tool_use, id, name, input}} with the
 *       arguments parsed into a JSON object;</li>
 *   <li>tool messages: a user turn with {@code {type: tool_result, tool_use_id, content}}. A tool message with no
 *       call id is user text, as before tool calls were carried;</li>
 *   <li>consecutive messages of one role merge into one turn (Anthropic requires user and assistant to alternate),
 *       so the results of parallel calls make one user turn; in a user turn the {@code tool_result} blocks come
 *       first (Anthropic's rule), in an assistant turn the reasoning blocks; other blocks keep their order;</li>
 *   <li>a turn made only of text is sent as a plain string, its messages' texts joined by a blank line; messages with
 *       nothing to send are left out (Anthropic refuses empty turns), except tool results, which always go.</li>
 * </ul>
 * Tool-call ids are sent as they are when they fit Anthropic's {@code ^[a-zA-Z0-9_-]+$}, else with every other
 * character replaced by {@code _} (the same in {@code tool_use} and {@code tool_result}, so the pair still matches).
 */
final class AnthropicTurns {
    private AnthropicTurns() {
    }

    /**
     * The conversation before it is written: the system texts of the prefix ({@code fixedSystem}, the request's first
     * {@code prefix} messages) and of the rest, and the turns, each block marked as the prefix's or not.
     */
    record Conversation(List<String> fixedSystem, List<String> otherSystem, List<Turn> turns) {
        /** The top-level {@code system}: the texts joined by a blank line (null when none). */
        String system() {
            List<String> all = new ArrayList<>(fixedSystem);
            all.addAll(otherSystem);
            return all.isEmpty() ? null : String.join("\n\n", all);
        }

        /** The turns as written, with no cache breakpoint. */
        List<AnthropicWire.Message> messages() {
            return turns.stream().map(t -> t.toWire(null)).toList();
        }
    }

    /** A conversation with no prefix ({@link #of(List, boolean, int)} with 0). */
    static Conversation of(List<PromptMessage> messages, boolean thinking) {
        return of(messages, thinking, 0);
    }

    /**
     * @param thinking whether this request enables extended thinking (reasoning blocks are sent back only then)
     * @param prefix   how many leading messages are the variant's fixed prefix (their blocks are marked)
     * @throws dev.junction.engine.provider.ProviderException ({@code Unsupported}) for what Anthropic cannot take
     */
    static Conversation of(List<PromptMessage> messages, boolean thinking, int prefix) {
        List<String> fixedSystem = new ArrayList<>();
        List<String> otherSystem = new ArrayList<>();
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            PromptMessage message = messages.get(i);
            boolean fixed = i < prefix;
            List<AnthropicWire.Block> blocks;
            String role;
            switch (message.role()) {
                case SYSTEM, DEVELOPER -> {
                    system(message, i, fixed ? fixedSystem : otherSystem);
                    continue;
                }
                case USER -> {
                    role = "user";
                    blocks = content(message, i);
                }
                case TOOL -> {
                    role = "user";
                    blocks = message.toolCallId() == null ? content(message, i) : List.of(toolResult(message, i));
                }
                case ASSISTANT -> {
                    role = "assistant";
                    blocks = assistant(message, i, thinking);
                }
                default -> throw new IllegalStateException("unknown role " + message.role());
            }
            if (blocks.isEmpty()) continue;
            Turn last = turns.isEmpty() ? null : turns.getLast();
            if (last == null || !last.role.equals(role)) turns.add(last = new Turn(role, new ArrayList<>()));
            for (AnthropicWire.Block b : blocks) last.items.add(new Item(b, fixed));
        }
        return new Conversation(List.copyOf(fixedSystem), List.copyOf(otherSystem), List.copyOf(turns));
    }

    private static void system(PromptMessage message, int i, List<String> system) {
        List<ContentPart> parts = message.partsOrText();
        for (int j = 0; j < parts.size(); j++) {
            if (!(parts.get(j) instanceof ContentPart.Text)) {
                throw AnthropicContent.unsupported("messages[" + i + "].content[" + j + "]: Anthropic's system prompt takes only text, not "
                        + parts.get(j).kind());
            }
        }
        if (!message.content().isBlank()) system.add(message.content());
    }

    /** A message's text and media; a message of text alone is one text block of its whole text. */
    private static List<AnthropicWire.Block> content(PromptMessage message, int i) {
        if (message.parts() == null || message.parts().stream().allMatch(p -> p instanceof ContentPart.Text)) {
            return message.content().isBlank() ? List.of() : List.of(new AnthropicWire.TextBlock(message.content()));
        }
        return AnthropicContent.blocks(message.parts(), i);
    }

    private static AnthropicWire.Block toolResult(PromptMessage message, int i) {
        Object content;
        if (message.parts() != null && !message.parts().stream().allMatch(p -> p instanceof ContentPart.Text)) {
            content = AnthropicContent.blocks(message.parts(), i);
        } else {
            content = message.content().isEmpty() ? null : message.content();
        }
        return new AnthropicWire.ToolResultBlock(wireId(message.toolCallId()), content);
    }

    private static List<AnthropicWire.Block> assistant(PromptMessage message, int i, boolean thinking) {
        List<AnthropicWire.Block> blocks = new ArrayList<>();
        if (thinking && message.reasoning() != null) {
            for (Reasoning r : message.reasoning()) {
                if (r.redacted() != null) blocks.add(new AnthropicWire.RedactedThinkingBlock(r.redacted()));
                else if (r.text() != null && r.signature() != null) blocks.add(new AnthropicWire.ThinkingBlock(r.text(), r.signature()));
            }
        }
        boolean hasReasoning = !blocks.isEmpty();
        blocks.addAll(content(message, i));
        if (message.toolCalls() != null) {
            for (int k = 0; k < message.toolCalls().size(); k++) {
                ToolCall call = message.toolCalls().get(k);
                String path = "messages[" + i + "].tool_calls[" + k + "]";
                if (call.id() == null || call.id().isBlank()) {
                    throw AnthropicContent.unsupported(path + ".id: Anthropic needs an id on every tool call");
                }
                blocks.add(new AnthropicWire.ToolUseBlock(wireId(call.id()), call.name(), arguments(call.arguments(), path)));
            }
        }
        // reasoning alone is no turn: Anthropic would take it as an empty answer
        return hasReasoning && blocks.stream().noneMatch(b -> !(b instanceof AnthropicWire.ThinkingBlock)
                && !(b instanceof AnthropicWire.RedactedThinkingBlock)) ? List.of() : blocks;
    }

    private static JsonNode arguments(String arguments, String path) {
        JsonNode input;
        try {
            input = AnthropicMapper.JSON.readTree(arguments);
        } catch (JsonProcessingException e) {
            throw AnthropicContent.unsupported(path + ".function.arguments: not valid JSON; Anthropic takes tool arguments only as a JSON object");
        }
        if (input == null || !input.isObject()) {
            throw AnthropicContent.unsupported(path + ".function.arguments: Anthropic takes tool arguments only as a JSON object");
        }
        return input;
    }

    /** An id Anthropic takes ({@code ^[a-zA-Z0-9_-]+$}): the id itself when it fits, else with other characters as {@code _}. */
    static String wireId(String id) {
        StringBuilder b = null;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok && b == null) b = new StringBuilder(id.substring(0, i));
            if (b != null) b.append(ok ? c : '_');
        }
        return b == null ? id : b.toString();
    }

    /** A block of a turn, and whether it comes from the variant's fixed prefix. */
    record Item(AnthropicWire.Block block, boolean fixed) {
    }

    /** One turn being built. */
    record Turn(String role, List<Item> items) {
        /** The blocks in the order they are sent: the blocks that must lead first, the others in their order. */
        List<Item> ordered() {
            List<Item> ordered = new ArrayList<>(items);
            ordered.sort(Comparator.comparingInt(i -> rank(i.block()))); // stable: only moves the blocks that must lead
            return ordered;
        }

        /**
         * The turn as sent; {@code breakpoint} (one of its items, or null) carries {@code cache_control}, which a turn
         * of text alone can only have as a list of blocks: it is then sent as one, else as a plain string.
         */
        AnthropicWire.Message toWire(AnthropicCacheBreakpoints.Mark breakpoint) {
            if (breakpoint == null && items.stream().allMatch(i -> i.block() instanceof AnthropicWire.TextBlock)) {
                StringBuilder text = new StringBuilder();
                for (Item i : items) {
                    if (!text.isEmpty()) text.append("\n\n");
                    text.append(((AnthropicWire.TextBlock) i.block()).text());
                }
                return new AnthropicWire.Message(role, text.toString());
            }
            List<AnthropicWire.Block> blocks = new ArrayList<>(items.size());
            for (Item i : ordered()) {
                blocks.add(breakpoint != null && breakpoint.item() == i ? breakpoint.apply(i.block()) : i.block());
            }
            return new AnthropicWire.Message(role, List.copyOf(blocks));
        }

        private static int rank(AnthropicWire.Block b) {
            return b instanceof AnthropicWire.ToolResultBlock || b instanceof AnthropicWire.ThinkingBlock
                    || b instanceof AnthropicWire.RedactedThinkingBlock ? 0 : 1;
        }
    }
}
