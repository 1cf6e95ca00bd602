package dev.junction.rules;

import java.math.BigDecimal;

/**
 * User values written as DRL literals. Strings: quote, backslash, \n, \r, \t get their usual escapes; other control
 * characters, DEL, U+2028/2029 get an uppercase backslash-u escape (MVEL rejects lowercase hex digits); U+0000 is
 * refused (it compiles but never matches, so the spec validator rejects it); everything else, non-ASCII included, is
 * written as itself (DRL is read as UTF-8). Numbers: finite doubles in plain decimal notation with a fraction, so
 * MVEL reads a double. Dates: epoch milliseconds as a long literal.
 */
public final class DrlLiterals {
    private DrlLiterals() {}

    public static String string(String s) {
        return quoted(s, false);
    }

    /**
     * {@code s} as a quoted literal. {@code inSheet}: for a Drools decision-table cell, where {@code $} would be a
     * placeholder and {@code *}{@code /} would end the comment Drools writes a description in, so both are escaped too,
     * and U+0000 is escaped rather than refused (the sheet reader reads it back).
     */
    public static String quoted(String s, boolean inSheet) {
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
                    if (c == 0 && !inSheet) throw new IllegalArgumentException("U+0000 cannot be written in a DRL literal");
                    boolean sheetOnly = inSheet && (c == '$' || (c == '/' && i > 0 && s.charAt(i - 1) == '*'));
                    if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029 || sheetOnly) b.append(String.format("\\u%04X", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    public static String number(double d) {
        if (!Double.isFinite(d)) throw new IllegalArgumentException("not a finite number: " + d);
        String plain = BigDecimal.valueOf(d).toPlainString();
        return plain.indexOf('.') < 0 ? plain + ".0" : plain;
    }
}
