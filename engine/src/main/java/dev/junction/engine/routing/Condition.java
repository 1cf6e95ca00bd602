package dev.junction.engine.routing;

import java.util.Objects;

/** One test on one context field, for example {@code language equals "es"}. */
public record Condition(String field, Operator op, String value) {
    public Condition {
        Objects.requireNonNull(field, "field");
        op = op == null ? Operator.EQUALS : op;
    }

    public static Condition equalsTo(String field, String value) {
        return new Condition(field, Operator.EQUALS, value);
    }
}
