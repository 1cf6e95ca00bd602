package dev.junction.engine.guard.detect;

import java.util.List;
import java.util.Set;

/**
 * A number run: digit groups joined by single separators, as people write numbers: {@code 4111 1111 1111 1111},
 * {@code +44 (0)20 7946 0958}, {@code 2026-12-06}, {@code 1,234,567.89}, {@code 192.168.0.1}. A space or dash joins
 * groups (or a parenthesised group); a dot, comma or slash joins digits to digits. The run is read once, then
 * {@link NumberKinds} decides what it is: as a whole first, and only when the whole is nothing, the pieces between its
 * spaces (a prefix, a suffix, or a single piece: {@code "4111 1111 1111 1111 12/28"}, {@code "in 2026 12345678Z"}),
 * for every kind but phone numbers, whose check is too weak to pick a number out of the middle of others.
 * A run glued into an identifier ({@code ORD-2026-000123}, {@code #123456782}, {@code 123456782.pdf}) is never a phone
 * number or a BSN, whose checks are the weakest.
 */
final class NumberRun {
    /** No kind is longer than this, separators included (an IBAN is read elsewhere). */
    private static final int MAX_SPAN = 40;

    private NumberRun() {}

    /** The end of the run that starts at {@code s} (a digit, or {@code +} or {@code (} before one); {@code s} if none. */
    static int end(CharSequence t, int s) {
        int n = t.length();
        int j = t.charAt(s) == '+' ? s + 1 : s;
        int end = s;
        while (j < n) {
            char c = t.charAt(j);
            if (c == '(') {
                int k = j + 1;
                while (k < n && Chars.isDigit(t.charAt(k))) k++;
                if (k == j + 1 || k - j - 1 > 5 || k >= n || t.charAt(k) != ')') break;
                j = k + 1;
            } else if (Chars.isDigit(c)) {
                while (j < n && Chars.isDigit(t.charAt(j))) j++;
            } else {
                break;
            }
            end = j;
            if (j >= n) break;
            c = t.charAt(j);
            char next = Chars.at(t, j + 1);
            boolean afterParen = t.charAt(j - 1) == ')';
            if ((afterParen && Chars.isDigit(c)) || (c == '(' && Chars.isDigit(next))) continue;
            if ((isSpace(c) || c == '-') && (Chars.isDigit(next) || (next == '(' && Chars.isDigit(Chars.at(t, j + 2))))) {
                j++;
            } else if ((c == '.' || c == ',' || c == '/') && !afterParen && Chars.isDigit(next)) {
                j++;
            } else {
                break;
            }
        }
        return end;
    }

    /** Adds to {@code out} what the run {@code [s, e)} holds, as described above; returns the (maybe new) list. */
    static List<Finding> scan(CharSequence t, int s, int e, Set<PiiKind> kinds, List<Finding> out) {
        int before = out == null ? 0 : out.size();
        out = classify(t, s, e, kinds, true, out);
        if ((out == null ? 0 : out.size()) > before) return out;
        for (int j = e - 1; j > s; j--) { // prefixes, longest first
            if (isSpace(t.charAt(j))) out = classify(t, s, j, kinds, false, out);
        }
        for (int j = s + 1; j < e; j++) {
            if (!isSpace(t.charAt(j))) continue;
            out = classify(t, j + 1, e, kinds, false, out); // the suffix after this space
            int next = j + 1;
            while (next < e && !isSpace(t.charAt(next))) next++;
            if (next < e) out = classify(t, j + 1, next, kinds, false, out); // the piece up to the next space
        }
        return out;
    }

    private static List<Finding> classify(CharSequence t, int a, int b, Set<PiiKind> kinds, boolean whole, List<Finding> out) {
        if (b - a > MAX_SPAN || b - a < 7) return out;
        if (Chars.wordAt(t, b)) { // a letter right after: only the DNI's check letter may stand there
            if (!kinds.contains(PiiKind.ES_DNI)) return out;
            int end = NationalIds.dniEnd(t, a, b);
            return end < 0 ? out : Overlaps.add(out, a, end, PiiKind.ES_DNI.wireName());
        }
        PiiKind kind = kindOf(t, a, b, kinds, whole);
        if (kind != null) return Overlaps.add(out, a, b, kind.wireName());
        if (kinds.contains(PiiKind.ES_DNI)) {
            int end = NationalIds.dniEnd(t, a, b);
            if (end >= 0) return Overlaps.add(out, a, end, PiiKind.ES_DNI.wireName());
        }
        return out;
    }

    private static PiiKind kindOf(CharSequence t, int a, int b, Set<PiiKind> kinds, boolean whole) {
        if (kinds.contains(PiiKind.IP_ADDRESS) && NumberKinds.ipv4(t, a, b)) return PiiKind.IP_ADDRESS;
        if (kinds.contains(PiiKind.CARD) && NumberKinds.card(t, a, b)) return PiiKind.CARD;
        if (kinds.contains(PiiKind.US_SSN) && NumberKinds.ssn(t, a, b)) return PiiKind.US_SSN;
        boolean glued = glued(t, a, b);
        if (!glued && kinds.contains(PiiKind.NL_BSN) && NumberKinds.bsn(t, a, b)) return PiiKind.NL_BSN;
        if (whole && !glued && kinds.contains(PiiKind.PHONE) && NumberKinds.phone(t, a, b)) return PiiKind.PHONE;
        return null;
    }

    /** Whether {@code [a, b)} is part of an identifier: {@code #} before it, or a joiner between it and a word. */
    private static boolean glued(CharSequence t, int a, int b) {
        char before = Chars.at(t, a - 1);
        if (before == '#' || (isJoiner(before) && Chars.wordBefore(t, a - 1))) return true;
        return isJoiner(Chars.at(t, b)) && Chars.wordAt(t, b + 1);
    }

    private static boolean isJoiner(char c) {
        return c == '-' || c == '_' || c == '/' || c == '.';
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\u00A0' || c == '\u202F';
    }
}
