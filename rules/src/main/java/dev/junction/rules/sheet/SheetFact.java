package dev.junction.rules.sheet;

import dev.junction.engine.routing.ContextValues;
import dev.junction.engine.routing.FieldType;
import dev.junction.engine.routing.RoutingRule;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fact an exported routing sheet reasons over when it is compiled by Drools' own decision-table compiler
 * ({@code Import dev.junction.rules.sheet.SheetFact} in the sheet): the request context, read by field name as a
 * type, with the same reading as Junction's router ({@link ContextValues}), and the consequence that records the
 * first row to fire. Junction does not route through this class: its router compiles the imported table itself.
 * Not thread-safe: one per evaluation.
 */
public final class SheetFact {
    private final Map<String, Object> context;
    private String rule;
    private String variant;

    public SheetFact(Map<String, Object> context) {
        this.context = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(context));
    }

    public String str(String field) { return (String) ContextValues.read(FieldType.STRING, context.get(field)); }
    public Double num(String field) { return (Double) ContextValues.read(FieldType.NUMBER, context.get(field)); }
    public Boolean bool(String field) { return (Boolean) ContextValues.read(FieldType.BOOLEAN, context.get(field)); }
    @SuppressWarnings("unchecked")
    public Set<String> list(String field) { return (Set<String>) ContextValues.read(FieldType.LIST, context.get(field)); }
    public Long date(String field) { return (Long) ContextValues.read(FieldType.DATE, context.get(field)); }
    public boolean has(String field) { return context.get(field) != null; }

    /** An ISO-8601 date or date-time as epoch milliseconds (how date columns compare). */
    public Long millis(String iso) { return (Long) ContextValues.read(FieldType.DATE, iso); }

    /** The consequence of every row: {@code target} is the row's variant cell (a variant or a split). */
    public void route(String ruleName, String target) {
        if (rule != null) return; // the activation group lets one row fire; keep the first regardless
        TargetCell.Target t = TargetCell.read(SheetText.quote(target));
        rule = ruleName;
        variant = t.split() == null ? t.variant()
                : new RoutingRule(ruleName, List.of(), null, true, null, t.split(), t.stickyOn()).variantFor(context);
    }

    /** The rule (the row's NAME) that fired, or null when none did and the default variant applies. */
    public String rule() { return rule; }

    public String variant() { return variant; }
}
