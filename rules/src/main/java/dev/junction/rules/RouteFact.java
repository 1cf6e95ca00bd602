package dev.junction.rules;

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

    /**
     * Context field {@code field} equals literal {@code literal}. Strings compare exactly; numbers and
     * booleans by their JSON text ({@code 2} equals "2", {@code true} equals "true"); absent, null, lists and
     * objects never equal a literal.
     */
    public boolean eq(int field, int literal) {
        Object value = values[field];
        if (value instanceof String s) return s.equals(literals[literal]);
        if (value instanceof Number || value instanceof Boolean) return value.toString().equals(literals[literal]);
        return false;
    }

    /** Called by the consequence of the first matching row (activation group + salience make it the first). */
    public void choose(int row) {
        chosenRow = row;
    }

    int chosenRow() {
        return chosenRow;
    }
}
