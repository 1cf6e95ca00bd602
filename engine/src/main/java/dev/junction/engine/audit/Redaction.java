package dev.junction.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Keeps secrets out of the audit trail. A member whose name looks like a secret ({@code apiKey}, {@code api_key},
 * {@code token}, {@code secret}, {@code password}, {@code clientSecret}, {@code authorization}, {@code credentials},
 * and names ending in one of them: {@code accessToken}, {@code db_password}...) keeps its place but its value becomes
 * {@value #REDACTED} (unless it is a boolean: {@code hasApiKey} is a flag); so does any string that is one of Junction's own bearer secrets ({@code jk_...} API keys,
 * {@code jadm_...} admin tokens) whatever its name (the plaintext {@code key} of a created API key). {@code null} stays
 * {@code null}, so a diff still shows a secret being set or removed. Strings are also made storable: PostgreSQL
 * refuses U+0000 and unpaired surrogates, which become U+FFFD.
 */
public final class Redaction {
    public static final String REDACTED = "[redacted]";
    private static final Set<String> EXACT = Set.of("authorization", "credentials", "credential", "cookie", "setcookie");
    private static final String[] SUFFIXES = {"apikey", "token", "secret", "password", "passwd", "passphrase",
            "privatekey", "secretkey", "accesskey", "clientsecret"};
    private static final String[] SECRET_PREFIXES = {"jk_", "jadm_"};

    private Redaction() {}

    /** Whether a member of this name holds a secret. */
    public static boolean isSecretName(String name) {
        if (name == null) return false;
        String n = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        if (EXACT.contains(n)) return true;
        for (String s : SUFFIXES) if (n.endsWith(s)) return true;
        return false;
    }

    /** Whether a string value is one of the gateway's own bearer secrets, wherever it appears. */
    static boolean isSecretValue(String s) {
        if (s == null || s.length() < 24) return false;
        for (String p : SECRET_PREFIXES) if (s.startsWith(p)) return true;
        return s.regionMatches(true, 0, "bearer ", 0, 7);
    }

    /** A redacted, storable copy (null stays null). */
    public static JsonNode redact(JsonNode node) {
        if (node == null) return null;
        return copy(node, false);
    }

    private static JsonNode copy(JsonNode node, boolean secret) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(clean(e.getKey()), copy(e.getValue(), secret || isSecretName(e.getKey())));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            for (JsonNode child : node) out.add(copy(child, secret));
            return out;
        }
        if (node.isNull() || node.isMissingNode()) return JsonNodeFactory.instance.nullNode();
        if (secret && !node.isBoolean()) return TextNode.valueOf(REDACTED); // hasApiKey: true says no secret
        if (node.isTextual()) {
            String s = node.textValue();
            return TextNode.valueOf(isSecretValue(s) ? REDACTED : clean(s));
        }
        return node;
    }

    /** The text with U+0000 and unpaired surrogates replaced by U+FFFD (PostgreSQL stores neither); null stays null. */
    public static String clean(String s) {
        if (s == null) return null;
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean bad;
            if (c == 0) {
                bad = true;
            } else if (Character.isHighSurrogate(c)) {
                bad = i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
                if (!bad) {
                    if (out != null) out.append(c).append(s.charAt(i + 1));
                    i++;
                    continue;
                }
            } else {
                bad = Character.isLowSurrogate(c);
            }
            if (bad && out == null) out = new StringBuilder(s.length()).append(s, 0, i);
            if (out != null) out.append(bad ? '\uFFFD' : c);
        }
        return out == null ? s : out.toString();
    }
}
