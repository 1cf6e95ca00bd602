package dev.junction.engine.guard.detect;

/**
 * Questions about a span {@code [a, b)} of a number run ({@link NumberRun}): its digits, its groups (maximal digit
 * sequences) and the separators between them. Each walks the span again rather than building a structure: spans are
 * at most a few dozen characters, and text without findings then allocates nothing.
 */
final class DigitSpan {
    static final int SPACE = 1;
    static final int DASH = 2;
    static final int DOT = 4;
    static final int COMMA = 8;
    static final int SLASH = 16;
    static final int PAREN = 32;
    static final int PLUS = 64;

    private DigitSpan() {}

    static int digits(CharSequence t, int a, int b) {
        int d = 0;
        for (int i = a; i < b; i++) {
            if (Chars.isDigit(t.charAt(i))) d++;
        }
        return d;
    }

    static int groups(CharSequence t, int a, int b) {
        int g = 0;
        for (int i = a; i < b; i++) {
            if (Chars.isDigit(t.charAt(i)) && (i == a || !Chars.isDigit(t.charAt(i - 1)))) g++;
        }
        return g;
    }

    /** The number of digits in group {@code k} (from 0), 0 past the last. */
    static int groupLength(CharSequence t, int a, int b, int k) {
        int i = groupStart(t, a, b, k);
        if (i < 0) return 0;
        int j = i;
        while (j < b && Chars.isDigit(t.charAt(j))) j++;
        return j - i;
    }

    /** The value of group {@code k} when it has at most 9 digits, else -1. */
    static int groupValue(CharSequence t, int a, int b, int k) {
        int i = groupStart(t, a, b, k);
        if (i < 0) return -1;
        int v = 0;
        for (int j = i; j < b && Chars.isDigit(t.charAt(j)); j++) {
            if (j - i == 9) return -1;
            v = v * 10 + (t.charAt(j) - '0');
        }
        return v;
    }

    /** The first digit of the span, or -1. */
    static int firstDigit(CharSequence t, int a, int b) {
        for (int i = a; i < b; i++) {
            if (Chars.isDigit(t.charAt(i))) return t.charAt(i) - '0';
        }
        return -1;
    }

    /** The separators that occur in the span, as a mask of the constants above. */
    static int separators(CharSequence t, int a, int b) {
        int mask = 0;
        for (int i = a; i < b; i++) {
            mask |= switch (t.charAt(i)) {
                case '-' -> DASH;
                case '.' -> DOT;
                case ',' -> COMMA;
                case '/' -> SLASH;
                case '(', ')' -> PAREN;
                case '+' -> PLUS;
                case '0', '1', '2', '3', '4', '5', '6', '7', '8', '9' -> 0;
                default -> SPACE; // the run takes ' ', U+00A0 and U+202F
            };
        }
        return mask;
    }

    /** Whether the digits pass the Luhn check (the last digit checks the others). */
    static boolean luhn(CharSequence t, int a, int b) {
        int sum = 0;
        boolean twice = false;
        for (int i = b - 1; i >= a; i--) {
            char c = t.charAt(i);
            if (!Chars.isDigit(c)) continue;
            int d = c - '0';
            if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** Whether every digit of the span is 0. */
    static boolean allZero(CharSequence t, int a, int b) {
        for (int i = a; i < b; i++) {
            char c = t.charAt(i);
            if (Chars.isDigit(c) && c != '0') return false;
        }
        return true;
    }

    private static int groupStart(CharSequence t, int a, int b, int k) {
        int g = -1;
        for (int i = a; i < b; i++) {
            if (Chars.isDigit(t.charAt(i)) && (i == a || !Chars.isDigit(t.charAt(i - 1))) && ++g == k) return i;
        }
        return -1;
    }
}
