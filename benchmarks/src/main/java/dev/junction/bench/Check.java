package dev.junction.bench;

import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RoutingDecision;
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
