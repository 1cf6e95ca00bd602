package dev.junction.engine.guard.detect;

import java.util.Map;

/**
 * IBANs: a country code, two check digits and the country's BBAN (letters and digits) to the length that country's
 * IBAN has, in either case, unbroken or with single spaces after every four characters ({@code DE89 3704 0044 0532
 * 0130 00}), and the whole passing ISO 7064 mod-97 (== 1). Only the countries of the SWIFT registry below are read:
 * for any other two letters and digits the length is unknown, and a guess would turn product codes into IBANs.
 */
final class Iban {
    private static final Map<String, Integer> LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
            Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BI", 27),
            Map.entry("BR", 29), Map.entry("BY", 28), Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28),
            Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DJ", 27), Map.entry("DK", 18), Map.entry("DO", 28),
            Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FK", 18),
            Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GE", 22), Map.entry("GI", 23),
            Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28), Map.entry("HR", 21), Map.entry("HU", 28),
            Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23), Map.entry("IS", 26), Map.entry("IT", 27),
            Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20), Map.entry("LB", 28), Map.entry("LC", 32),
            Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("LY", 25),
            Map.entry("MC", 27), Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MN", 20),
            Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NI", 28), Map.entry("NL", 18),
            Map.entry("NO", 15), Map.entry("OM", 23), Map.entry("PK", 24), Map.entry("PL", 28), Map.entry("PS", 29),
            Map.entry("PT", 25), Map.entry("QA", 29), Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("RU", 33),
            Map.entry("SA", 24), Map.entry("SC", 31), Map.entry("SD", 18), Map.entry("SE", 24), Map.entry("SI", 19),
            Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("SO", 23), Map.entry("ST", 25), Map.entry("SV", 28),
            Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VA", 22),
            Map.entry("VG", 24), Map.entry("XK", 20), Map.entry("YE", 30));
    /** Country codes as a 26 x 26 table of lengths (0: not an IBAN country), so a lookup allocates nothing. */
    private static final byte[] BY_CODE = new byte[26 * 26];

    static {
        LENGTHS.forEach((code, length) -> BY_CODE[(code.charAt(0) - 'A') * 26 + code.charAt(1) - 'A'] = length.byteValue());
    }

    private Iban() {}

    /** The end of the IBAN that starts at the word start {@code s}, or -1. */
    static int end(CharSequence t, int s) {
        char c0 = Chars.at(t, s);
        char c1 = Chars.at(t, s + 1);
        if (!Chars.isAsciiLetter(c0) || !Chars.isAsciiLetter(c1) || !Chars.isDigit(Chars.at(t, s + 2))
                || !Chars.isDigit(Chars.at(t, s + 3))) {
            return -1;
        }
        int length = BY_CODE[((c0 | 0x20) - 'a') * 26 + (c1 | 0x20) - 'a'];
        if (length == 0) return -1;
        int j = s + 4;
        int count = 4;
        int remainder = 0;
        while (count < length) {
            char c = Chars.at(t, j);
            if (c == ' ' && count % 4 == 0 && isAlnum(Chars.at(t, j + 1))) c = Chars.at(t, ++j);
            if (!isAlnum(c)) return -1;
            remainder = mod97(remainder, c);
            count++;
            j++;
        }
        if (Chars.wordAt(t, j)) return -1;
        for (int k = s; k < s + 4; k++) remainder = mod97(remainder, t.charAt(k));
        return remainder == 1 ? j : -1;
    }

    /** Appends {@code c} (a digit, or a letter as 10-35) to the number whose remainder mod 97 is {@code r}. */
    private static int mod97(int r, char c) {
        if (Chars.isDigit(c)) return (r * 10 + (c - '0')) % 97;
        return (r * 100 + ((c | 0x20) - 'a' + 10)) % 97;
    }

    private static boolean isAlnum(char c) {
        return Chars.isDigit(c) || Chars.isAsciiLetter(c);
    }
}
