package dev.junction.bench;

import dev.junction.bench.BenchTable.Cond;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Encoding B's DRL: {@code PooledFact( gt(4, 7), in(0, 2) )}; user text lives only in the literal pool. */
final class PooledDrlGenerator {
    record Generated(String drl, Object[] literals) {}

    private PooledDrlGenerator() {}

    static Generated generate(BenchTable t) {
        List<Object> pool = new ArrayList<>();
        Map<Object, Integer> index = new HashMap<>();
        StringBuilder drl = new StringBuilder(256 + 200 * t.size());
        drl.append("package dev.junction.bench.pooled;\n\nimport ").append(PooledFact.class.getName()).append(";\n\n");
        for (int r = 0; r < t.size(); r++) {
            List<String> cs = new ArrayList<>();
            for (Cond c : t.rows().get(r).conds()) {
                int f = c.field();
                cs.add(switch (c.op()) {
                    case PRESENT -> "xPresent(" + f + ")";
                    case ABSENT -> "xAbsent(" + f + ")";
                    case BETWEEN -> "xBetween(" + f + ", " + lit(pool, index, c.a()) + ", " + lit(pool, index, c.b()) + ")";
                    default -> method(c.op()) + "(" + f + ", " + lit(pool, index, pooled(c)) + ")";
                });
            }
            Kie.ruleHeader(drl, r, t.size());
            drl.append("    $f : PooledFact( ").append(String.join(", ", cs)).append(" )\nthen\n    $f.choose(")
               .append(r).append(");\nend\n\n");
        }
        return new Generated(drl.toString(), pool.toArray());
    }

    private static Object pooled(Cond c) {
        return switch (c.op()) {
            case IN, NOT_IN -> Set.copyOf(java.util.Arrays.asList((String[]) c.a()));
            case MATCHES -> Pattern.compile((String) c.a());
            default -> c.a();
        };
    }

    private static int lit(List<Object> pool, Map<Object, Integer> index, Object value) {
        if (value instanceof Pattern) { pool.add(value); return pool.size() - 1; }
        return index.computeIfAbsent(value, k -> { pool.add(k); return pool.size() - 1; });
    }

    private static String method(BenchTable.Op op) {
        return switch (op) {
            case EQ -> "xEq"; case NE -> "xNe"; case IN -> "xIn"; case NOT_IN -> "xNotIn"; case CONTAINS -> "xContains";
            case STARTS_WITH -> "xStartsWith"; case MATCHES -> "xMatches"; case NUM_EQ -> "xNumEq"; case NUM_NE -> "xNumNe";
            case LT -> "xLt"; case LE -> "xLe"; case GT -> "xGt"; case GE -> "xGe"; case IS -> "xIs";
            default -> throw new IllegalArgumentException(op.name());
        };
    }
}
