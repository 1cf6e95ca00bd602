package dev.junction.engine.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Why a context routes where it does: for every row, in table order, which conditions held and which did not.
 * Plain Java over {@link ConditionSemantics}, the same functions the compiled rules call.
 */
public final class RoutingExplainer {
    private RoutingExplainer() {}

    /** One condition of one row: the value it wants, the value the context had, and whether it held. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConditionResult(String field, String op, String value, Object actual, boolean present, boolean held) {}

    /** One row: disabled rows are listed but never match; {@code matched} means every condition held. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RowResult(int row, String id, String variant, String description, boolean enabled, boolean matched,
                            List<ConditionResult> conditions, List<SplitShare> split, String stickyOn) {}

    public static List<RowResult> explain(RoutingTable table, Map<String, Object> context) {
        List<RowResult> rows = new ArrayList<>(table.rules().size());
        for (int i = 0; i < table.rules().size(); i++) {
            RoutingRule rule = table.rules().get(i);
            List<ConditionResult> conditions = new ArrayList<>(rule.when().size());
            boolean all = true;
            for (Condition c : rule.when()) {
                Object actual = context.get(c.field());
                boolean held = ConditionSemantics.holds(c, actual);
                all &= held;
                conditions.add(new ConditionResult(c.field(), c.op().wireName(), c.value(), actual, context.containsKey(c.field()), held));
            }
            boolean matched = rule.enabled() && all;
            // For a split row that matched, the variant is the one this context's sticky value lands on.
            String variant = rule.isSplit() && matched ? rule.variantFor(context) : rule.variant();
            rows.add(new RowResult(i, rule.id(), variant, rule.description(), rule.enabled(), matched, conditions,
                    rule.split(), rule.stickyOn()));
        }
        return rows;
    }
}
