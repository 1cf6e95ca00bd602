package dev.junction.bench;

import dev.junction.bench.BenchTable.Cond;
import dev.junction.bench.BenchTable.Kind;
import dev.junction.bench.BenchTable.Op;
import dev.junction.bench.BenchTable.Row;
import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.rules.DrlLiterals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hostile literals through encodings C and D (escaped DRL literals): each must compile, match exactly itself,
 * and not match near-misses. Run: java -cp benchmarks.jar dev.junction.bench.EscapeCheck  (exit 1 on failure)
 */
public final class EscapeCheck {
    static final String[] HOSTILE = {
        "say \"hi\"", "back\\slash", "trailing\\", "line\nbreak", "cr\rtab\t", "\"; System.exit(1); \"",
        "\" ) \nthen\n System.exit(1); end rule \"x", "ünïcødé 中文 🚀", "${user.home}", "${", "#{x}", "@{x}", "eval(1+1)",
        "'single'", "\\u0022", "\\\"", "a$b", "// comment", "/* c */", "\u0001soh", "\u001fus", "\u007fdel", "\u00a0nbsp", "\uFEFFbom", "\u2028sep", "", " ", "end"};

    public static void main(String[] args) {
        int failures = 0;
        for (String enc : new String[] {"C", "D"}) {
            for (Op op : new Op[] {Op.EQ, Op.IN, Op.STARTS_WITH, Op.CONTAINS, Op.NE}) {
                failures += check(enc, op);
            }
            failures += checkRegex(enc);
        }
        try {
            DrlLiterals.string("nul\u0000");
            System.out.println("FAIL U+0000 accepted");
            failures++;
        } catch (IllegalArgumentException expected) {
            System.out.println("ok: U+0000 refused (" + expected.getMessage() + ")");
        }
        System.out.println(failures == 0 ? "ESCAPE CHECK OK" : "ESCAPE CHECK FAILURES: " + failures);
        if (failures > 0) System.exit(1);
    }

    static int check(String enc, Op op) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < HOSTILE.length; i++) {
            Object a = op == Op.IN ? new String[] {HOSTILE[i], "zz"} : HOSTILE[i];
            // second condition pins the row so only this row can match
            rows.add(new Row("r" + i, "v" + i, List.of(new Cond(0, op, a, null), new Cond(1, Op.EQ, "k" + i, null))));
        }
        BenchTable t = new BenchTable(new String[] {"x", "k"}, new Kind[] {Kind.STRING, Kind.STRING}, rows, "default");
        Router router;
        try {
            router = Encodings.compile(enc, t);
        } catch (RuntimeException e) {
            System.out.println("FAIL " + enc + " " + op + " does not compile: " + e.getMessage());
            return 1;
        }
        JavaRouter ref = new JavaRouter(t);
        int failures = 0;
        for (int i = 0; i < HOSTILE.length; i++) {
            String h = HOSTILE[i];
            for (String probe : new String[] {h, h + "x", "x" + h, h.isEmpty() ? "q" : h.substring(1), "zz", "other"}) {
                Map<String, Object> ctx = Map.of("x", probe, "k", "k" + i);
                RoutingDecision want = ref.route(ctx), got;
                try {
                    got = router.route(ctx);
                } catch (RuntimeException | LinkageError e) {
                    System.out.println("FAIL " + enc + " " + op + " throws " + e);
                    return failures + 1;
                }
                if (!want.equals(got)) {
                    failures++;
                    System.out.println("FAIL " + enc + " " + op + " literal " + show(h) + " probe " + show(probe) + ": want " + want + " got " + got);
                }
            }
            if (op == Op.EQ && !(ref.route(Map.of("x", h, "k", "k" + i)) instanceof RoutingDecision.Matched)) {
                throw new AssertionError("reference does not match its own literal");
            }
        }
        return failures;
    }

    static int checkRegex(String enc) {
        String[][] cases = {{"\\d+", "123", "12a"}, {"a\\.b", "a.b", "axb"}, {"\"q\"\\s", "\"q\" ", "\"q\"x"}, {"\\$\\{x\\}", "${x}", "$x"},
            {"\\\\", "\\", "\\\\"}};
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < cases.length; i++) {
            rows.add(new Row("r" + i, "v" + i, List.of(new Cond(0, Op.MATCHES, cases[i][0], null), new Cond(1, Op.EQ, "k" + i, null))));
        }
        BenchTable t = new BenchTable(new String[] {"x", "k"}, new Kind[] {Kind.STRING, Kind.STRING}, rows, "default");
        Router router;
        try {
            router = Encodings.compile(enc, t);
        } catch (RuntimeException e) {
            System.out.println("FAIL " + enc + " MATCHES does not compile: " + e.getMessage());
            return 1;
        }
        JavaRouter ref = new JavaRouter(t);
        int failures = 0;
        for (int i = 0; i < cases.length; i++) {
            for (int p = 1; p <= 2; p++) {
                Map<String, Object> ctx = Map.of("x", cases[i][p], "k", "k" + i);
                RoutingDecision want = ref.route(ctx), got = router.route(ctx);
                if (!want.equals(got)) {
                    failures++;
                    System.out.println("FAIL " + enc + " MATCHES " + show(cases[i][0]) + " probe " + show(cases[i][p]) + ": want " + want + " got " + got);
                }
            }
        }
        return failures;
    }

    static String show(String s) {
        StringBuilder b = new StringBuilder("«");
        for (char c : s.toCharArray()) b.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        return b.append('»').toString();
    }
}
