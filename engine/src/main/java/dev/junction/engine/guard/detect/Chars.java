package dev.junction.engine.guard.detect;

/** Character tests the scanners share, with an ASCII fast path: none of them allocates. */
final class Chars {
    private Chars() {}

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAsciiLetter(char c) {
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }

    static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isHex(char c) {
        return isDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
    }

    /** The char at {@code i}, or NUL past either end (so a scanner can look around without bounds checks). */
    static char at(CharSequence t, int i) {
        return i >= 0 && i < t.length() ? t.charAt(i) : '\0';
    }

    /** Whether the code point that ends just before {@code i} is a letter or digit (false at the start). */
    static boolean wordBefore(CharSequence t, int i) {
        if (i <= 0) return false;
        char c = t.charAt(i - 1);
        if (c < 0x80) return isDigit(c) || isAsciiLetter(c);
        return Character.isLetterOrDigit(Character.codePointBefore(t, i));
    }

    /** Whether the code point at {@code i} is a letter or digit (false at the end). */
    static boolean wordAt(CharSequence t, int i) {
        if (i >= t.length()) return false;
        char c = t.charAt(i);
        if (c < 0x80) return isDigit(c) || isAsciiLetter(c);
        return Character.isLetterOrDigit(Character.codePointAt(t, i));
    }
}
