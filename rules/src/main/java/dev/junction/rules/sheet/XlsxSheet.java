package dev.junction.rules.sheet;

import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.deployment.InvalidSpecException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A grid as an Excel workbook (one sheet, "routing"), and back. Every cell is written as a text cell, so nothing a
 * user typed can become a formula, and text is read back exactly. Reading takes the sheet named "routing" (else the
 * first); numbers, booleans and dates a spreadsheet typed are read as their text; formulas are refused.
 */
public final class XlsxSheet {
    public static final String CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private XlsxSheet() {}

    public static byte[] write(Grid grid) {
        try (Workbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet(grid.name());
            CellStyle text = book.createCellStyle();
            text.setDataFormat(book.createDataFormat().getFormat("@")); // "Text": Excel keeps what is typed as text
            int[] widths = new int[64];
            List<FieldError> tooLong = new ArrayList<>();
            for (int r = 0; r < grid.rows().size(); r++) {
                Row row = sheet.createRow(r);
                List<String> cells = grid.rows().get(r);
                for (int c = 0; c < cells.size(); c++) {
                    String value = cells.get(c);
                    if (value.length() > SpreadsheetVersion.EXCEL2007.getMaxTextLength()) {
                        tooLong.add(new FieldError(grid.ref(r, c), "more than " + SpreadsheetVersion.EXCEL2007.getMaxTextLength()
                                + " characters, which an Excel cell cannot hold: export CSV instead"));
                        continue;
                    }
                    if (value.isEmpty()) continue;
                    Cell cell = row.createCell(c);
                    cell.setCellStyle(text);
                    cell.setCellValue(value); // a string cell, never a formula
                    if (c < widths.length) widths[c] = Math.max(widths[c], Math.min(60, value.length() + 2));
                }
            }
            if (!tooLong.isEmpty()) throw new InvalidSpecException(tooLong);
            for (Grid.Merge m : grid.merges()) {
                if (m.to() > m.from()) sheet.addMergedRegion(new CellRangeAddress(m.row(), m.row(), m.from(), m.to()));
            }
            for (int c = 0; c < widths.length; c++) {
                if (widths[c] > 0) sheet.setColumnWidth(c, Math.max(10, widths[c]) * 256);
            }
            // Text for the whole of every column, so that what an analyst types into an empty cell or a new row stays
            // as typed too (Excel would read 007 as 7, 1-2 as a date, 12E3 as 12000).
            int columns = grid.rows().stream().mapToInt(List::size).max().orElse(0);
            for (int c = 0; c < columns; c++) sheet.setDefaultColumnStyle(c, text);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws InvalidSpecException when the bytes are not a workbook, or a cell holds a formula */
    public static Grid read(byte[] bytes) {
        Workbook book;
        try {
            book = new XSSFWorkbook(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new InvalidSpecException(List.of(new FieldError("body", "not an Excel workbook (.xlsx): " + e.getMessage())));
        }
        try (book) {
            Sheet sheet = book.getSheet(DecisionTableSheet.SHEET_NAME);
            if (sheet == null) sheet = book.getSheetAt(0);
            Grid named = new Grid(sheet.getSheetName(), List.of(), List.of());
            List<List<String>> rows = new ArrayList<>();
            List<FieldError> errors = new ArrayList<>();
            DataFormatter formatter = new DataFormatter();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                        Cell cell = row.getCell(c);
                        cells.add(cell == null ? "" : switch (cell.getCellType()) {
                            case STRING -> cell.getStringCellValue();
                            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
                            case NUMERIC -> number(cell, formatter);
                            case FORMULA -> {
                                errors.add(new FieldError(named.ref(r, c), "a formula (" + cell.getCellFormula()
                                        + "): routing sheets hold values only; type the value"));
                                yield "";
                            }
                            default -> "";
                        });
                    }
                }
                rows.add(cells);
            }
            if (!errors.isEmpty()) throw new InvalidSpecException(errors);
            return new Grid(sheet.getSheetName(), rows, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A number a spreadsheet typed: a date as ISO-8601, a whole number without ".0", else Java's double text. */
    private static String number(Cell cell, DataFormatter formatter) {
        double d = cell.getNumericCellValue();
        if (DateUtil.isCellDateFormatted(cell)) {
            LocalDateTime t = cell.getLocalDateTimeCellValue();
            return t.toLocalTime().toSecondOfDay() == 0 && t.getNano() == 0 ? t.toLocalDate().toString() : t + "Z";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return Double.toString(d);
    }
}
