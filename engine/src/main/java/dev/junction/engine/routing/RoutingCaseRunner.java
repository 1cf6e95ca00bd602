package dev.junction.engine.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;

/** Runs a deployment's routing cases (its routing tests) against a compiled router. */
public final class RoutingCaseRunner {
    private RoutingCaseRunner() {}

    /** The outcome of one case: what was expected, what the router did, and in words why it failed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Result(int index, String name, boolean passed, String expectVariant, String expectRule,
                         String actualVariant, String actualRule, String failure) {}

    public static List<Result> run(Router router, List<RoutingCase> cases) {
        List<Result> results = new ArrayList<>(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            RoutingCase t = cases.get(i);
            RoutingDecision d = router.route(t.context());
            String rule = d instanceof RoutingDecision.Matched m ? m.ruleId() : RoutingCase.DEFAULT_RULE;
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
        return RoutingCase.DEFAULT_RULE.equals(rule) ? "the default" : "rule '" + rule + "'";
    }
}
