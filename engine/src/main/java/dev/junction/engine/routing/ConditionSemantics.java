package dev.junction.engine.routing;

/**
 * What a condition means, decided here once: the compiled Drools rules call these functions, and so does the
 * explanation of a decision, so the two can never disagree.
 */
public final class ConditionSemantics {
    private ConditionSemantics() {}

    /**
     * {@code equals}: strings compare exactly; numbers and booleans by their JSON text ({@code 2} equals "2",
     * {@code true} equals "true"); an absent field, null, a list or an object never equals a value.
     */
    public static boolean equalsValue(Object actual, String expected) {
        if (actual instanceof String s) return s.equals(expected);
        if (actual instanceof Number || actual instanceof Boolean) return actual.toString().equals(expected);
        return false;
    }

    public static boolean holds(Condition condition, Object actual) {
        return switch (condition.op()) {
            case EQUALS -> equalsValue(actual, condition.value());
        };
    }
}
