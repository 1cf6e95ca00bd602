package dev.junction.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bounds the free-form texts of one log row, as the row is built on the log writer's thread (never on the request
 * thread: hashing a megabyte costs about a millisecond of CPU).
 *
 * <p>A text longer than {@code max} bytes of UTF-8 keeps its first {@code max} bytes, cut on a character boundary, and
 * is recorded by its path ({@code answer}, {@code inputs.question}, {@code messages[1].content}) with its full size in
 * bytes and the SHA-256 of those bytes. A JSON column still longer than {@link #COLUMN_FACTOR} times {@code max} after
 * that (many short texts, or long keys) keeps the first {@code COLUMN_FACTOR * max} bytes of its JSON as one string,
 * recorded by the column's name with the size and SHA-256 of its whole JSON. {@code max} 0 keeps everything whole.
 * One instance per row; not thread-safe.
 */
final class TextCuts {
    /** How many times the text bound a whole JSON column may take. */
    static final int COLUMN_FACTOR = 4;
    /** A path names at most this many characters of each object key (keys are the client's too). */
    private static final int KEY_IN_PATH = 64;
    /** A path is at most this long (nesting is the client's too): at most 26 cuts of a row are recorded, each short. */
    private static final int PATH = 256;
    private static final ObjectMapper MAPPER = LogRows.MAPPER;

    private final int max;
    private Map<String, Map<String, Object>> cuts;

    TextCuts(int max) {
        if (max < 0) throw new IllegalArgumentException("max must be 0 or more");
        this.max = max;
    }

    /** The text, cut when longer than the bound (recorded under {@code path}). */
    String text(String path, String s) {
        if (s == null || max == 0 || !longer(s, max)) return s;
        record(path, s);
        return prefix(s, max);
    }

    /** A JSON column's text, its long texts cut and the column as a whole bounded (recorded under {@code column}). */
    String json(String column, String json) {
        if (json == null || max == 0 || !longer(json, max)) return json;
        try {
            JsonNode tree = MAPPER.readTree(json);
            Map<String, Map<String, Object>> before = cuts == null ? null : new LinkedHashMap<>(cuts);
            JsonNode cut = walk(column, tree);
            String out = MAPPER.writeValueAsString(cut);
            int whole = columnMax(max);
            if (!longer(out, whole)) return out;
            cuts = before; // the column is kept as the start of its JSON: the cuts inside it no longer apply
            record(column, json);
            return MAPPER.writeValueAsString(prefix(json, whole));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a log column is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The most a JSON column takes for a text bound of {@code max} (0: no bound). */
    static int columnMax(int max) {
        return (int) Math.min(Integer.MAX_VALUE, (long) COLUMN_FACTOR * max);
    }

    /** What was cut, as JSON: {@code {"<path>": {"bytes": n, "sha256": "<hex>"}}}; null when nothing was. */
    String truncated() {
        if (cuts == null) return null;
        try {
            return MAPPER.writeValueAsString(cuts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode walk(String path, JsonNode node) {
        if (node.isTextual()) {
            String s = node.textValue();
            if (!longer(s, max)) return node;
            record(path, s);
            return TextNode.valueOf(prefix(s, max));
        }
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String key = name.length() > KEY_IN_PATH ? name.substring(0, KEY_IN_PATH) + "…" : name;
                o.set(name, walk(path + "." + key, o.get(name)));
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) a.set(i, walk(path + "[" + i + "]", a.get(i)));
        }
        return node;
    }

    private void record(String path, String full) {
        byte[] bytes = full.getBytes(StandardCharsets.UTF_8);
        Map<String, Object> cut = new LinkedHashMap<>();
        cut.put("bytes", bytes.length);
        cut.put("sha256", HexFormat.of().formatHex(sha256().digest(bytes)));
        if (cuts == null) cuts = new LinkedHashMap<>();
        String name = path.length() > PATH ? path.substring(0, PATH) + "…" : path;
        cuts.put(cuts.containsKey(name) ? name + "#" + cuts.size() : name, cut);
    }

    /** Whether {@code s} takes more than {@code limit} bytes of UTF-8 (a lone surrogate is written as one byte, '?'). */
    static boolean longer(String s, int limit) {
        if ((long) s.length() * 3 <= limit) return false;
        if (s.length() > limit) return true; // at least a byte a char
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            n += charBytes(s, i);
            if (n > limit) return true;
        }
        return false;
    }

    /** The longest start of {@code s} that takes at most {@code limit} bytes of UTF-8, never half a character. */
    static String prefix(String s, int limit) {
        long n = 0;
        int i = 0;
        while (i < s.length()) {
            int step = pairAt(s, i) ? 2 : 1;
            int b = charBytes(s, i);
            if (n + b > limit) break;
            n += b;
            i += step;
        }
        return s.substring(0, i);
    }

    /**
     * The UTF-8 bytes of the char at {@code i}: a surrogate pair counts 4 on its first char and 0 on its second, a lone
     * surrogate 1 (it is written as '?').
     */
    private static int charBytes(String s, int i) {
        char c = s.charAt(i);
        if (c < 0x80) return 1;
        if (c < 0x800) return 2;
        if (Character.isSurrogate(c)) return pairAt(s, i) ? 4 : (Character.isLowSurrogate(c) && i > 0 && pairAt(s, i - 1) ? 0 : 1);
        return 3;
    }

    private static boolean pairAt(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
