package dev.junction.bench;

import java.math.BigDecimal;

/**
 * Escaping of user values into DRL literals (encoding C/D). Strings: quote, backslash, \n, \r, \t get their
 * usual escapes; other control characters, DEL, U+2028/2029 get an uppercase backslash-u escape (MVEL rejects
 * lowercase hex digits); U+0000 is refused (it compiles but never matches); everything else, including non-ASCII,
 * is written as itself (DRL is read as UTF-8). Numbers: finite doubles in plain decimal notation.
 */
public final class DrlLiterals {
    private DrlLiterals() {}

    public static String string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c == 0) throw new IllegalArgumentException("U+0000 cannot be written in a DRL literal: MVEL decodes it to something else");
                    if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) b.append(String.format("\\u%04X", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    public static String number(double d) {
        if (!Double.isFinite(d)) throw new IllegalArgumentException("not a finite number: " + d);
        return BigDecimal.valueOf(d).toPlainString();
    }
}
