package dev.junction.bench;

import static dev.junction.rules.DrlLiterals.number;
import static dev.junction.rules.DrlLiterals.string;

import dev.junction.bench.BenchTable.Cond;
import dev.junction.bench.BenchTable.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Encoding C/D's DRL: {@code TypedFact( s0 == "es", n4 != null, n4 > 100.0 )}, literals escaped. */
final class TypedDrlGenerator {
    private TypedDrlGenerator() {}

    static String generate(BenchTable t) {
        return generate(t, false);
    }

    /** expandIn: a row whose first condition is "in" becomes one rule per value ({@code s0 == "x"}), all hashable. */
    static String generate(BenchTable t, boolean expandIn) {
        StringBuilder drl = new StringBuilder(256 + 200 * t.size());
        drl.append("package dev.junction.bench.typed;\n\nimport ").append(TypedFact.class.getName()).append(";\n\n");
        for (int r = 0; r < t.size(); r++) {
            List<Cond> conds = t.rows().get(r).conds();
            if (expandIn && conds.get(0).op() == BenchTable.Op.IN) {
                String[] values = (String[]) conds.get(0).a();
                for (int v = 0; v < values.length; v++) {
                    List<String> cs = new ArrayList<>();
                    cs.add("s" + conds.get(0).field() + " == " + string(values[v]));
                    for (Cond c : conds.subList(1, conds.size())) cs.add(constraint(t.kinds()[c.field()], c));
                    drl.append("rule \"row_").append(r).append("_").append(v).append("\"\n    salience ").append(t.size() - r)
                       .append("\n    activation-group \"routing\"\nwhen\n");
                    drl.append("    $f : TypedFact( ").append(String.join(", ", cs)).append(" )\nthen\n    $f.choose(")
                       .append(r).append(");\nend\n\n");
                }
                continue;
            }
            List<String> cs = new ArrayList<>();
            for (Cond c : conds) cs.add(constraint(t.kinds()[c.field()], c));
            Kie.ruleHeader(drl, r, t.size());
            drl.append("    $f : TypedFact( ").append(String.join(", ", cs)).append(" )\nthen\n    $f.choose(")
               .append(r).append(");\nend\n\n");
        }
        return drl.toString();
    }

    static String constraint(Kind kind, Cond c) {
        int f = c.field();
        String s = "s" + f, n = "n" + f, b = "b" + f;
        return switch (c.op()) {
            case EQ -> s + " == " + string((String) c.a());
            case NE -> s + " != null, " + s + " != " + string((String) c.a());
            case IN -> s + " in (" + list(c) + ")";
            case NOT_IN -> s + " != null, " + s + " not in (" + list(c) + ")";
            case CONTAINS -> s + " != null, " + s + " contains " + string((String) c.a());
            // not "str[startsWith]": on Drools 10.2 it throws NoSuchMethodError (EvaluatorHelper.initOperators) once
            // the constraint is JIT-compiled, after about 20 evaluations
            case STARTS_WITH -> s + " != null, " + s + ".startsWith(" + string((String) c.a()) + ")";
            case MATCHES -> s + " != null, " + s + " matches " + string((String) c.a());
            case NUM_EQ -> n + " == " + number((Double) c.a());
            case NUM_NE -> n + " != null, " + n + " != " + number((Double) c.a());
            case LT -> n + " != null, " + n + " < " + number((Double) c.a());
            case LE -> n + " != null, " + n + " <= " + number((Double) c.a());
            case GT -> n + " != null, " + n + " > " + number((Double) c.a());
            case GE -> n + " != null, " + n + " >= " + number((Double) c.a());
            case BETWEEN -> n + " != null, " + n + " >= " + number((Double) c.a()) + ", " + n + " <= " + number((Double) c.b());
            case IS -> b + " == " + c.a();
            case PRESENT -> (kind == Kind.STRING ? s : kind == Kind.NUMBER ? n : b) + " != null";
            case ABSENT -> (kind == Kind.STRING ? s : kind == Kind.NUMBER ? n : b) + " == null";
        };
    }

    private static String list(Cond c) {
        return Arrays.stream((String[]) c.a()).map(dev.junction.rules.DrlLiterals::string).collect(Collectors.joining(", "));
    }
}
