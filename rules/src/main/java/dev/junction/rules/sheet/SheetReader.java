package dev.junction.rules.sheet;

import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.deployment.InvalidSpecException;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.ContextValues;
import dev.junction.engine.routing.FieldType;
import dev.junction.engine.routing.Operator;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingSchema;
import dev.junction.engine.routing.RoutingTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a routing sheet ({@link DecisionTableSheet}'s layout) back into a routing table, typing values by the
 * deployment's context schema. Every problem is named by its cell, {@code routing!D9: column "score gt": expected a
 * number, got "ten"}, and all are reported at once. The table still has to pass the spec validator; {@link
 * Imported#locate} points the validator's errors at cells too.
 */
public final class SheetReader {
    private static final Pattern RULE_PATH = Pattern.compile("routing\\.rules\\[(\\d+)](?:\\.when\\[(\\d+)])?(?:\\.(\\w+))?.*");

    private final Grid grid;
    private final RoutingSchema schema;
    private final List<FieldError> errors = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();

    private SheetReader(Grid grid, RoutingSchema schema) {
        this.grid = grid;
        this.schema = schema;
    }

    /** A table read from a sheet, and where each of its parts came from. */
    public record Imported(RoutingTable table, Grid grid, int[] defaultCell, int nameColumn, int actionColumn,
                           List<Integer> rowOf, List<List<Integer>> columnsOf, List<String> labels) {
        /** The error with its path turned into the cell it is about, when it is about the routing table. */
        public FieldError locate(FieldError e) {
            if (e.path().equals("routing.defaultVariant") && defaultCell != null) {
                return new FieldError(grid.ref(defaultCell[0], defaultCell[1]), "default variant: " + e.message() + " (" + e.path() + ")");
            }
            Matcher m = RULE_PATH.matcher(e.path());
            if (!m.matches()) return e;
            int rule = Integer.parseInt(m.group(1));
            if (rule >= rowOf.size()) return e;
            int row = rowOf.get(rule);
            int column = nameColumn;
            if (m.group(2) != null && Integer.parseInt(m.group(2)) < columnsOf.get(rule).size()) {
                column = columnsOf.get(rule).get(Integer.parseInt(m.group(2)));
            } else if (m.group(2) == null && m.group(3) != null && List.of("variant", "split", "stickyOn").contains(m.group(3))) {
                column = actionColumn;
            }
            return new FieldError(grid.ref(row, column), "column \"" + labels.get(column) + "\": " + e.message() + " (" + e.path() + ")");
        }

        public List<FieldError> locate(List<FieldError> errors) {
            return errors.stream().map(this::locate).toList();
        }
    }

    /** @throws InvalidSpecException naming each cell that cannot be read */
    public static Imported read(Grid grid, RoutingSchema schema) {
        return new SheetReader(grid, schema).read();
    }

    private Imported read() {
        int tableRow = -1, startColumn = 0;
        for (int r = 0; r < grid.rows().size() && tableRow < 0; r++) {
            for (int c = 0; c < grid.width(r); c++) {
                if (grid.cell(r, c).strip().toLowerCase(Locale.ROOT).startsWith("ruletable")) {
                    tableRow = r;
                    startColumn = c;
                    break;
                }
            }
        }
        if (tableRow < 0) {
            throw new InvalidSpecException(List.of(new FieldError(grid.name(), "no \"RuleTable\" cell: this is not a routing decision table (export one to see the layout)")));
        }
        int[] defaultCell = null;
        String defaultVariant = null;
        for (int r = 0; r < tableRow && defaultCell == null; r++) {
            for (int c = 0; c < grid.width(r); c++) {
                if (grid.cell(r, c).strip().equalsIgnoreCase(DecisionTableSheet.DEFAULT_VARIANT)) {
                    defaultCell = new int[] {r, c + 1};
                    defaultVariant = text(r, c + 1, "default variant");
                    break;
                }
            }
        }
        if (defaultCell == null) {
            errors.add(new FieldError(grid.ref(0, 0), "no \"" + DecisionTableSheet.DEFAULT_VARIANT
                    + "\" row above the RuleTable: it names the variant for requests no row matches"));
        } else if (defaultVariant != null && defaultVariant.isBlank()) {
            errors.add(new FieldError(grid.ref(defaultCell[0], defaultCell[1]), "default variant: required"));
        }

        int typeRow = tableRow + 1, patternRow = tableRow + 2, codeRow = tableRow + 3, labelRow = tableRow + 4;
        int width = 0;
        for (int r = typeRow; r <= labelRow; r++) width = Math.max(width, grid.width(r));
        int nameColumn = -1, descriptionColumn = -1, enabledColumn = -1, actionColumn = -1;
        List<Integer> conditionColumns = new ArrayList<>();
        List<DecisionTableSheet.Column> columns = new ArrayList<>();
        for (int c = 0; c < width; c++) labels.add(grid.cell(labelRow, c).strip());
        for (int c = startColumn; c < width; c++) {
            String type = grid.cell(typeRow, c).strip().toUpperCase(Locale.ROOT);
            String where = grid.ref(typeRow, c);
            switch (type) {
                case "" -> { }
                case DecisionTableSheet.NAME -> nameColumn = once(nameColumn, c, where, type);
                case DecisionTableSheet.DESCRIPTION -> descriptionColumn = once(descriptionColumn, c, where, type);
                case DecisionTableSheet.ENABLED -> enabledColumn = once(enabledColumn, c, where, type);
                case DecisionTableSheet.ACTION -> {
                    actionColumn = once(actionColumn, c, where, type);
                    String code = grid.cell(codeRow, c).strip();
                    if (!code.isEmpty() && !code.equals(DecisionTableSheet.ACTION_CODE)) {
                        errors.add(new FieldError(grid.ref(codeRow, c), "the ACTION code must read " + DecisionTableSheet.ACTION_CODE + " (or be empty)"));
                    }
                }
                case DecisionTableSheet.CONDITION -> {
                    DecisionTableSheet.Column column = column(labelRow, c);
                    if (column == null) continue;
                    conditionColumns.add(c);
                    columns.add(column);
                    String pattern = grid.cell(patternRow, c).strip();
                    if (pattern.endsWith("...")) pattern = pattern.substring(0, pattern.length() - 3).strip();
                    if (!pattern.isEmpty() && !pattern.replace(" ", "").equals(DecisionTableSheet.PATTERN.replace(" ", ""))) {
                        errors.add(new FieldError(grid.ref(patternRow, c), "the pattern must read " + DecisionTableSheet.PATTERN + " (or be empty)"));
                    }
                    String code = grid.cell(codeRow, c).strip();
                    String expected = DecisionTableSheet.code(column.field(), column.op(), schema.typeOf(column.field()));
                    if (!code.isEmpty() && !code.equals(expected)) {
                        errors.add(new FieldError(grid.ref(codeRow, c), "column \"" + labels.get(c) + "\": the code must read "
                                + expected + " (or be empty): the label row says what the column tests"));
                    }
                }
                default -> errors.add(new FieldError(where, "column type '" + grid.cell(typeRow, c).strip()
                        + "' is not used by Junction (NAME, DESCRIPTION, ENABLED, CONDITION, ACTION)"));
            }
        }
        if (nameColumn < 0) errors.add(new FieldError(grid.ref(typeRow, startColumn), "no NAME column: each row needs its rule id"));
        if (actionColumn < 0) errors.add(new FieldError(grid.ref(typeRow, startColumn), "no ACTION column: each row needs its variant"));
        if (!errors.isEmpty()) throw new InvalidSpecException(errors);

        List<RoutingRule> rules = new ArrayList<>();
        List<Integer> rowOf = new ArrayList<>();
        List<List<Integer>> columnsOf = new ArrayList<>();
        int r = labelRow + 1;
        for (; r < grid.rows().size() && !grid.blankRow(r); r++) {
            String id = grid.cell(r, nameColumn).strip();
            String description = descriptionColumn < 0 || grid.cell(r, descriptionColumn).isEmpty() ? null : text(r, descriptionColumn, "description");
            Boolean enabled = enabledColumn < 0 ? Boolean.TRUE : bool(r, enabledColumn);
            List<Condition> when = new ArrayList<>();
            List<Integer> at = new ArrayList<>();
            for (int i = 0; i < conditionColumns.size(); i++) {
                int c = conditionColumns.get(i);
                if (grid.cell(r, c).isBlank()) continue;
                Condition cond = condition(r, c, columns.get(i));
                if (cond != null) {
                    when.add(cond);
                    at.add(c);
                }
            }
            TargetCell.Target target = null;
            try {
                target = TargetCell.read(grid.cell(r, actionColumn));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(grid.ref(r, actionColumn), "column \"" + labels.get(actionColumn) + "\": " + e.getMessage()));
            }
            if (target != null) {
                rules.add(new RoutingRule(id.isEmpty() ? null : id, when, target.variant(), enabled, description, target.split(), target.stickyOn()));
                rowOf.add(r);
                columnsOf.add(List.copyOf(at));
            }
        }
        // A blank row ends the table (as in a Drools decision table); rules typed below one would be dropped unseen.
        for (int below = r + 1; below < grid.rows().size(); below++) {
            if (grid.blankRow(below)) continue;
            errors.add(new FieldError(grid.ref(below, startColumn), "the routing table ends at the blank row " + (r + 1)
                    + ", so this row and those below it would be lost: delete the blank row, or keep notes on another sheet"));
            break;
        }
        if (!errors.isEmpty()) throw new InvalidSpecException(errors);
        return new Imported(new RoutingTable(rules, defaultVariant == null ? null : defaultVariant.strip()), grid,
                defaultCell, nameColumn, actionColumn, rowOf, columnsOf, List.copyOf(labels));
    }

    private int once(int seen, int column, String where, String type) {
        if (seen >= 0) errors.add(new FieldError(where, "a second " + type + " column (the first is " + Grid.columnName(seen) + ")"));
        return column;
    }

    /** A CONDITION column's label: {@code <field> <operator>}, the field quoted when it must be. */
    private DecisionTableSheet.Column column(int labelRow, int c) {
        String label = grid.cell(labelRow, c).strip();
        int space = label.lastIndexOf(' ');
        String where = grid.ref(labelRow, c);
        if (space < 0) {
            errors.add(new FieldError(where, "the label of a CONDITION column reads \"<field> <operator>\" (\"tier in\"), got \""
                    + label + "\""));
            return null;
        }
        Operator op;
        try {
            op = Operator.fromWire(label.substring(space + 1));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(where, "column \"" + label + "\": " + e.getMessage()));
            return null;
        }
        try {
            String field = SheetText.readText(label.substring(0, space).strip());
            return new DecisionTableSheet.Column(field, op);
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(where, "column \"" + label + "\": the field name: " + e.getMessage()));
            return null;
        }
    }

    private String text(int r, int c, String what) {
        try {
            return SheetText.readText(grid.cell(r, c));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(grid.ref(r, c), what + ": " + e.getMessage()));
            return null;
        }
    }

    private Boolean bool(int r, int c) {
        String cell = grid.cell(r, c).strip();
        if (cell.isEmpty() || cell.equalsIgnoreCase("true")) return Boolean.TRUE;
        if (cell.equalsIgnoreCase("false")) return Boolean.FALSE;
        errors.add(new FieldError(grid.ref(r, c), "enabled: expected true or false, got \"" + cell + "\""));
        return Boolean.TRUE;
    }

    private Condition condition(int r, int c, DecisionTableSheet.Column column) {
        String where = grid.ref(r, c);
        String prefix = "column \"" + labels.get(c) + "\": ";
        FieldType type = schema.typeOf(column.field());
        Operator op = column.op();
        try {
            List<SheetText.Item> items = SheetText.items(grid.cell(r, c));
            switch (op.operand()) {
                case NONE -> {
                    if (items.size() != 1 || items.getFirst().quoted() || !items.getFirst().text().equalsIgnoreCase("true")) {
                        throw new IllegalArgumentException("'" + op.wireName() + "' takes no value: write true to use the column in this row, or leave it empty");
                    }
                    return new Condition(column.field(), op, null, null);
                }
                case ONE -> {
                    if (items.size() != 1) throw new IllegalArgumentException("'" + op.wireName() + "' takes one value, got " + items.size() + " (quote a value that holds a comma)");
                    return new Condition(column.field(), op, value(items.getFirst(), type), null);
                }
                default -> {
                    if (op.operand() == Operator.Operand.RANGE && items.size() != 2) {
                        throw new IllegalArgumentException("'between' takes two values, low, high: got " + items.size());
                    }
                    List<Object> values = new ArrayList<>();
                    for (SheetText.Item item : items) values.add(value(item, type));
                    return new Condition(column.field(), op, null, values);
                }
            }
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(where, prefix + e.getMessage()));
            return null;
        }
    }

    /** One item typed by the field: quoted items stay text (as a JSON string would); bare ones are read as the type. */
    private static Object value(SheetText.Item item, FieldType type) {
        String text = item.text();
        if (type == FieldType.DATE && ContextValues.read(FieldType.DATE, text) == null) {
            throw new IllegalArgumentException("expected an ISO-8601 date or date-time (2026-11-22, 2026-11-22T10:00:00Z), got \"" + text + "\"");
        }
        if (item.quoted()) return text;
        return switch (type) {
            case NUMBER -> {
                Number n = SheetText.lenientNumber(text);
                if (n == null) throw new IllegalArgumentException("expected a number, got \"" + text + "\"");
                yield n;
            }
            case BOOLEAN -> {
                if (text.equalsIgnoreCase("true")) yield Boolean.TRUE;
                if (text.equalsIgnoreCase("false")) yield Boolean.FALSE;
                throw new IllegalArgumentException("expected true or false, got \"" + text + "\"");
            }
            case DATE -> text;
            case STRING, LIST -> {
                Object scalar = SheetText.canonicalScalar(text);
                yield scalar == null ? text : scalar;
            }
        };
    }
}
