package dev.junction.engine.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/** Runs a deployment's routing tests against a compiled router. */
public final class RoutingTestRunner {
    private RoutingTestRunner() {}

    /** The outcome of one test: what was expected, what the router did, and in words why it failed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(int index, String name, boolean passed, String expectVariant, String expectRule,
                         String actualVariant, String actualRule, String failure) {}

    public static List<Result> run(Router router, List<RoutingTest> tests) {
        List<Result> results = new ArrayList<>(tests.size());
        for (int i = 0; i < tests.size(); i++) {
            RoutingTest t = tests.get(i);
            RoutingDecision d = router.route(t.context());
            String rule = d instanceof RoutingDecision.Matched m ? m.ruleId() : RoutingTest.DEFAULT_RULE;
            String failure = null;
            if (!d.variant().equals(t.expectVariant())) {
                failure = "expected variant '" + t.expectVariant() + "', got '" + d.variant() + "' (" + via(rule) + ")";
            } else if (t.expectRule() != null && !t.expectRule().equals(rule)) {
                failure = "expected " + via(t.expectRule()) + ", got " + via(rule);
            }
            results.add(new Result(i, t.name(), failure == null, t.expectVariant(), t.expectRule(), d.variant(), rule, failure));
        }
        return results;
    }

    private static String via(String rule) {
        return RoutingTest.DEFAULT_RULE.equals(rule) ? "the default" : "rule '" + rule + "'";
    }
}
