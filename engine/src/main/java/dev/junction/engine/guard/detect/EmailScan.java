package dev.junction.engine.guard.detect;

/**
 * E-mail addresses, read outwards from an {@code @}: a practical subset of RFC 5322 that is what people write.
 * Local part: letters, digits (any script) and {@code . _ % + -}, 1 to 64 of them, no leading, trailing or doubled
 * dot (dots before it, as in {@code "see...bob@x.org"}, are left outside). Domain: at least two dot-separated labels of
 * letters, digits and hyphens (1 to 63, not starting or ending with a hyphen), at most 253 characters, the last label
 * (the TLD) letters only and at least two of them, or an IDN {@code xn--} label. A dot after the TLD ends the sentence,
 * not the address. Quoted local parts and {@code [1.2.3.4]} domains are not matched.
 */
final class EmailScan {
    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;

    private EmailScan() {}

    /** The start of the address whose {@code @} is at {@code at}, or -1 when there is none. */
    static int start(CharSequence t, int at) {
        int k = at - 1;
        while (k >= 0 && at - k <= MAX_LOCAL + 8 && isLocalChar(t.charAt(k))) k--;
        if (k >= 0 && isLocalChar(t.charAt(k))) return -1; // far longer than a local part
        int s = k + 1;
        while (s < at && t.charAt(s) == '.') s++;
        if (s == at || at - s > MAX_LOCAL || t.charAt(at - 1) == '.') return -1;
        for (int i = s + 1; i < at; i++) {
            if (t.charAt(i) == '.' && t.charAt(i - 1) == '.') return -1;
        }
        return s;
    }

    /** The end of the domain after the {@code @} at {@code at}, or -1 when it is not one. */
    static int end(CharSequence t, int at) {
        int n = t.length();
        int j = at + 1;
        int labels = 0;
        int lastStart = j;
        while (true) {
            int ls = j;
            while (j < n && j - ls <= 63 && isLabelChar(t.charAt(j))) j++;
            int len = j - ls;
            if (len == 0 || len > 63 || t.charAt(ls) == '-' || t.charAt(j - 1) == '-') return -1;
            labels++;
            lastStart = ls;
            if (j + 1 < n && t.charAt(j) == '.' && isLabelChar(t.charAt(j + 1))) {
                j++;
                continue;
            }
            break;
        }
        if (labels < 2 || j - (at + 1) > MAX_DOMAIN || !isTld(t, lastStart, j)) return -1;
        if (j < n && t.charAt(j) == '@') return -1;
        return j;
    }

    private static boolean isTld(CharSequence t, int s, int e) {
        if (e - s >= 5 && (t.charAt(s) | 0x20) == 'x' && (t.charAt(s + 1) | 0x20) == 'n' && t.charAt(s + 2) == '-'
                && t.charAt(s + 3) == '-') {
            return true;
        }
        if (e - s < 2) return false;
        for (int i = s; i < e; i++) {
            char c = t.charAt(i);
            if (c < 0x80 ? !Chars.isAsciiLetter(c) : !Character.isLetter(c)) return false;
        }
        return true;
    }

    private static boolean isLocalChar(char c) {
        if (c < 0x80) return Chars.isAsciiLetter(c) || Chars.isDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
        return Character.isLetterOrDigit(c);
    }

    private static boolean isLabelChar(char c) {
        if (c < 0x80) return Chars.isAsciiLetter(c) || Chars.isDigit(c) || c == '-';
        return Character.isLetterOrDigit(c);
    }
}
