package dev.junction.engine.routing;

import java.util.List;

/** A deployment's routing: ordered rules over the request context, and the variant for everything else. */
public record RoutingTable(List<RoutingRule> rules, String defaultVariant) {
    public RoutingTable {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    public static RoutingTable defaultOnly(String defaultVariant) {
        return new RoutingTable(List.of(), defaultVariant);
    }
}
