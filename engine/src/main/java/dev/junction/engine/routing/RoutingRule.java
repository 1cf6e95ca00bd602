package dev.junction.engine.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A row of a routing table: when every condition holds, the request goes to {@code variant}.
 * Rows are tried in table order; the first that matches wins. A row is enabled unless it says otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoutingRule(String id, List<Condition> when, String variant, Boolean enabled, String description) {
    public RoutingRule {
        when = when == null ? List.of() : List.copyOf(when);
        enabled = enabled == null ? Boolean.TRUE : enabled;
    }

    public static RoutingRule of(String id, String variant, Condition... when) {
        return new RoutingRule(id, List.of(when), variant, true, null);
    }
}
