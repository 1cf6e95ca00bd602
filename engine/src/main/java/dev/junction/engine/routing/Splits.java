package dev.junction.engine.routing;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Which variant a split row sends a context to. Sticky: the bucket (0 to 99) is a hash of the row id and the
 * value of the row's {@code stickyOn} field, so the same user id (say) always lands on the same variant of that
 * row, on every instance and after every restart (FNV-1a over UTF-8, no per-JVM seed). A context without the
 * sticky field hashes the empty text: all such requests share one bucket.
 */
public final class Splits {
    private Splits() {}

    public static String choose(RoutingRule rule, java.util.Map<String, Object> context) {
        Object sticky = context.get(rule.stickyOn());
        int bucket = bucket(rule.id(), sticky == null ? "" : sticky.toString());
        int cumulative = 0;
        List<SplitShare> shares = rule.split();
        for (SplitShare share : shares) {
            cumulative += share.percent();
            if (bucket < cumulative) return share.variant();
        }
        return shares.getLast().variant(); // unreachable when the shares sum to 100 (validated)
    }

    /** 0 to 99. */
    public static int bucket(String ruleId, String stickyValue) {
        int hash = 0x811C9DC5;
        for (byte b : (ruleId + "\u0000" + stickyValue).getBytes(StandardCharsets.UTF_8)) {
            hash ^= (b & 0xFF);
            hash *= 0x01000193;
        }
        return (int) (Integer.toUnsignedLong(hash) % 100);
    }
}
