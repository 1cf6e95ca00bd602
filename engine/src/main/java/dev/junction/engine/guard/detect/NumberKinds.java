package dev.junction.engine.guard.detect;

import static dev.junction.engine.guard.detect.DigitSpan.COMMA;
import static dev.junction.engine.guard.detect.DigitSpan.DASH;
import static dev.junction.engine.guard.detect.DigitSpan.DOT;
import static dev.junction.engine.guard.detect.DigitSpan.PLUS;
import static dev.junction.engine.guard.detect.DigitSpan.SLASH;
import static dev.junction.engine.guard.detect.DigitSpan.SPACE;

/**
 * The checks that decide what a span of a number run is: each answers for exactly the span {@code [a, b)}, which
 * {@link NumberRun} has cut at a boundary. The rules are the ones {@link PiiDetector} documents.
 */
final class NumberKinds {
    private NumberKinds() {}

    /** Four dot-separated decimal octets 0-255, without leading zeros ({@code 010} reads as octal to some tools). */
    static boolean ipv4(CharSequence t, int a, int b) {
        if (DigitSpan.separators(t, a, b) != DOT || DigitSpan.groups(t, a, b) != 4 || b - a > 15) return false;
        for (int k = 0; k < 4; k++) {
            int len = DigitSpan.groupLength(t, a, b, k);
            int value = DigitSpan.groupValue(t, a, b, k);
            if (len > 3 || value > 255 || (len > 1 && value < Math.pow(10, len - 1))) return false;
        }
        return true;
    }

    /**
     * 13 to 19 digits passing Luhn, not all zeros: either in groups of 3 to 6 split by one kind of separator (single
     * spaces or dashes), or unbroken, and then starting with 2-6 (the issuer industries of payment cards: without it
     * every tenth millisecond timestamp, which starts with 1, would be a card).
     */
    static boolean card(CharSequence t, int a, int b) {
        int seps = DigitSpan.separators(t, a, b);
        if (seps != 0 && seps != SPACE && seps != DASH) return false;
        int digits = DigitSpan.digits(t, a, b);
        if (digits < 13 || digits > 19) return false;
        if (seps == 0) {
            int first = DigitSpan.firstDigit(t, a, b);
            if (first < 2 || first > 6) return false;
        } else {
            int groups = DigitSpan.groups(t, a, b);
            if (b - a != digits + groups - 1) return false; // one separator between groups, no more
            for (int k = 0; k < groups; k++) {
                int len = DigitSpan.groupLength(t, a, b, k);
                if (len < 3 || len > 6) return false;
            }
        }
        return !DigitSpan.allZero(t, a, b) && DigitSpan.luhn(t, a, b);
    }

    /**
     * {@code AAA-GG-SSSS} (dashes, or spaces, one kind) outside the ranges the SSA never issues: area 000, 666 and
     * 900-999, group 00, serial 0000.
     */
    static boolean ssn(CharSequence t, int a, int b) {
        int seps = DigitSpan.separators(t, a, b);
        if ((seps != DASH && seps != SPACE) || b - a != 11 || DigitSpan.groups(t, a, b) != 3) return false;
        if (DigitSpan.groupLength(t, a, b, 0) != 3 || DigitSpan.groupLength(t, a, b, 1) != 2) return false;
        int area = DigitSpan.groupValue(t, a, b, 0);
        return area != 0 && area != 666 && area < 900 && DigitSpan.groupValue(t, a, b, 1) != 0
                && DigitSpan.groupValue(t, a, b, 2) != 0;
    }

    /** Nine unbroken digits passing the 11-test: 9*d1 + 8*d2 + ... + 2*d8 - d9 is a multiple of 11, not all zeros. */
    static boolean bsn(CharSequence t, int a, int b) {
        if (b - a != 9 || DigitSpan.separators(t, a, b) != 0 || DigitSpan.allZero(t, a, b)) return false;
        int sum = 0;
        for (int i = 0; i < 8; i++) sum += (9 - i) * (t.charAt(a + i) - '0');
        sum -= t.charAt(a + 8) - '0';
        return sum % 11 == 0;
    }

    /**
     * International: {@code +}, a first digit 1-9, 8 to 15 digits, separated by spaces, dashes, dots or parentheses.
     * National: 9 to 12 digits in at least two groups (spaces, dashes, or dots only; groups of 2 to 5, the last 2 to 8)
     * that are written as phone numbers are: an area code in parentheses, a trunk prefix 0 ({@code 020 7946 0958},
     * {@code 06-12345678}, {@code 01 23 45 67 89}), the North American 3-3-4 with an area code from 200 ({@code 555-123-4567},
     * {@code 1-800-555-0199}), or Spain's nine digits from 6-9 in 3-3-3 or 3-2-2-2. Never a date
     * ({@code 2026-12-06 1030}), an amount (commas, slashes, or dot-separated thousands), the SSN's 3-2-4 or all
     * zeros.
     */
    static boolean phone(CharSequence t, int a, int b) {
        int seps = DigitSpan.separators(t, a, b);
        if ((seps & (COMMA | SLASH)) != 0) return false;
        int digits = DigitSpan.digits(t, a, b);
        if (t.charAt(a) == '+') return digits >= 8 && digits <= 15 && DigitSpan.firstDigit(t, a, b) != 0;
        if ((seps & PLUS) != 0 || digits < 9 || digits > 12) return false;
        if ((seps & DOT) != 0 && seps != DOT) return false;
        int groups = DigitSpan.groups(t, a, b);
        if (groups < 2 || !phoneGroups(t, a, b, groups) || startsWithDate(t, a, b, groups) || ssnShaped(t, a, b, groups)
                || DigitSpan.allZero(t, a, b)) {
            return false;
        }
        if (seps == DOT && thousands(t, a, b, groups)) return false;
        if (t.charAt(a) == '(') return true;
        return DigitSpan.firstDigit(t, a, b) == 0 || northAmerican(t, a, b, groups) || spanish(t, a, b, groups, digits);
    }

    private static boolean phoneGroups(CharSequence t, int a, int b, int groups) {
        for (int k = 0; k < groups; k++) {
            int len = DigitSpan.groupLength(t, a, b, k);
            boolean last = k == groups - 1;
            boolean leadingOne = k == 0 && len == 1 && DigitSpan.groupValue(t, a, b, 0) == 1 && groups == 4;
            if (!leadingOne && (len < 2 || len > (last ? 8 : 5))) return false;
        }
        return true;
    }

    private static boolean startsWithDate(CharSequence t, int a, int b, int groups) {
        if (groups < 3) return false;
        int l0 = DigitSpan.groupLength(t, a, b, 0), l1 = DigitSpan.groupLength(t, a, b, 1), l2 = DigitSpan.groupLength(t, a, b, 2);
        int v0 = DigitSpan.groupValue(t, a, b, 0), v1 = DigitSpan.groupValue(t, a, b, 1), v2 = DigitSpan.groupValue(t, a, b, 2);
        if (l0 == 4 && l1 == 2 && l2 == 2) return year(v0) && v1 >= 1 && v1 <= 12 && v2 >= 1 && v2 <= 31;
        if (l0 == 2 && l1 == 2 && l2 == 4) return year(v2) && v0 >= 1 && v0 <= 31 && v1 >= 1 && v1 <= 12;
        return false;
    }

    /** 3-2-4 is how SSNs are written, not phone numbers (a refused SSN must not come back as a phone). */
    private static boolean ssnShaped(CharSequence t, int a, int b, int groups) {
        return groups == 3 && DigitSpan.groupLength(t, a, b, 0) == 3 && DigitSpan.groupLength(t, a, b, 1) == 2;
    }

    private static boolean year(int v) {
        return v >= 1900 && v <= 2099;
    }

    private static boolean thousands(CharSequence t, int a, int b, int groups) {
        for (int k = 1; k < groups; k++) {
            if (DigitSpan.groupLength(t, a, b, k) != 3) return false;
        }
        return true;
    }

    private static boolean northAmerican(CharSequence t, int a, int b, int groups) {
        int k = groups == 4 && DigitSpan.groupValue(t, a, b, 0) == 1 && DigitSpan.groupLength(t, a, b, 0) == 1 ? 1 : 0;
        if (groups - k != 3) return false;
        return DigitSpan.groupLength(t, a, b, k) == 3 && DigitSpan.groupLength(t, a, b, k + 1) == 3
                && DigitSpan.groupLength(t, a, b, k + 2) == 4 && DigitSpan.groupValue(t, a, b, k) >= 200;
    }

    private static boolean spanish(CharSequence t, int a, int b, int groups, int digits) {
        if (digits != 9 || DigitSpan.firstDigit(t, a, b) < 6 || DigitSpan.groupLength(t, a, b, 0) != 3) return false;
        int size = groups == 3 ? 3 : groups == 4 ? 2 : 0;
        for (int k = 1; k < groups; k++) {
            if (DigitSpan.groupLength(t, a, b, k) != size) return false;
        }
        return size != 0;
    }
}
