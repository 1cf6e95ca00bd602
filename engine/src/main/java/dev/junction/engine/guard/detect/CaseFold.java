package dev.junction.engine.guard.detect;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The comparison form of text for {@link DenyList}, one code point at a time: compatibility decomposition (NFKD, so
 * {@code ﬁ}, {@code ｆｕｌｌ} and a decomposed {@code é} compare as {@code fi}, {@code full} and {@code é}), full case
 * folding ({@code ß} as {@code ss}, {@code Σ}/{@code ς} as {@code σ}), and default-ignorable characters (zero-width
 * spaces and joiners, soft hyphens, variation selectors) dropped, as Unicode's NFKC_Casefold drops them; two strings
 * are equal in this form exactly when their NFKC_Casefold forms are (combining marks aside, whose order is not
 * normalised). Per code point, so a match maps straight back to the original text's indices.
 * <p>ASCII folds through a table; other BMP characters are computed once and cached in blocks of 256 (a racy cache of
 * immutable strings: a thread sees a value or computes it again); supplementary characters are computed each time.
 */
final class CaseFold {
    private static final String[] ASCII = new String[0x80];
    private static final String[][] BLOCKS = new String[0x100][];

    static {
        for (char c = 0; c < 0x80; c++) ASCII[c] = String.valueOf(lower(c));
    }

    private CaseFold() {}

    /** {@code c} lower-cased when it is an ASCII capital (the fast path: every ASCII character folds to one). */
    static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 0x20) : c;
    }

    /** The folded form of the code point {@code cp}: usually one char, sometimes none or several. */
    static String of(int cp) {
        if (cp < 0x80) return ASCII[cp];
        if (cp > 0xFFFF) return compute(cp);
        String[] block = BLOCKS[cp >>> 8];
        if (block == null) BLOCKS[cp >>> 8] = block = new String[0x100];
        String folded = block[cp & 0xFF];
        if (folded == null) block[cp & 0xFF] = folded = compute(cp);
        return folded;
    }

    /** The folded form of a whole string (a deny-list term). */
    static String fold(CharSequence s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = Character.codePointAt(s, i);
            out.append(of(cp));
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** Whether {@code cp} is a combining mark: it belongs to the letter before it. */
    static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static String compute(int cp) {
        if (ignorable(cp)) return "";
        String s = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKD);
        s = s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        return Normalizer.normalize(s, Normalizer.Form.NFKD);
    }

    /** Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt), as ranges. */
    private static boolean ignorable(int cp) {
        return cp == 0x00AD || cp == 0x034F || cp == 0x061C || (cp >= 0x115F && cp <= 0x1160)
                || (cp >= 0x17B4 && cp <= 0x17B5) || (cp >= 0x180B && cp <= 0x180F) || (cp >= 0x200B && cp <= 0x200F)
                || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x206F) || cp == 0x3164
                || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF || cp == 0xFFA0 || (cp >= 0xFFF0 && cp <= 0xFFF8)
                || (cp >= 0x1BCA0 && cp <= 0x1BCA3) || (cp >= 0x1D173 && cp <= 0x1D17A) || (cp >= 0xE0000 && cp <= 0xE0FFF);
    }
}
