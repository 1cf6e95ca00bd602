package dev.junction.engine.routing;

/** Which variant serves a request, and why. Logs say "Matched" (with the rule) or "Default Matched". */
public sealed interface RoutingDecision {

    String variant();

    /** The label the logs and the panel show. */
    String evaluation();

    record Matched(String variant, String ruleId) implements RoutingDecision {
        @Override
        public String evaluation() {
            return "Matched";
        }
    }

    record DefaultMatched(String variant) implements RoutingDecision {
        @Override
        public String evaluation() {
            return "Default Matched";
        }
    }
}
