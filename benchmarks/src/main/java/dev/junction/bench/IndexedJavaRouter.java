package dev.junction.bench;

import dev.junction.bench.BenchTable.Cond;
import dev.junction.bench.BenchTable.Kind;
import dev.junction.bench.BenchTable.Op;
import dev.junction.bench.BenchTable.Row;
import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RoutingDecision;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Encoding E2: E plus a first-condition index. Each row's first equals / in condition is its key: a hash map per
 * field from literal to a bitset of rows. Rows without a key are always candidates. A decision ORs the bitsets of the
 * context's values and evaluates only candidate rows, in table order, with all their conditions (same semantics as E).
 */
public final class IndexedJavaRouter implements Router {
    private final String[] names;
    private final Kind[] kinds;
    private final Predicate<Object[]>[][] rows;
    private final RoutingDecision[] decisions;
    private final RoutingDecision fallback;
    private final long[] unkeyed;
    private final Map<String, long[]>[] index;
    private final int[] indexedFields;

    @SuppressWarnings("unchecked")
    public IndexedJavaRouter(BenchTable t) {
        names = t.fieldNames();
        kinds = t.kinds();
        List<Row> list = t.rows();
        int words = (list.size() + 63) >>> 6;
        rows = new Predicate[list.size()][];
        decisions = Kie.decisions(t);
        fallback = new RoutingDecision.DefaultMatched(t.defaultVariant());
        unkeyed = new long[words];
        index = new Map[names.length];
        for (int r = 0; r < list.size(); r++) {
            Row row = list.get(r);
            rows[r] = row.conds().stream().map(c -> JavaRouter.predicate(kinds[c.field()], c)).toArray(Predicate[]::new);
            Cond key = row.conds().stream().filter(c -> c.op() == Op.EQ || c.op() == Op.IN).findFirst().orElse(null);
            if (key == null) {
                unkeyed[r >>> 6] |= 1L << r;
                continue;
            }
            if (index[key.field()] == null) index[key.field()] = new HashMap<>();
            String[] literals = key.op() == Op.EQ ? new String[] {(String) key.a()} : (String[]) key.a();
            for (String lit : literals) {
                index[key.field()].computeIfAbsent(lit, k -> new long[words])[r >>> 6] |= 1L << r;
            }
        }
        indexedFields = java.util.stream.IntStream.range(0, names.length).filter(f -> index[f] != null).toArray();
    }

    @Override
    public RoutingDecision route(Map<String, Object> context) {
        Object[] v = JavaRouter.values(names, kinds, context);
        long[] candidates = unkeyed.clone();
        for (int f : indexedFields) {
            if (v[f] == null) continue;
            long[] bits = index[f].get(v[f]);
            if (bits != null) for (int w = 0; w < bits.length; w++) candidates[w] |= bits[w];
        }
        for (int w = 0; w < candidates.length; w++) {
            long bits = candidates[w];
            while (bits != 0) {
                int r = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (matches(rows[r], v)) return decisions[r];
            }
        }
        return fallback;
    }

    private static boolean matches(Predicate<Object[]>[] conds, Object[] v) {
        for (Predicate<Object[]> p : conds) if (!p.test(v)) return false;
        return true;
    }
}
