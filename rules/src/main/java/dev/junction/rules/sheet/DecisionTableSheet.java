package dev.junction.rules.sheet;

import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.FieldType;
import dev.junction.engine.routing.Operator;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingSchema;
import dev.junction.engine.routing.RoutingTable;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A routing table as a Drools decision table: the one class that knows the layout. Drools' own compiler
 * (drools-decisiontables) compiles what this writes, against {@link SheetFact}:
 * <pre>
 * RuleSet           junction.routing
 * Import            dev.junction.rules.sheet.SheetFact
 * Sequential        true                 rows fire in table order (salience falls row by row)
 * EscapeQuotes      false                cells are DRL literals, written by us
 * ACTIVATION-GROUP  routing              the first matching row is the only one to fire
 * Default variant   standard             not a Drools keyword (Drools ignores it): the variant for everything else
 *
 * RuleTable routing
 * NAME   DESCRIPTION   ENABLED   CONDITION ...                       ACTION
 *                                $c : SheetFact (merged)
 *                                str("tier") in ($param)             $c.route(drools.getRule().getName(), $param);
 * rule   description   enabled   tier in        score gt  ...        variant
 * gold   Gold first    true      "gold", "vip"  10                   "premium"
 * ab     A/B test      false                    0                    "a:50, b:50 by user_id"
 * </pre>
 * One CONDITION column per (field, operator) a row uses; the label row names it {@code <field> <operator>}. A row's
 * conditions are its non-empty cells, in column order (columns repeat when rows need them in different orders, so
 * every row reads back exactly). See {@link SheetText} for how values are written, {@link TargetCell} for splits.
 * Reading is {@link SheetReader}.
 */
public final class DecisionTableSheet {
    public static final String SHEET_NAME = "routing";
    static final String RULESET = "RuleSet";
    static final String PACKAGE = "junction.routing";
    static final String DEFAULT_VARIANT = "Default variant";
    static final String RULE_TABLE = "RuleTable routing";
    static final String PATTERN = "$c : " + SheetFact.class.getSimpleName();
    static final String ACTION_CODE = "$c.route(drools.getRule().getName(), $param);";
    static final String NAME = "NAME", DESCRIPTION = "DESCRIPTION", ENABLED = "ENABLED", CONDITION = "CONDITION", ACTION = "ACTION";

    private DecisionTableSheet() {}

    /** One CONDITION column. */
    record Column(String field, Operator op) {
        String label() {
            return SheetText.text(field) + " " + op.wireName();
        }
    }

    public static Grid export(RoutingTable table, RoutingSchema schema) {
        List<RoutingRule> rules = table.rules();
        Map<RoutingRule, List<Column>> placed = new IdentityHashMap<>();
        List<Column> columns = layout(rules, placed);
        IdentityHashMap<Column, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < columns.size(); i++) index.put(columns.get(i), i);

        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of(RULESET, PACKAGE));
        rows.add(List.of("Import", SheetFact.class.getName()));
        rows.add(List.of("Sequential", "true"));
        rows.add(List.of("EscapeQuotes", "false"));
        rows.add(List.of("ACTIVATION-GROUP", "routing"));
        rows.add(List.of(DEFAULT_VARIANT, table.defaultVariant() == null ? "" : SheetText.text(table.defaultVariant())));
        rows.add(List.of());
        int tableRow = rows.size();
        rows.add(List.of(RULE_TABLE));
        int first = 3, action = first + columns.size();
        List<String> types = new ArrayList<>(List.of(NAME, DESCRIPTION, ENABLED));
        List<String> patterns = new ArrayList<>(List.of("", "", ""));
        List<String> codes = new ArrayList<>(List.of("", "", ""));
        List<String> labels = new ArrayList<>(List.of("rule", "description", "enabled"));
        for (Column c : columns) {
            types.add(CONDITION);
            patterns.add(PATTERN);
            codes.add(code(c.field(), c.op(), schema.typeOf(c.field())));
            labels.add(c.label());
        }
        types.add(ACTION);
        patterns.add("");
        codes.add(ACTION_CODE);
        labels.add("variant");
        rows.add(types);
        rows.add(patterns);
        rows.add(codes);
        rows.add(labels);
        for (RoutingRule rule : rules) {
            String[] cells = new String[action + 1];
            java.util.Arrays.fill(cells, "");
            cells[0] = rule.id() == null ? "" : rule.id();
            cells[1] = rule.description() == null ? "" : SheetText.text(rule.description());
            cells[2] = Boolean.toString(rule.enabled());
            List<Column> at = placed.get(rule);
            for (int i = 0; i < rule.when().size(); i++) {
                cells[first + index.get(at.get(i))] = operands(rule.when().get(i));
            }
            cells[action] = TargetCell.write(rule);
            rows.add(List.of(cells));
        }
        List<Grid.Merge> merges = columns.isEmpty() ? List.of() : List.of(new Grid.Merge(tableRow + 2, first, action - 1));
        return new Grid(SHEET_NAME, rows, merges);
    }

    /**
     * The condition columns: a shortest-so-far common supersequence of the rows' (field, operator) sequences, built
     * row by row, so that every row's conditions sit in columns in their own order.
     */
    private static List<Column> layout(List<RoutingRule> rules, Map<RoutingRule, List<Column>> placed) {
        List<Column> columns = new ArrayList<>();
        for (RoutingRule rule : rules) {
            List<Column> at = new ArrayList<>();
            int pos = -1;
            List<Column> keys = rule.when().stream().map(c -> new Column(c.field(), c.op())).toList();
            for (int k = 0; k < keys.size(); k++) {
                int found = columns.subList(pos + 1, columns.size()).indexOf(keys.get(k));
                if (found >= 0) {
                    found += pos + 1;
                } else {
                    // before the first later column this row can still use, else at the end
                    List<Column> later = keys.subList(k + 1, keys.size());
                    found = columns.size();
                    for (int j = pos + 1; j < columns.size(); j++) {
                        if (later.contains(columns.get(j))) {
                            found = j;
                            break;
                        }
                    }
                    columns.add(found, new Column(keys.get(k).field(), keys.get(k).op())); // a new identity: equal columns may repeat
                }
                at.add(columns.get(found));
                pos = found;
            }
            placed.put(rule, at);
        }
        return columns;
    }

    static String operands(Condition c) {
        if (c.op().operand() == Operator.Operand.NONE) return "true";
        return String.join(", ", c.operands().stream().map(SheetText::operand).toList());
    }

    /** The Drools snippet of a condition column: {@code $param} (or $1, $2, forall) is the cell. */
    static String code(String field, Operator op, FieldType type) {
        String f = fieldLiteral(field);
        String s = "str(" + f + ")", n = "num(" + f + ")", b = "bool(" + f + ")", l = "list(" + f + ")", d = "date(" + f + ")";
        String one = switch (type) {
            case NUMBER -> n;
            case BOOLEAN -> b;
            case DATE -> d;
            case LIST -> l;
            case STRING -> s;
        };
        String value = type == FieldType.DATE ? "millis($param)" : "$param";
        return switch (op) {
            case EQUALS, IS -> one + " == " + value;
            case NOT_EQUALS -> one + " != null, " + one + " != " + value;
            case IN -> s + " in ($param)";
            case NOT_IN -> s + " != null, " + s + " not in ($param)";
            case CONTAINS -> s + " != null, " + s + ".contains($param)";
            case STARTS_WITH -> s + " != null, " + s + ".startsWith($param)";
            case MATCHES -> s + " != null, " + s + " matches $param";
            case LT -> n + " != null, " + n + " < $param";
            case LTE -> n + " != null, " + n + " <= $param";
            case GT -> n + " != null, " + n + " > $param";
            case GTE -> n + " != null, " + n + " >= $param";
            case BETWEEN -> type == FieldType.DATE
                    ? d + " != null, " + d + " >= millis($1), " + d + " <= millis($2)"
                    : n + " != null, " + n + " >= $1, " + n + " <= $2";
            case BEFORE -> d + " != null, " + d + " < millis($param)";
            case AFTER -> d + " != null, " + d + " > millis($param)";
            case CONTAINS_ANY -> l + " != null, (forall(||){" + l + " contains $})";
            case CONTAINS_ALL -> l + " != null, forall(&&){" + l + " contains $}";
            case PRESENT -> "has(" + f + ") == $param";
            case ABSENT -> "has(" + f + ") != $param";
        };
    }

    /** A field name in a code cell: a literal that holds no Drools placeholder or forall brace. */
    private static String fieldLiteral(String field) {
        return SheetText.quote(field).replace("{", "\\u007B").replace("}", "\\u007D");
    }
}
