package dev.junction.rules.sheet;

import java.util.ArrayList;
import java.util.List;

/**
 * A sheet as rows of text cells, the one shape CSV and XLSX are read into and written from. {@code merges} are the
 * horizontal runs Drools reads as one pattern (in CSV each cell of a run ends in {@code ...}; in XLSX they are a
 * merged region). Cells are never null: a missing cell reads as "".
 */
public record Grid(String name, List<List<String>> rows, List<Merge> merges) {
    /** Columns {@code from} to {@code to} (inclusive, 0-based) of row {@code row} form one merged cell. */
    public record Merge(int row, int from, int to) {}

    public Grid {
        List<List<String>> copy = new ArrayList<>(rows.size());
        for (List<String> row : rows) copy.add(List.copyOf(row.stream().map(c -> c == null ? "" : c).toList()));
        rows = List.copyOf(copy);
        merges = merges == null ? List.of() : List.copyOf(merges);
    }

    public String cell(int row, int column) {
        if (row < 0 || row >= rows.size()) return "";
        List<String> cells = rows.get(row);
        return column < 0 || column >= cells.size() ? "" : cells.get(column);
    }

    public int width(int row) {
        return row < 0 || row >= rows.size() ? 0 : rows.get(row).size();
    }

    public boolean blankRow(int row) {
        for (int c = 0; c < width(row); c++) {
            if (!cell(row, c).isBlank()) return false;
        }
        return true;
    }

    /** The spreadsheet name of a cell: {@code routing!C7} for row index 6, column index 2. */
    public String ref(int row, int column) {
        return name + "!" + columnName(column) + (row + 1);
    }

    static String columnName(int column) {
        StringBuilder b = new StringBuilder();
        for (int c = column + 1; c > 0; c = (c - 1) / 26) b.insert(0, (char) ('A' + (c - 1) % 26));
        return b.toString();
    }
}
