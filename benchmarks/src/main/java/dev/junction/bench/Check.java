package dev.junction.bench;

import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.engine.routing.RoutingExplainer;
import java.util.List;
import java.util.Map;

/** Every encoding must decide exactly as the plain-Java reference. */
final class Check {
    private Check() {}

    static void sameAsReference(String encoding, BenchTable t, Router router, List<Map<String, Object>> contexts) {
        JavaRouter ref = new JavaRouter(t);
        int mismatches = 0;
        String first = null;
        for (Map<String, Object> ctx : contexts) {
            RoutingDecision want = ref.route(ctx), got = router.route(ctx);
            if (!want.equals(got)) {
                if (first == null) first = ctx + ": want " + want + ", got " + got;
                mismatches++;
            }
        }
        if (mismatches > 0) {
            throw new IllegalStateException(encoding + ": " + mismatches + "/" + contexts.size() + " differ, e.g. " + first);
        }
    }

    /**
     * Encoding P: the production router must decide exactly as the engine's reference
     * ({@link RoutingExplainer#decide}) on every context, variant and rule id alike.
     */
    static void sameAsEngine(String encoding, ProdTables.Prod p, Router router, List<Map<String, Object>> contexts) {
        int mismatches = 0;
        String first = null;
        for (Map<String, Object> ctx : contexts) {
            RoutingDecision want = RoutingExplainer.decide(p.table(), p.schema(), ctx), got = router.route(ctx);
            if (!want.equals(got)) {
                if (first == null) first = ctx + ": want " + want + ", got " + got;
                mismatches++;
            }
        }
        if (mismatches > 0) {
            throw new IllegalStateException(encoding + "/" + p.shape() + ": " + mismatches + "/" + contexts.size()
                    + " differ from RoutingExplainer.decide, e.g. " + first);
        }
    }

    /** The workload of a production table: mean first-match row, no-match count, split rows hit. */
    static String workload(ProdTables.Prod p, List<Map<String, Object>> contexts) {
        java.util.Map<String, Integer> rowOf = new java.util.HashMap<>();
        for (int r = 0; r < p.table().rules().size(); r++) rowOf.put(p.table().rules().get(r).id(), r);
        long sum = 0, none = 0, n = 0, split = 0;
        for (Map<String, Object> ctx : contexts) {
            RoutingDecision d = RoutingExplainer.decide(p.table(), p.schema(), ctx);
            if (d instanceof RoutingDecision.Matched m) {
                int row = rowOf.get(m.ruleId());
                sum += row;
                n++;
                if (p.table().rules().get(row).isSplit()) split++;
            } else {
                none++;
            }
        }
        return String.format("first-match row mean %.1f over %d matched (%d on split rows), %d no match",
                (double) sum / Math.max(1, n), n, split, none);
    }

    /** Mean and spread of the first matching row, to document the workload. */
    static String workload(BenchTable t, List<Map<String, Object>> contexts) {
        JavaRouter ref = new JavaRouter(t);
        long sum = 0, none = 0, n = 0;
        for (Map<String, Object> ctx : contexts) {
            RoutingDecision d = ref.route(ctx);
            if (d instanceof RoutingDecision.Matched m) { sum += Integer.parseInt(m.ruleId().substring(1)); n++; }
            else none++;
        }
        return String.format("first-match row mean %.1f over %d matched, %d no match", (double) sum / Math.max(1, n), n, none);
    }
}
