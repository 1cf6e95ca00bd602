package dev.junction.rules;

import dev.junction.engine.routing.ConditionSemantics;

/**
 * The fact a routing KieBase reasons over: the request's context values, laid out by field index, and
 * the table's literals. Generated DRL refers to both by number only, so nothing a user typed is ever DRL
 * code. Not thread-safe: one per evaluation.
 */
public final class RouteFact {
    private final Object[] values;
    private final String[] literals;
    private int chosenRow = -1;

    RouteFact(Object[] values, String[] literals) {
        this.values = values;
        this.literals = literals;
    }

    /** Context field {@code field} equals literal {@code literal}, as {@link ConditionSemantics#equalsValue} says. */
    public boolean eq(int field, int literal) {
        return ConditionSemantics.equalsValue(values[field], literals[literal]);
    }

    /** Called by the consequence of the first matching row (activation group + salience make it the first). */
    public void choose(int row) {
        chosenRow = row;
    }

    int chosenRow() {
        return chosenRow;
    }
}
