package dev.junction.engine.routing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Why a context routes where it does: for every row, in table order, which conditions held and which did not, and
 * for a condition that failed on its value rather than the comparison, why ({@code absent}, {@code expected a
 * number, got "abc"}). Plain Java over {@link ConditionSemantics}, the semantics the compiled rules are tested against.
 */
public final class RoutingExplainer {
    private RoutingExplainer() {}

    /** One condition of one row: the operand(s) it wants, the value the context had, whether it held and why not. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ConditionResult(String field, String op, Object value, List<Object> values, Object actual,
                                  boolean present, boolean held, String reason) {}

    /** One row: disabled rows are listed but never match; {@code matched} means every condition held. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RowResult(int row, String id, String variant, String description, boolean enabled, boolean matched,
                            List<ConditionResult> conditions, List<SplitShare> split, String stickyOn) {}

    public static List<RowResult> explain(RoutingTable table, RoutingSchema schema, Map<String, Object> context) {
        List<RowResult> rows = new ArrayList<>(table.rules().size());
        for (int i = 0; i < table.rules().size(); i++) {
            RoutingRule rule = table.rules().get(i);
            List<ConditionResult> conditions = new ArrayList<>(rule.when().size());
            boolean all = true;
            for (Condition c : rule.when()) {
                Object actual = context.get(c.field());
                FieldType type = schema.typeOf(c.field());
                boolean held = ConditionSemantics.holds(c, type, actual);
                all &= held;
                conditions.add(new ConditionResult(c.field(), c.op().wireName(), c.value(), c.values(), actual,
                        actual != null, held, held ? null : ConditionSemantics.reason(c, type, actual)));
            }
            boolean matched = rule.enabled() && all;
            // For a split row that matched, the variant is the one this context's sticky value lands on.
            String variant = rule.isSplit() && matched ? rule.variantFor(context) : rule.variant();
            rows.add(new RowResult(i, rule.id(), variant, rule.description(), rule.enabled(), matched, conditions,
                    rule.split(), rule.stickyOn()));
        }
        return rows;
    }

    /** The reference decision: the first enabled row, in table order, whose conditions all hold; else the default. */
    public static RoutingDecision decide(RoutingTable table, RoutingSchema schema, Map<String, Object> context) {
        for (RoutingRule rule : table.rules()) {
            if (!rule.enabled()) continue;
            boolean all = true;
            for (Condition c : rule.when()) {
                if (!ConditionSemantics.holds(c, schema.typeOf(c.field()), context.get(c.field()))) {
                    all = false;
                    break;
                }
            }
            if (all) return new RoutingDecision.Matched(rule.variantFor(context), rule.id());
        }
        return new RoutingDecision.DefaultMatched(table.defaultVariant());
    }
}
