package dev.junction.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.routing.FieldType;
import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingSchema;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.rules.sheet.CsvSheet;
import dev.junction.rules.sheet.DecisionTableSheet;
import dev.junction.rules.sheet.Grid;
import dev.junction.rules.sheet.SheetFact;
import dev.junction.rules.sheet.XlsxSheet;
import java.io.ByteArrayInputStream;
import dev.junction.engine.routing.Condition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.junit.jupiter.api.Test;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.internal.builder.DecisionTableConfiguration;
import org.kie.internal.builder.DecisionTableInputType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * An exported sheet is a real Drools decision table: Drools' own decision-table compiler (drools-decisiontables)
 * compiles the CSV and the XLSX, with one rule per row, and the compiled rules route random contexts exactly as
 * Junction's router does (same row, same variant, splits included), over random typed tables.
 */
class DecisionTableDroolsTest {

    private static final java.util.concurrent.atomic.AtomicInteger SHEETS = new java.util.concurrent.atomic.AtomicInteger();

    /** A fresh source path each time: Drools hands back the rules of an earlier sheet compiled under the same path. */
    static KieBase compile(byte[] sheet, DecisionTableInputType type) {
        DecisionTableConfiguration config = KnowledgeBuilderFactory.newDecisionTableConfiguration();
        config.setInputType(type);
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(ResourceFactory.newByteArrayResource(sheet).setSourcePath("routing-" + SHEETS.incrementAndGet() + "." + type.name().toLowerCase()),
                ResourceType.DTABLE, config);
        assertThat(builder.hasErrors()).as("%s%n%s", builder.getErrors(), drl(sheet, type)).isFalse();
        return builder.newKieBase();
    }

    static String drl(byte[] sheet, DecisionTableInputType type) {
        try {
            return new SpreadsheetCompiler().compile(new ByteArrayInputStream(sheet),
                    type == DecisionTableInputType.CSV ? InputType.CSV : InputType.XLS);
        } catch (RuntimeException e) {
            return "(no DRL: " + e + ")";
        }
    }

    static RoutingDecision decide(KieBase kieBase, RoutingTable table, Map<String, Object> context) {
        SheetFact fact = new SheetFact(context);
        KieSession session = kieBase.newKieSession();
        try {
            session.insert(fact);
            session.fireAllRules();
        } finally {
            session.dispose();
        }
        return fact.rule() == null ? new RoutingDecision.DefaultMatched(table.defaultVariant())
                : new RoutingDecision.Matched(fact.variant(), fact.rule());
    }

    @Test
    void drools_compiles_the_exported_csv_and_xlsx_and_routes_as_junction_does() {
        Random random = new Random(11_22L);
        DroolsRouterCompiler compiler = new DroolsRouterCompiler();
        int decisions = 0, matched = 0;
        for (int t = 0; t < 8; t++) {
            Map<String, FieldType> types = new HashMap<>();
            String[] fields = {"f0", "f 1", "f2", "weird \"f\", $1"};
            for (String f : fields) types.put(f, FieldType.values()[random.nextInt(FieldType.values().length)]);
            RoutingSchema schema = new RoutingSchema(types);
            RoutingTable table = numbersAsNumbers(DroolsMatchesReferenceTest.randomTable(random, fields, schema), schema);
            if (table.rules().isEmpty()) continue;
            Grid grid = DecisionTableSheet.export(table, schema);
            Router router = compiler.compile("sheet@" + t, table, schema);
            for (DecisionTableInputType type : new DecisionTableInputType[] {DecisionTableInputType.CSV, DecisionTableInputType.XLS}) {
                byte[] bytes = type == DecisionTableInputType.CSV ? CsvSheet.write(grid) : XlsxSheet.write(grid);
                KieBase kieBase = compile(bytes, type);
                assertThat(kieBase.getKiePackage("junction.routing").getRules()).as("one rule per row %s", drl(bytes, type)).hasSize(table.rules().size());
                for (int c = 0; c < 100; c++) {
                    Map<String, Object> context = DroolsMatchesReferenceTest.randomContext(random, fields, schema, table);
                    RoutingDecision expected = router.route(context);
                    assertThat(decide(kieBase, table, context)).as("%s table %d%n%s%ncontext %s%n%s", type, t, table, context,
                            drl(bytes, type)).isEqualTo(expected);
                    decisions++;
                    if (expected instanceof RoutingDecision.Matched) matched++;
                }
            }
        }
        assertThat(matched).as("contexts reach rows, not only the default").isGreaterThan(decisions / 5);
    }

    /**
     * The random tables hold some number operands as JSON strings ("42"); Junction writes those quoted, to read them
     * back exactly, and a quoted first operand after a negative one ({@code -1, "42"}) gets the CSV formula guard,
     * which Drools would then read. This test is about tables with JSON-typed operands: such strings become numbers.
     */
    static RoutingTable numbersAsNumbers(RoutingTable table, RoutingSchema schema) {
        List<RoutingRule> rules = new ArrayList<>();
        for (RoutingRule r : table.rules()) {
            List<Condition> when = new ArrayList<>();
            for (Condition c : r.when()) {
                if (schema.typeOf(c.field()) != FieldType.NUMBER) {
                    when.add(c);
                } else {
                    when.add(new Condition(c.field(), c.op(), asNumber(c.value()),
                            c.values() == null ? null : c.values().stream().map(DecisionTableDroolsTest::asNumber).toList()));
                }
            }
            rules.add(new RoutingRule(r.id(), when, r.variant(), r.enabled(), r.description(), r.split(), r.stickyOn()));
        }
        return new RoutingTable(rules, table.defaultVariant());
    }

    private static Object asNumber(Object o) {
        return o instanceof String s ? Double.valueOf(s) : o;
    }

    @Test
    void the_every_operator_table_with_hostile_strings_compiles_in_drools() {
        RoutingTable table = DecisionTableSheetTest.everyOperator();
        Grid grid = DecisionTableSheet.export(table, DecisionTableSheetTest.SCHEMA);
        for (DecisionTableInputType type : new DecisionTableInputType[] {DecisionTableInputType.CSV, DecisionTableInputType.XLS}) {
            byte[] bytes = type == DecisionTableInputType.CSV ? CsvSheet.write(grid) : XlsxSheet.write(grid);
            KieBase kieBase = compile(bytes, type);
            assertThat(kieBase.getKiePackage("junction.routing").getRules()).hasSize(table.rules().size());
            long disabled = table.rules().stream().filter(r -> !r.enabled()).count();
            assertThat(disabled).isPositive();
        }
    }
}
