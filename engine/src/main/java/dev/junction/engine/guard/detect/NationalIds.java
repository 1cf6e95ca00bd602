package dev.junction.engine.guard.detect;

/**
 * The national ids that start with, or end in, letters: Spain's DNI and NIE (checked with the mod-23 letter table)
 * and the UK's National Insurance number (HMRC's prefix rules). Each answers the end of the id, or -1.
 */
final class NationalIds {
    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";
    /** Not used as the first letter of a NINO. */
    private static final String NINO_NOT_FIRST = "DFIQUV";
    /** Not used as the second letter of a NINO. */
    private static final String NINO_NOT_SECOND = "DFIOQUV";
    /** Prefixes never allocated (and temporary numbers). */
    private static final String[] NINO_NOT_PREFIX = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"};

    private NationalIds() {}

    /**
     * DNI: the eight unbroken digits {@code [a, b)}, then the check letter (right after, or after one dash or space)
     * and a word boundary: {@code 12345678Z}, {@code 12345678-Z}.
     */
    static int dniEnd(CharSequence t, int a, int b) {
        if (b - a != 8 || DigitSpan.separators(t, a, b) != 0) return -1;
        return letterEnd(t, b, DigitSpan.groupValue(t, a, b, 0));
    }

    /** NIE from a word start {@code s}: X, Y or Z (0, 1, 2), an optional dash, seven digits, the check letter. */
    static int nieEnd(CharSequence t, int s) {
        int value = switch (Character.toUpperCase(t.charAt(s))) {
            case 'X' -> 0;
            case 'Y' -> 1;
            case 'Z' -> 2;
            default -> -1;
        };
        if (value < 0) return -1;
        int j = s + 1;
        if (Chars.at(t, j) == '-') j++;
        for (int k = 0; k < 7; k++, j++) {
            char c = Chars.at(t, j);
            if (!Chars.isDigit(c)) return -1;
            value = value * 10 + (c - '0');
        }
        return Chars.isDigit(Chars.at(t, j)) ? -1 : letterEnd(t, j, value);
    }

    private static int letterEnd(CharSequence t, int j, int value) {
        char c = Chars.at(t, j);
        if (c == '-' || c == ' ') c = Chars.at(t, ++j);
        if (!Chars.isAsciiLetter(c) || Chars.wordAt(t, j + 1)) return -1;
        return Character.toUpperCase(c) == DNI_LETTERS.charAt(value % 23) ? j + 1 : -1;
    }

    /**
     * NINO from a word start {@code s}: two capital letters allowed as a prefix, six digits, a suffix A-D; single
     * spaces may stand after the prefix, between the digit pairs and before the suffix ({@code AB 12 34 56 C}).
     */
    static int ninoEnd(CharSequence t, int s) {
        char first = Chars.at(t, s);
        char second = Chars.at(t, s + 1);
        if (!Chars.isUpper(first) || !Chars.isUpper(second)) return -1;
        if (NINO_NOT_FIRST.indexOf(first) >= 0 || NINO_NOT_SECOND.indexOf(second) >= 0) return -1;
        for (String p : NINO_NOT_PREFIX) {
            if (p.charAt(0) == first && p.charAt(1) == second) return -1;
        }
        int j = s + 2;
        for (int pair = 0; pair < 3; pair++) {
            if (Chars.at(t, j) == ' ' && Chars.isDigit(Chars.at(t, j + 1))) j++;
            if (!Chars.isDigit(Chars.at(t, j)) || !Chars.isDigit(Chars.at(t, j + 1))) return -1;
            j += 2;
        }
        if (Chars.at(t, j) == ' ') j++;
        char suffix = Chars.at(t, j);
        if (suffix < 'A' || suffix > 'D' || Chars.wordAt(t, j + 1)) return -1;
        return j + 1;
    }
}
