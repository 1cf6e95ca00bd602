package dev.junction.engine.routing;

import java.util.List;

/** A deployment's routing: ordered rules over the request context, and the variant for everything else. */
public record RoutingTable(List<RoutingRule> rules, String defaultVariant) {
    public RoutingTable {
        rules = rules == null ? List.of() : List.copyOf(rules);
    }

    /**
     * This table with each row's guardrails and experiment taken from the row of the same id in {@code before} (an
     * experiment only while the row is still a split): what a spreadsheet of the table cannot hold survives its import.
     */
    public RoutingTable keepingChecksOf(RoutingTable before) {
        if (before == null) return this;
        java.util.Map<String, RoutingRule> old = new java.util.HashMap<>();
        for (RoutingRule r : before.rules()) if (r != null && r.id() != null) old.put(r.id(), r);
        List<RoutingRule> kept = new java.util.ArrayList<>(rules.size());
        for (RoutingRule r : rules) {
            RoutingRule o = r == null || r.id() == null ? null : old.get(r.id());
            if (o == null || (r.guardrails().equals(o.guardrails()) && java.util.Objects.equals(r.experiment(), o.experiment()))) {
                kept.add(r);
                continue;
            }
            kept.add(new RoutingRule(r.id(), r.when(), r.variant(), r.enabled(), r.description(), r.split(), r.stickyOn(),
                    r.guardrails().isEmpty() ? o.guardrails() : r.guardrails(),
                    r.experiment() != null ? r.experiment() : r.isSplit() ? o.experiment() : null));
        }
        return new RoutingTable(kept, defaultVariant);
    }

    public static RoutingTable defaultOnly(String defaultVariant) {
        return new RoutingTable(List.of(), defaultVariant);
    }
}
