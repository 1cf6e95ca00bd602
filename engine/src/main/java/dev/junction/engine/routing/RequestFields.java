package dev.junction.engine.routing;

import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.engine.provider.TokenEstimate;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing fields Junction derives from the request itself, so a table can route on what a request is and not only
 * on its {@code context}: {@code request.has_images → vision}. They need no declaring in the context schema, have
 * fixed types, and the names under {@code request.} are reserved: a context field of the schema may not use them, a
 * condition may only name the fields below, and the caller's {@code context} cannot set them (its {@code request.*}
 * keys are replaced by the derived values before routing, see {@link #routingContext}).
 * <p>They describe what the caller sent: its {@code messages}, its prefix messages and its {@code inputs}. Routing
 * happens before a variant is chosen, so nothing of a variant (its prompt, its tools) counts.
 * <ul>
 *   <li>{@code request.has_images}, {@code request.has_files}, {@code request.has_audio} (boolean): a message has a
 *       part of that kind (image, file, audio).</li>
 *   <li>{@code request.has_tools} (boolean): the request brings tools (its parameter overrides hold a non-empty
 *       {@code tools} list: {@code extra_params.tools}, or {@code tools} on {@code /v1}), or the conversation is in a
 *       tool loop: an assistant message with {@code tool_calls}, or a {@code tool} message.</li>
 *   <li>{@code request.prompt_tokens} (number): the estimated tokens of those messages and inputs, by
 *       {@link TokenEstimate} (characters over four, plus four per message; an input's text counted as its
 *       characters over four) — an estimate, since the model, and with it the tokenizer, is not chosen yet. The
 *       variant's own prompt is not counted.</li>
 *   <li>{@code request.turns} (number): the user messages among those messages, the turns of the conversation
 *       (assistant, tool and system messages are not turns).</li>
 * </ul>
 * In the simulator and in routing tests they are given as plain context values ({@code "request.has_images": true});
 * Replay reads them from the logged context, which holds them for requests logged since they exist (before, they are
 * absent).
 */
public final class RequestFields {
    /** The reserved prefix. */
    public static final String PREFIX = "request.";
    public static final String HAS_IMAGES = "request.has_images";
    public static final String HAS_FILES = "request.has_files";
    public static final String HAS_AUDIO = "request.has_audio";
    public static final String HAS_TOOLS = "request.has_tools";
    public static final String PROMPT_TOKENS = "request.prompt_tokens";
    public static final String TURNS = "request.turns";

    /** Every request field and its type, in the order they are documented. */
    public static final Map<String, FieldType> TYPES = types();

    private RequestFields() {}

    private static Map<String, FieldType> types() {
        Map<String, FieldType> types = new LinkedHashMap<>();
        for (String flag : List.of(HAS_IMAGES, HAS_FILES, HAS_AUDIO, HAS_TOOLS)) types.put(flag, FieldType.BOOLEAN);
        types.put(PROMPT_TOKENS, FieldType.NUMBER);
        types.put(TURNS, FieldType.NUMBER);
        return Collections.unmodifiableMap(types);
    }

    /** Whether the name is under the reserved {@code request.} prefix (a request field or not). */
    public static boolean reserved(String name) {
        return name != null && name.startsWith(PREFIX);
    }

    /** The type of a request field; null when the name is not one. */
    public static FieldType typeOf(String name) {
        return name == null ? null : TYPES.get(name);
    }

    /** The names, for messages: {@code request.has_images, request.has_files, ...}. */
    public static String names() {
        return String.join(", ", TYPES.keySet());
    }

    /** The derived values of one request. */
    public record Values(boolean hasImages, boolean hasFiles, boolean hasAudio, boolean hasTools, int promptTokens,
                         int turns) {
        /** Puts the six fields in {@code into}. */
        void putInto(Map<String, Object> into) {
            into.put(HAS_IMAGES, hasImages);
            into.put(HAS_FILES, hasFiles);
            into.put(HAS_AUDIO, hasAudio);
            into.put(HAS_TOOLS, hasTools);
            into.put(PROMPT_TOKENS, promptTokens);
            into.put(TURNS, turns);
        }
    }

    /**
     * Derives the fields from what the caller sent. One pass over the messages; a text-only message costs a few field
     * reads (its parts are only walked when it has some).
     *
     * @param requestTools the tools the request brings (null or empty: none)
     */
    public static Values of(List<PromptMessage> prefixMessages, List<PromptMessage> messages,
                            Map<String, Object> inputs, List<ToolSpec> requestTools) {
        Scan scan = new Scan();
        scan.tools = requestTools != null && !requestTools.isEmpty();
        scan.add(prefixMessages);
        scan.add(messages);
        long tokens = (long) TokenEstimate.ofMessages(prefixMessages) + TokenEstimate.ofMessages(messages) + inputTokens(inputs);
        return new Values(scan.images, scan.files, scan.audio, scan.tools, (int) Math.min(Integer.MAX_VALUE, tokens), scan.turns);
    }

    /** What the messages hold, gathered in one pass. */
    private static final class Scan {
        boolean images, files, audio, tools;
        int turns;

        void add(List<PromptMessage> messages) {
            for (PromptMessage m : messages) {
                if (m.role() == Role.USER) turns++;
                if (m.role() == Role.TOOL || m.hasToolCalls()) tools = true;
                if (m.parts() == null) continue;
                for (ContentPart p : m.parts()) {
                    switch (p) {
                        case ContentPart.Image i -> images = true;
                        case ContentPart.File f -> files = true;
                        case ContentPart.Audio a -> audio = true;
                        case ContentPart.Text t -> { }
                    }
                }
            }
        }
    }

    /**
     * The context the router reads: the caller's {@code context} without its {@code request.*} keys (a caller cannot
     * set a request field), with the derived values. A new map; the caller's is not changed.
     */
    public static Map<String, Object> routingContext(Map<String, Object> callerContext, Values values) {
        Map<String, Object> out = new HashMap<>(((callerContext.size() + TYPES.size()) * 4 + 2) / 3);
        for (Map.Entry<String, Object> e : callerContext.entrySet()) {
            if (!reserved(e.getKey())) out.put(e.getKey(), e.getValue());
        }
        values.putInto(out);
        return out;
    }

    /** Inputs as their text would take tokens: a string's characters over four; numbers and booleans as their text. */
    private static long inputTokens(Map<String, Object> inputs) {
        long tokens = 0;
        for (Object value : inputs.values()) tokens += valueTokens(value, 0);
        return tokens;
    }

    private static long valueTokens(Object value, int depth) {
        if (value == null || depth > 32) return 0;
        if (value instanceof String s) return TokenEstimate.ofText(s);
        if (value instanceof Number || value instanceof Boolean) return TokenEstimate.ofText(value.toString());
        long tokens = 0;
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) tokens += TokenEstimate.ofText(String.valueOf(e.getKey())) + valueTokens(e.getValue(), depth + 1);
        } else if (value instanceof Collection<?> items) {
            for (Object item : items) tokens += valueTokens(item, depth + 1);
        }
        return tokens;
    }
}
