package dev.junction.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.deployment.InvalidSpecException;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.FieldType;
import dev.junction.engine.routing.Operator;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingSchema;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.routing.SplitShare;
import dev.junction.rules.sheet.CsvSheet;
import dev.junction.rules.sheet.DecisionTableSheet;
import dev.junction.rules.sheet.Grid;
import dev.junction.rules.sheet.SheetReader;
import dev.junction.rules.sheet.XlsxSheet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Routing tables survive CSV and XLSX exactly, and a sheet that cannot be read says which cell is wrong. */
class DecisionTableSheetTest {
    static final String[] HOSTILE = {"=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "'=quoted", "''", "'", "a,b", "a, b",
            "say \"hi\"", "\"", "line\nbreak", "cr\rlf\r\n", "\ttab", "back\\slash", "$param", "$1 $2", "forall(||){x}", "{}",
            "...", "end...", " lead", "trail ", "", " ", "\u00fc\u00e9\u4e2d\u6587", "\uD83D\uDE00", "\u2028", "\u0007bell",
            "true", "42", "-5", "*/ rule \"x\" when then end /*", "1.0E9", "null", "RuleTable x", "Default variant", "by", "a:50 by x"};

    static final RoutingSchema SCHEMA = new RoutingSchema(Map.of(
            "tier", FieldType.STRING, "score", FieldType.NUMBER, "beta", FieldType.BOOLEAN, "tags", FieldType.LIST,
            "signup", FieldType.DATE, "user id", FieldType.STRING, "weird \"field\", =x\n", FieldType.NUMBER));

    /** Every operator on a field of each type it applies to, splits, disabled rows, descriptions, hostile strings. */
    static RoutingTable everyOperator() {
        List<RoutingRule> rules = new ArrayList<>();
        int i = 0;
        for (Operator op : Operator.values()) {
            for (FieldType type : FieldType.values()) {
                if (!op.appliesTo(type)) continue;
                String field = switch (type) {
                    case STRING -> "tier";
                    case NUMBER -> "score";
                    case BOOLEAN -> "beta";
                    case LIST -> "tags";
                    case DATE -> "signup";
                };
                Condition c = switch (op.operand()) {
                    case NONE -> new Condition(field, op, null, null);
                    case ONE -> new Condition(field, op, value(type, op, i), null);
                    case LIST -> new Condition(field, op, null, List.of("gold", "a,b", "say \"hi\"", "=1+1", "\u00fc"));
                    case RANGE -> new Condition(field, op, null, type == FieldType.DATE
                            ? List.of("2026-01-01", "2026-11-22T10:00:00Z") : List.of(-5, 10.5));
                };
                String id = "r" + i++;
                if (i % 4 == 0) {
                    rules.add(new RoutingRule(id, List.of(c, Condition.of("score", Operator.GT, -1.5)), null, i % 3 != 0,
                            HOSTILE[i % HOSTILE.length], List.of(new SplitShare("a", 30), new SplitShare("b", 70)), "user id"));
                } else {
                    rules.add(new RoutingRule(id, List.of(c), "v" + (i % 3), i % 5 != 0, i % 2 == 0 ? null : HOSTILE[i % HOSTILE.length]));
                }
            }
        }
        rules.add(new RoutingRule("orders-differ", List.of(Condition.of("score", Operator.GT, 1), Condition.of("tier", Operator.EQUALS, "x"),
                Condition.of("score", Operator.GT, 2)), "v1", true, ""));
        rules.add(new RoutingRule("-dash", List.of(Condition.of("weird \"field\", =x\n", Operator.LT, 3_000_000_000L)), "v2", true, "'tis"));
        return new RoutingTable(rules, "v0");
    }

    private static Object value(FieldType type, Operator op, int i) {
        return switch (type) {
            case STRING -> op == Operator.MATCHES ? "\\d+ \"x\"" : HOSTILE[i % HOSTILE.length];
            case NUMBER -> i % 2 == 0 ? 42 : 0.25;
            case BOOLEAN -> i % 2 == 0;
            case DATE -> "2026-11-22";
            case LIST -> "x";
        };
    }

    static RoutingTable viaCsv(RoutingTable table, RoutingSchema schema) {
        return SheetReader.read(CsvSheet.read(CsvSheet.write(DecisionTableSheet.export(table, schema))), schema).table();
    }

    static RoutingTable viaXlsx(RoutingTable table, RoutingSchema schema) {
        return SheetReader.read(XlsxSheet.read(XlsxSheet.write(DecisionTableSheet.export(table, schema))), schema).table();
    }

    @Test
    void every_operator_split_disabled_row_and_description_survives_csv_and_xlsx_exactly() {
        RoutingTable table = everyOperator();
        assertThat(viaCsv(table, SCHEMA)).isEqualTo(table);
        assertThat(viaXlsx(table, SCHEMA)).isEqualTo(table);
    }

    @Test
    void random_typed_tables_with_hostile_strings_survive_csv_and_xlsx_exactly() {
        Random random = new Random(4_7L);
        for (int t = 0; t < 150; t++) {
            Map<String, FieldType> types = new HashMap<>();
            String[] fields = {"f0", "f 1", HOSTILE[random.nextInt(HOSTILE.length)] + "f", "f3"};
            for (String f : fields) types.put(f, FieldType.values()[random.nextInt(FieldType.values().length)]);
            RoutingSchema schema = new RoutingSchema(types);
            RoutingTable random0 = DroolsMatchesReferenceTest.randomTable(random, fields, schema);
            List<RoutingRule> rules = new ArrayList<>();
            for (RoutingRule r : random0.rules()) {
                List<Condition> when = new ArrayList<>();
                for (Condition c : r.when()) when.add(hostile(random, c, schema.typeOf(c.field())));
                rules.add(new RoutingRule(r.id(), when, r.variant(), r.enabled(),
                        random.nextInt(3) == 0 ? null : HOSTILE[random.nextInt(HOSTILE.length)], r.split(), r.stickyOn()));
            }
            RoutingTable table = new RoutingTable(rules, random0.defaultVariant());
            assertThat(viaCsv(table, schema)).as("table %d via CSV", t).isEqualTo(table);
            assertThat(viaXlsx(table, schema)).as("table %d via XLSX", t).isEqualTo(table);
        }
    }

    /** String operands replaced by hostile strings (not regexes: those must stay valid). */
    private static Condition hostile(Random random, Condition c, FieldType type) {
        if ((type != FieldType.STRING && type != FieldType.LIST) || c.op() == Operator.MATCHES) return c;
        if (c.op().operand() == Operator.Operand.ONE) return new Condition(c.field(), c.op(), HOSTILE[random.nextInt(HOSTILE.length)], null);
        if (c.values() == null) return c;
        List<Object> values = new ArrayList<>();
        for (Object ignored : c.values()) values.add(HOSTILE[random.nextInt(HOSTILE.length)]);
        return new Condition(c.field(), c.op(), null, values);
    }

    @Test
    void a_csv_saved_with_semicolons_by_a_spreadsheet_in_a_decimal_comma_language_reads_the_same() {
        RoutingTable table = everyOperator();
        String csv = new String(CsvSheet.write(DecisionTableSheet.export(table, SCHEMA)), StandardCharsets.UTF_8);
        String semicolons = withSemicolons(csv);
        assertThat(semicolons).contains("RuleSet;junction.routing").doesNotContain("RuleSet,");
        assertThat(read(semicolons)).isEqualTo(table);
        assertThat(read("sep=;\r\n" + semicolons)).isEqualTo(table); // Excel's hint line
        assertThat(read("sep=,\n" + csv)).isEqualTo(table);
        assertThat(read(csv)).isEqualTo(table);
    }

    private static RoutingTable read(String csv) {
        return SheetReader.read(CsvSheet.read(csv.getBytes(StandardCharsets.UTF_8)), SCHEMA).table();
    }

    /** The CSV as a spreadsheet saves it with ';': cells quoted only for ';', '"' or a line break; commas left bare. */
    private static String withSemicolons(String csv) {
        StringBuilder out = new StringBuilder();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char ch = csv.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') { cell.append('"'); i++; }
                else if (ch == '"') quoted = false;
                else cell.append(ch);
            } else if (ch == '"') quoted = true;
            else if (ch == ',') { row.add(cell.toString()); cell.setLength(0); }
            else if (ch == '\r') { /* part of CRLF */ }
            else if (ch == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                out.append(String.join(";", row.stream().map(c -> c.contains(";") || c.contains("\"") || c.contains("\n")
                        || c.contains("\r") ? "\"" + c.replace("\"", "\"\"") + "\"" : c).toList())).append("\r\n");
                row.clear();
            } else cell.append(ch);
        }
        return out.toString();
    }

    @Test
    void the_csv_protects_formulas_and_reads_them_back_as_text() {
        RoutingTable table = new RoutingTable(List.of(new RoutingRule("r", List.of(Condition.equalsTo("tier", "x")), "v", true,
                "=HYPERLINK(\"http://evil\")")), "-v");
        String csv = new String(CsvSheet.write(DecisionTableSheet.export(table, SCHEMA)), StandardCharsets.UTF_8);
        assertThat(csv).contains("\"'=HYPERLINK(\"\"http://evil\"\")\"").contains("Default variant,'-v");
        for (String line : csv.split("\r\n")) {
            for (String cell : line.split(",")) assertThat(cell).doesNotStartWith("=").doesNotStartWith("@").doesNotStartWith("+");
        }
        assertThat(viaCsv(table, SCHEMA)).isEqualTo(table);
    }

    @Test
    void the_exported_sheet_reads_like_a_drools_decision_table() {
        RoutingTable table = new RoutingTable(List.of(
                new RoutingRule("gold", List.of(Condition.of("tier", Operator.IN, "gold", "vip"), Condition.of("score", Operator.GT, 10)),
                        "premium", true, "Gold customers first"),
                new RoutingRule("ab", List.of(Condition.of("beta", Operator.IS, true)), null, false, null,
                        List.of(new SplitShare("a", 50), new SplitShare("b", 50)), "user id")), "standard");
        String csv = new String(CsvSheet.write(DecisionTableSheet.export(table, SCHEMA)), StandardCharsets.UTF_8);
        assertThat(csv).isEqualTo(String.join("\r\n", List.of(
                "RuleSet,junction.routing",
                "Import,dev.junction.rules.sheet.SheetFact",
                "Sequential,true",
                "EscapeQuotes,false",
                "ACTIVATION-GROUP,routing",
                "Default variant,standard",
                "",
                "RuleTable routing",
                "NAME,DESCRIPTION,ENABLED,CONDITION,CONDITION,CONDITION,ACTION",
                ",,,$c : SheetFact...,$c : SheetFact...,$c : SheetFact...,",
                ",,,\"str(\"\"tier\"\") in ($param)\",\"num(\"\"score\"\") != null, num(\"\"score\"\") > $param\",\"bool(\"\"beta\"\") == $param\",\"$c.route(drools.getRule().getName(), $param);\"",
                "rule,description,enabled,tier in,score gt,beta is,variant",
                "gold,Gold customers first,true,\"\"\"gold\"\", \"\"vip\"\"\",10,,\"\"\"premium\"\"\"",
                "ab,,false,,,true,\"\"\"a:50, b:50 by user id\"\"\"")) + "\r\n");
    }

    @Test
    void cells_that_cannot_be_read_are_named_with_the_problem() {
        String csv = """
                RuleSet,junction.routing
                Default variant,standard

                RuleTable routing
                NAME,DESCRIPTION,ENABLED,CONDITION,CONDITION,CONDITION,ACTION
                ,,,$c : SheetFact...,$c : SheetFact...,$c : SheetFact...,
                ,,,,,,
                rule,description,enabled,tier within,score gt,signup before,variant
                gold,,maybe,,ten,yesterday,"a:fifty by x"
                """;
        assertThatThrownBy(() -> SheetReader.read(CsvSheet.read(csv.getBytes(StandardCharsets.UTF_8)), SCHEMA))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.errors()).extracting(FieldError::path)
                        .containsExactly("routing!D8"));
        String fixedHeader = csv.replace("tier within", "tier in");
        assertThatThrownBy(() -> SheetReader.read(CsvSheet.read(fixedHeader.getBytes(StandardCharsets.UTF_8)), SCHEMA))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::path).containsExactly("routing!C9", "routing!E9", "routing!F9", "routing!G9");
                    assertThat(e.errors().get(1).message()).isEqualTo("column \"score gt\": expected a number, got \"ten\"");
                });
    }

    @Test
    void every_column_of_the_workbook_is_text_so_cells_typed_later_stay_as_typed() throws Exception {
        byte[] xlsx = XlsxSheet.write(DecisionTableSheet.export(RoutingTable.defaultOnly("standard"), SCHEMA));
        try (org.apache.poi.ss.usermodel.Workbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(xlsx))) {
            org.apache.poi.ss.usermodel.Sheet sheet = book.getSheetAt(0);
            for (int c = 0; c < 4; c++) {
                assertThat(sheet.getColumnStyle(c)).as("column " + c).isNotNull();
                assertThat(sheet.getColumnStyle(c).getDataFormatString()).as("column " + c).isEqualTo("@");
            }
        }
    }

    @Test
    void a_blank_row_inside_the_table_is_refused_rather_than_dropping_the_rules_below_it() {
        String csv = """
                RuleSet,junction.routing
                Default variant,standard

                RuleTable routing
                NAME,DESCRIPTION,ENABLED,CONDITION,ACTION
                ,,,$c : SheetFact...,
                ,,,,
                rule,description,enabled,tier in,variant
                gold,,true,\"""gold\""",\"""premium\"""
                ,,,,
                silver,,true,\"""silver\""",\"""standard\"""
                """;
        assertThatThrownBy(() -> SheetReader.read(CsvSheet.read(csv.getBytes(StandardCharsets.UTF_8)), SCHEMA))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::path).containsExactly("routing!A11");
                    assertThat(e.errors().getFirst().message()).contains("ends at the blank row 10");
                });
        String trailingBlanks = csv.replace(",,,,\nsilver", "silver") + ",,,,\n\n";
        assertThat(SheetReader.read(CsvSheet.read(trailingBlanks.getBytes(StandardCharsets.UTF_8)), SCHEMA).table().rules())
                .extracting(r -> r.id()).containsExactly("gold", "silver");
    }

    @Test
    void the_validators_paths_are_turned_into_cells() {
        RoutingTable table = new RoutingTable(List.of(new RoutingRule("gold", List.of(Condition.equalsTo("tier", "x"),
                Condition.of("score", Operator.GT, 1)), "nope", true, null)), "standard");
        SheetReader.Imported imported = SheetReader.read(CsvSheet.read(CsvSheet.write(DecisionTableSheet.export(table, SCHEMA))), SCHEMA);
        assertThat(imported.locate(new FieldError("routing.rules[0].variant", "must name one of the variants")))
                .isEqualTo(new FieldError("routing!F13", "column \"variant\": must name one of the variants (routing.rules[0].variant)"));
        assertThat(imported.locate(new FieldError("routing.rules[0].when[1].value", "bad")).path()).isEqualTo("routing!E13");
        assertThat(imported.locate(new FieldError("routing.defaultVariant", "bad")).path()).isEqualTo("routing!B6");
        assertThat(imported.locate(new FieldError("tests[0].expectRule", "bad")).path()).isEqualTo("tests[0].expectRule");
    }
}
