package dev.junction.rules.sheet;

import dev.junction.rules.DrlLiterals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How values are written in and read from the cells of a routing sheet.
 * <ul>
 *   <li>A quoted cell item is a DRL string literal, {@code "gold"}: backslash escapes for {@code \" \\ \n \r \t},
 *       {@code \\uXXXX} for other control characters, U+2028/2029 and {@code $} (which Drools would read as a
 *       placeholder), and the {@code /} of {@code *}{@code /} (which would end the comment Drools writes a description
 *       in). So a cell that Junction writes is a literal Drools can compile, whatever the value holds.</li>
 *   <li>A bare item is taken as typed, trimmed: {@code gold}, {@code 42}, {@code true}.</li>
 *   <li>A list cell is items separated by commas: {@code "gold", "platinum"}.</li>
 *   <li>A text cell (a description, a field name in a column label) is bare unless it must be quoted: empty, spaces
 *       at either end, a leading quote, or control characters.</li>
 * </ul>
 */
final class SheetText {
    /** JSON's number grammar, which Java's Double.toString also satisfies. */
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9]\\d*)");
    /** What an analyst may type in a number column. */
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private SheetText() {}

    /** One item of a cell: a quoted literal (always a string) or bare text. */
    record Item(String text, boolean quoted) {}

    static String quote(String s) {
        return DrlLiterals.quoted(s, true);
    }

    /** A text cell: bare when that reads back the same, else quoted. */
    static String text(String s) {
        return needsQuotes(s) ? quote(s) : s;
    }

    private static boolean needsQuotes(String s) {
        if (s.isEmpty() || s.startsWith("\"") || !s.strip().equals(s) || s.contains("*/")) return true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) return true;
        }
        return false;
    }

    /** Reads a text cell: one quoted literal, or the cell as it is. */
    static String readText(String cell) {
        if (!cell.stripLeading().startsWith("\"")) return cell;
        List<Item> items = items(cell);
        if (items.size() != 1) throw new IllegalArgumentException("expected one quoted text, got " + items.size() + " items");
        return items.getFirst().text();
    }

    /**
     * The items of a cell, separated by commas; an empty cell has none.
     *
     * @throws IllegalArgumentException naming what is wrong (an unclosed quote, a bad escape, an empty item)
     */
    static List<Item> items(String cell) {
        List<Item> out = new ArrayList<>();
        int i = skipSpaces(cell, 0);
        if (i == cell.length()) return out;
        while (true) {
            if (i < cell.length() && cell.charAt(i) == '"') {
                StringBuilder value = new StringBuilder();
                i = literal(cell, i, value);
                out.add(new Item(value.toString(), true));
                i = skipSpaces(cell, i);
            } else {
                int end = cell.indexOf(',', i);
                String bare = (end < 0 ? cell.substring(i) : cell.substring(i, end)).strip();
                if (bare.isEmpty()) throw new IllegalArgumentException("an empty item (two commas, or a comma at an end)");
                if (bare.indexOf('"') >= 0) throw new IllegalArgumentException("a quote inside the unquoted item " + bare + ": quote the whole item");
                out.add(new Item(bare, false));
                i = end < 0 ? cell.length() : end;
            }
            if (i == cell.length()) return out;
            if (cell.charAt(i) != ',') throw new IllegalArgumentException("expected a comma after item " + out.size() + " at character " + (i + 1));
            i = skipSpaces(cell, i + 1);
            if (i == cell.length()) throw new IllegalArgumentException("an empty item (two commas, or a comma at an end)");
        }
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    /** Reads the literal starting at the quote at {@code start}; answers the index after its closing quote. */
    private static int literal(String s, int start, StringBuilder out) {
        int i = start + 1;
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c == '"') return i;
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i == s.length()) break;
            char e = s.charAt(i++);
            switch (e) {
                case '"', '\\', '\'' -> out.append(e);
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 > s.length()) throw new IllegalArgumentException("a \\u escape needs four hex digits");
                    try {
                        out.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                    } catch (NumberFormatException bad) {
                        throw new IllegalArgumentException("a \\u escape needs four hex digits, got " + s.substring(i, i + 4));
                    }
                    i += 4;
                }
                default -> throw new IllegalArgumentException("unknown escape \\" + e + " (use \\\" \\\\ \\n \\r \\t or \\uXXXX)");
            }
        }
        throw new IllegalArgumentException("a quote is not closed");
    }

    /** A JSON number as Jackson reads it: Integer, Long or BigInteger for whole numbers, else Double. */
    static Number number(String text) {
        if (INTEGER.matcher(text).matches()) {
            BigInteger big = new BigInteger(text);
            if (big.bitLength() < 32) return big.intValue();
            if (big.bitLength() < 64) return big.longValue();
            return big;
        }
        double d = Double.parseDouble(text);
        return Double.isFinite(d) ? d : null;
    }

    /** A number typed in a number column (a leading + or . allowed), or null. */
    static Number lenientNumber(String text) {
        if (!DECIMAL.matcher(text).matches()) return null;
        String t = text.startsWith("+") ? text.substring(1) : text;
        if (INTEGER.matcher(t).matches()) return number(t);
        double d = Double.parseDouble(t);
        return Double.isFinite(d) ? d : null;
    }

    /** A bare item in a text column that is exactly how a JSON number or boolean is written: that value; else null. */
    static Object canonicalScalar(String bare) {
        if (bare.equals("true")) return Boolean.TRUE;
        if (bare.equals("false")) return Boolean.FALSE;
        if (!JSON_NUMBER.matcher(bare).matches()) return null;
        Number n = number(bare);
        return n != null && n.toString().equals(bare) ? n : null;
    }

    /** How a condition operand is written in its cell. */
    static String operand(Object value) {
        if (value instanceof String s) return quote(s);
        if (value instanceof Double || value instanceof Float) return Double.toString(((Number) value).doubleValue());
        if (value instanceof Number || value instanceof Boolean) return value.toString();
        return quote(String.valueOf(value));
    }
}
