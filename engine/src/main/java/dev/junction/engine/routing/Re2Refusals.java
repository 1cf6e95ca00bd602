package dev.junction.engine.routing;

/**
 * The Java regex constructs RE2 cannot run, or would run with another meaning, each named as the user wrote it
 * ({@code lookahead (?=...)}, {@code backreference \1}): the vocabulary of {@link RegexSupport}'s scan, which knows
 * where in a pattern each applies. A null answer means RE2 reads the construct as Java does.
 */
final class Re2Refusals {
    static final String REPEATED_FLAGS = "a repetition right after inline flags such as (?i)";

    private Re2Refusals() {}

    /** A group opening at {@code i} ({@code p[i] == '('}) that RE2 lacks: lookaround and atomic groups; else null. */
    static String group(String p, int i) {
        if (at(p, i + 1) != '?') return null;
        char k = at(p, i + 2);
        if (k == '=') return "lookahead (?=...)";
        if (k == '!') return "negative lookahead (?!...)";
        if (k == '>') return "atomic group (?>...)";
        if (k == '<' && at(p, i + 3) == '=') return "lookbehind (?<=...)";
        if (k == '<' && at(p, i + 3) == '!') return "negative lookbehind (?<!...)";
        return null;
    }

    /** Why RE2 cannot take the inline flag {@code f} as Java means it, or null ({@code i}, {@code s}, {@code -}). */
    static String flag(char f) {
        return switch (f) {
            case 'i', 's', '-' -> null;
            case 'm' -> "flag m (Java and RE2 disagree on the line breaks ^ and $ see)";
            case 'U' -> "flag U (Java: Unicode character classes; RE2: lazy repetitions)";
            case 'x' -> "flag x (comments and free spacing)";
            case 'u' -> "flag u (Unicode case folding is the default)";
            case 'd' -> "flag d (Unix lines)";
            default -> "flag " + f;
        };
    }

    /** An escape at {@code k} ({@code p[k] == '\\'}) that RE2 lacks or reads differently; null for the rest. */
    static String escape(String p, int k) {
        char e = at(p, k + 1);
        return switch (e) {
            case '1', '2', '3', '4', '5', '6', '7', '8', '9' -> "backreference \\" + e;
            case 'k' -> "named backreference \\k<...>";
            case '0' -> "octal escape \\0 (write \\x{...})";
            case 'v' -> "\\v (Java: any vertical whitespace; RE2: only the vertical tab; write [\\n\\x0B\\f\\r] or \\x0B)";
            case 'h', 'H' -> "\\" + e + " (horizontal whitespace; write [ \\t] or the characters you mean)";
            case 'R' -> "\\R (a line break; write \\r?\\n)";
            case 'X' -> "\\X (a grapheme cluster)";
            case 'G' -> "\\G (end of the previous match)";
            case 'Z' -> "\\Z (write \\z, or \\n?\\z)";
            case 'e' -> "\\e (write \\x1B)";
            case 'c' -> "control escape \\c (write \\x{...})";
            case 'u' -> "\\u escape (write \\x{...})";
            case 'N' -> "named character \\N{...} (write \\x{...})";
            case 'b', 'B' -> at(p, k + 2) == '{' ? "\\" + e + "{...} boundaries" : null;
            case 'p', 'P' -> property(p, k);
            default -> null;
        };
    }

    /** RE2 knows Unicode general categories and scripts; of Java's property names only the categories are both. */
    private static String property(String p, int k) {
        if (at(p, k + 2) != '{') return null; // \pL
        String name = p.substring(k + 3, p.indexOf('}', k));
        boolean category = !name.isEmpty() && name.length() <= 2 && Character.isUpperCase(name.charAt(0))
                && (name.length() == 1 || Character.isLowerCase(name.charAt(1))); // L, Lu, Nd ...
        return category ? null : "\\" + at(p, k + 1) + "{" + name + "} (RE2 takes Unicode categories such as \\p{L}, \\p{Lu}, \\p{Nd})";
    }

    private static char at(String p, int k) {
        return k < p.length() ? p.charAt(k) : '\0';
    }
}
