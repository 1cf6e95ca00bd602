package dev.junction.engine.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.StreamPiece;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.support.Jackson;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * An answer as the cache keeps it: the model's response (text, tool calls, reasoning, finish reason, usage), the
 * provider and model of the option that answered, and what that answer cost ({@code costUsd}, null when it was not
 * priced): the money a hit saves.
 *
 * <p>Stored as UTF-8 JSON with a format number, {@code {"format": 1, "provider", "model", "costUsd", "response":
 * {...}}}. {@link #decode} refuses anything else (another format number, bytes that are not this JSON) with
 * {@link Unreadable}: the cache then treats the entry as a miss.
 */
public record CachedAnswer(String provider, String model, ChatResponse response, BigDecimal costUsd) {
    /** The format written now; an entry of any other number is unreadable (a miss). */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = Jackson.mapper().build();

    /** An entry that cannot be read: corrupt, or written in another format. */
    public static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    public byte[] encode() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("provider", provider);
        root.put("model", model);
        if (costUsd != null) root.put("costUsd", costUsd.toPlainString());
        ObjectNode r = root.putObject("response");
        r.put("content", response.content());
        r.put("finishReason", response.finishReason());
        r.put("model", response.model());
        Usage u = response.usage();
        r.putObject("usage").put("prompt", u.promptTokens()).put("completion", u.completionTokens())
                .put("cached", u.cachedPromptTokens()).put("reasoning", u.reasoningTokens());
        ArrayNode calls = r.putArray("toolCalls");
        for (ToolCall c : response.toolCalls()) {
            ObjectNode n = calls.addObject().put("id", c.id()).put("name", c.name()).put("arguments", c.arguments());
            if (c.signature() != null) n.put("signature", c.signature());
        }
        ArrayNode reasoning = r.putArray("reasoning");
        for (Reasoning b : response.reasoning()) {
            ObjectNode n = reasoning.addObject();
            if (b.text() != null) n.put("text", b.text());
            if (b.signature() != null) n.put("signature", b.signature());
            if (b.redacted() != null) n.put("redacted", b.redacted());
        }
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("a cached answer did not serialize", e);
        }
    }

    public static CachedAnswer decode(byte[] bytes) throws Unreadable {
        JsonNode root;
        try {
            root = JSON.readTree(bytes);
        } catch (IOException | RuntimeException e) {
            throw new Unreadable("not JSON: " + e.getClass().getSimpleName());
        }
        if (root == null || !root.isObject()) throw new Unreadable("not a JSON object");
        JsonNode format = root.get("format");
        if (format == null || !format.canConvertToInt() || format.asInt() != FORMAT) {
            throw new Unreadable("format " + (format == null ? "missing" : format.toString()) + ", expected " + FORMAT);
        }
        try {
            JsonNode r = required(root, "response");
            JsonNode u = required(r, "usage");
            List<ToolCall> calls = new ArrayList<>();
            for (JsonNode c : r.path("toolCalls")) {
                calls.add(new ToolCall(text(c, "id"), required(c, "name").asText(), text(c, "arguments"), text(c, "signature")));
            }
            List<Reasoning> reasoning = new ArrayList<>();
            for (JsonNode b : r.path("reasoning")) reasoning.add(new Reasoning(text(b, "text"), text(b, "signature"), text(b, "redacted")));
            ChatResponse response = new ChatResponse(required(r, "content").asText(), text(r, "finishReason"),
                    new Usage(u.path("prompt").asInt(), u.path("completion").asInt(), u.path("cached").asInt(), u.path("reasoning").asInt()),
                    text(r, "model"), calls, reasoning);
            String cost = text(root, "costUsd");
            return new CachedAnswer(required(root, "provider").asText(), required(root, "model").asText(), response,
                    cost == null ? null : new BigDecimal(cost));
        } catch (RuntimeException e) {
            throw new Unreadable("malformed: " + e.getMessage());
        }
    }

    /**
     * The answer as a stream: its reasoning (text, then the block's signature), its text in word-sized pieces (as a
     * mocked answer streams), then each tool call whole in one piece.
     */
    public List<StreamPiece> pieces(java.util.function.Function<String, List<String>> words) {
        List<StreamPiece> out = new ArrayList<>();
        for (Reasoning b : response.reasoning()) {
            if (b.text() != null) out.add(new StreamPiece.ReasoningDelta(b.text(), null));
            if (b.signature() != null) out.add(new StreamPiece.ReasoningDelta(null, b.signature()));
        }
        for (String w : words.apply(response.content())) out.add(new StreamPiece.Text(w));
        List<ToolCall> calls = response.toolCalls();
        for (int i = 0; i < calls.size(); i++) {
            ToolCall c = calls.get(i);
            out.add(new StreamPiece.ToolCallDelta(i, c.id(), c.name(), c.arguments()));
        }
        return out;
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) throw new IllegalArgumentException("no " + field);
        return v;
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
