package dev.junction.engine.routing;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A row of a routing table: when every condition holds, the request goes to {@code variant}, or, for a split row,
 * to one of the {@code split} variants by their percentages, sticky on the context field {@code stickyOn}.
 * Rows are tried in table order; the first that matches wins. A row is enabled unless it says otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoutingRule(String id, List<Condition> when, String variant, Boolean enabled, String description,
                          List<SplitShare> split, String stickyOn,
                          @JsonInclude(JsonInclude.Include.NON_EMPTY) List<dev.junction.engine.deployment.GuardrailSpec> guardrails,
                          dev.junction.engine.deployment.ExperimentSpec experiment) {
    public RoutingRule {
        when = when == null ? List.of() : List.copyOf(when);
        enabled = enabled == null ? Boolean.TRUE : enabled;
        split = split == null || split.isEmpty() ? null : List.copyOf(split);
        guardrails = guardrails == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(guardrails));
    }

    public RoutingRule(String id, List<Condition> when, String variant, Boolean enabled, String description,
                       List<SplitShare> split, String stickyOn) {
        this(id, when, variant, enabled, description, split, stickyOn, null, null);
    }

    public RoutingRule(String id, List<Condition> when, String variant, Boolean enabled, String description) {
        this(id, when, variant, enabled, description, null, null);
    }

    public static RoutingRule of(String id, String variant, Condition... when) {
        return new RoutingRule(id, List.of(when), variant, true, null);
    }

    /** The same row sending all its traffic to {@code winner}: no split, no experiment (a promoted experiment). */
    public RoutingRule promoted(String winner) {
        return new RoutingRule(id, when, winner, enabled, description, null, null, guardrails, null);
    }

    @JsonIgnore // not a property of the row: derived from split
    public boolean isSplit() {
        return split != null;
    }

    /** The variant this row sends {@code context} to: its variant, or its split's choice. */
    public String variantFor(java.util.Map<String, Object> context) {
        return isSplit() ? Splits.choose(this, context) : variant;
    }
}
