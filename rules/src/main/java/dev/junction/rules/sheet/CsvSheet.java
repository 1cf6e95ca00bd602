package dev.junction.rules.sheet;

import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.deployment.InvalidSpecException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A grid as CSV (RFC 4180: comma separated, quoted when needed, quotes doubled, CRLF), UTF-8, and back.
 * <p>Formula injection (OWASP "CSV Injection"): a cell that starts with {@code = + - @}, a tab or a carriage
 * return is written with a leading {@code '} so a spreadsheet shows it as text, and so is a cell that starts with
 * {@code '} itself; reading removes exactly that one {@code '}, so every cell reads back as it was. Cells that are only
 * numbers ({@code -5}, {@code -1.5, 10}) are left alone: they cannot carry a formula, and Drools needs them bare.
 * <p>In merged runs (Drools' pattern row) every cell holds the value and ends in {@code ...}, as Drools' CSV
 * reader expects.
 */
public final class CsvSheet {
    public static final String CONTENT_TYPE = "text/csv";
    private static final Pattern NUMBERS = Pattern.compile(
            "[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?(\\s*,\\s*[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?)*");

    /** Excel's first line naming the separator, which it hides when it opens the file: {@code sep=;}. */
    private static final Pattern SEPARATOR_HINT = Pattern.compile("sep=([,;\\t|])\\r?\\n");

    private CsvSheet() {}

    public static byte[] write(Grid grid) {
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < grid.rows().size(); r++) {
            List<String> row = grid.rows().get(r);
            for (int c = 0; c < row.size(); c++) {
                if (c > 0) out.append(',');
                String cell = row.get(c);
                if (merged(grid, r, c)) cell = cell + "...";
                out.append(field(protect(cell)));
            }
            out.append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean merged(Grid grid, int r, int c) {
        return grid.merges().stream().anyMatch(m -> m.row() == r && c >= m.from() && c <= m.to());
    }

    static String protect(String cell) {
        if (cell.isEmpty() || NUMBERS.matcher(cell).matches()) return cell;
        return "=+-@\t\r'".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    static String unprotect(String cell) {
        return cell.length() >= 2 && cell.charAt(0) == '\'' && "=+-@\t\r'".indexOf(cell.charAt(1)) >= 0 ? cell.substring(1) : cell;
    }

    private static String field(String cell) {
        boolean quote = cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\n') >= 0 || cell.indexOf('\r') >= 0
                || (!cell.isEmpty() && (Character.isWhitespace(cell.charAt(0)) || Character.isWhitespace(cell.charAt(cell.length() - 1))));
        return quote ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }

    /**
     * Reads CSV written by Junction or saved by a spreadsheet (a UTF-8 byte order mark, LF or CRLF, quoted cells over
     * several lines, cells separated by commas or by semicolons). The {@code '} of formula protection is removed.
     *
     * @throws InvalidSpecException when a quote is not closed or the text is not UTF-8
     */
    public static Grid read(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidSpecException(List.of(new FieldError("body", "the CSV is not UTF-8 text")));
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        char separator;
        Matcher hint = SEPARATOR_HINT.matcher(text);
        if (hint.lookingAt()) { // Excel's own first line, which it hides: "sep=;"
            separator = hint.group(1).charAt(0);
            text = text.substring(hint.end());
        } else {
            separator = separator(text);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false, any = false;
        int line = 1, quoteLine = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n') line++;
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.isEmpty()) {
                quoted = true;
                quoteLine = line;
                any = true;
            } else if (ch == separator) {
                row.add(unprotect(cell.toString()));
                cell.setLength(0);
                any = true;
            } else if (ch == '\r' || ch == '\n') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                row.add(unprotect(cell.toString()));
                rows.add(row);
                row = new ArrayList<>();
                cell.setLength(0);
                any = false;
                line++;
            } else {
                cell.append(ch);
                any = true;
            }
        }
        if (quoted) {
            throw new InvalidSpecException(List.of(new FieldError(DecisionTableSheet.SHEET_NAME + "!" + "row " + quoteLine,
                    "a quoted CSV cell that starts on line " + quoteLine + " is never closed")));
        }
        if (any || !cell.isEmpty()) {
            row.add(unprotect(cell.toString()));
            rows.add(row);
        }
        return new Grid(DecisionTableSheet.SHEET_NAME, rows, List.of());
    }

    /**
     * A comma, unless more cells are separated by semicolons, counted outside quotes: a spreadsheet in a language
     * that writes decimals with a comma (German, French, Dutch...) saves "CSV" with semicolons, and leaves the commas
     * in its cells unquoted.
     */
    static char separator(String text) {
        int commas = 0, semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') quoted = !quoted; // a doubled quote inside a quoted cell toggles twice
            else if (!quoted && ch == ',') commas++;
            else if (!quoted && ch == ';') semicolons++;
        }
        return semicolons > commas ? ';' : ',';
    }
}
