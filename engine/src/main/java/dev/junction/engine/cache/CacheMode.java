package dev.junction.engine.cache;

import java.util.Locale;

/**
 * What one request asks of its variant's response cache (header {@code X-Junction-Cache}, or {@code junction.cache}
 * in an OpenAI body). A variant whose cache is off ignores it.
 * <ul>
 *   <li>{@link #DEFAULT}: answer from the cache when it holds the answer, else call the model and keep its answer;</li>
 *   <li>{@link #BYPASS}: neither read nor write the cache;</li>
 *   <li>{@link #REFRESH}: do not read, call the model, and replace the kept answer with the new one;</li>
 *   <li>{@link #READ_ONLY}: answer from the cache when it can, but never keep a new answer.</li>
 * </ul>
 */
public enum CacheMode {
    DEFAULT, BYPASS, REFRESH, READ_ONLY;

    /** The words a caller writes: {@code default}, {@code bypass}, {@code refresh}, {@code read-only}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The mode a caller wrote (case-insensitive), or null when it is none of {@link #wire()}'s words. */
    public static CacheMode parse(String text) {
        if (text == null) return null;
        String s = text.strip().toLowerCase(Locale.ROOT);
        for (CacheMode m : values()) if (m.wire().equals(s)) return m;
        return null;
    }

    /** The accepted words, for error messages. */
    public static String choices() {
        return "default, bypass, refresh or read-only";
    }
}
