package dev.junction.rules;

import java.util.List;
import java.util.Set;
import dev.junction.engine.routing.UserRegex;
import org.drools.base.base.ValueResolver;
import org.drools.base.reteoo.BaseTuple;
import org.drools.mvel.ConditionEvaluator;
import org.kie.api.runtime.rule.FactHandle;

/**
 * One constraint of the generated DRL ({@code s3 != "gold"}, {@code n2 < 17.0}, {@code l4 contains "vip"}) as plain
 * Java over the fact's slots: {@link DrlGenerator} makes one beside each constraint it writes, and
 * {@link CompiledConstraints} hands it to the constraint's alpha node in place of the evaluator Drools would generate.
 * <p>Why: Drools JIT-compiles each constraint to a class of its own, so a 200-row table becomes hundreds of tiny
 * classes, each too rarely called for HotSpot to finish compiling it for many seconds; the recompilations on the
 * routing thread were most of the routing tail latency (docs/benchmarks/routing.md). One class with a switch is
 * compiled once, for every table.
 * <p>Each kind means exactly what its DRL text means on the fact's getters, value {@code null} included (a string slot
 * that is {@code null} is not equal to {@code "gold"}); a number or date slot with no value is NaN to the getter and
 * fails every comparison here, where the DRL also guards it with {@code t3 == true}.
 */
final class SlotConstraint implements ConditionEvaluator {
    /** The DRL forms, each on one slot. */
    enum Kind {
        /** {@code s3 != null}, {@code b3 != null}, {@code l3 != null}, {@code t3 == true}: the slot has a value of its type. */
        TYPED,
        /** {@code p3 == true} / {@code p3 == false}: the context has the field, of any type. */
        PRESENT, ABSENT,
        /** {@code s3 == "x"}, {@code b3 == true}: equal to the literal. */
        EQUALS,
        /** {@code s3 != "x"}, {@code b3 != true}: not equal (true when the slot has no value). */
        NOT_EQUALS,
        /** {@code s3 in ("a", "b")}. */
        IN,
        /** {@code s3.contains("x")}, {@code s3.startsWith("x")}, {@code regex(s3, "x")} (RE2/J, compiled once here). */
        CONTAINS, STARTS_WITH, MATCHES,
        /** {@code n3 == 1.0}, {@code n3 != 1.0}, ...: a number slot, or a date slot as epoch milliseconds. */
        NUM_EQ, NUM_NE, NUM_LT, NUM_LE, NUM_GT, NUM_GE,
        /** {@code l3 contains "x"}; {@code l3 contains "a" || l3 contains "b"}. */
        LIST_CONTAINS, LIST_CONTAINS_ANY
    }

    private final Kind kind;
    private final int slot;
    private final Object literal;
    private final double number;
    private final String[] literals;
    private final Set<String> set;
    private final UserRegex regex;

    private SlotConstraint(Kind kind, int slot, Object literal, double number, List<String> literals) {
        this.kind = kind;
        this.slot = slot;
        this.literal = literal;
        this.number = number;
        this.literals = literals == null ? null : literals.toArray(String[]::new);
        this.set = literals == null ? null : Set.copyOf(literals);
        this.regex = kind == Kind.MATCHES ? UserRegex.of((String) literal) : null;
    }

    /** A constraint without a literal: {@link Kind#TYPED}, {@link Kind#PRESENT}, {@link Kind#ABSENT}. */
    static SlotConstraint of(Kind kind, int slot) {
        return new SlotConstraint(kind, slot, null, Double.NaN, null);
    }

    /** A constraint on a string or boolean literal. */
    static SlotConstraint of(Kind kind, int slot, Object literal) {
        return new SlotConstraint(kind, slot, literal, Double.NaN, null);
    }

    /** A constraint on a number (or epoch-millisecond) literal. */
    static SlotConstraint of(Kind kind, int slot, double number) {
        return new SlotConstraint(kind, slot, null, number, null);
    }

    /** A constraint on several string literals: {@link Kind#IN}, {@link Kind#LIST_CONTAINS_ANY}. */
    static SlotConstraint of(Kind kind, int slot, List<String> literals) {
        return new SlotConstraint(kind, slot, null, Double.NaN, literals);
    }

    @Override
    public boolean evaluate(FactHandle handle, ValueResolver valueResolver, BaseTuple tuple) {
        return holds((SlotFact) handle.getObject());
    }

    /** Whether the constraint holds on this fact, as its DRL text would. */
    boolean holds(SlotFact fact) {
        Object v = fact.v[slot];
        return switch (kind) {
            case TYPED -> v != null;
            case PRESENT -> (fact.present & (1L << slot)) != 0;
            case ABSENT -> (fact.present & (1L << slot)) == 0;
            case EQUALS -> literal.equals(v);
            case NOT_EQUALS -> !literal.equals(v);
            case IN -> v != null && set.contains(v);
            case CONTAINS -> v instanceof String s && s.contains((String) literal);
            case STARTS_WITH -> v instanceof String s && s.startsWith((String) literal);
            case MATCHES -> v instanceof String s && regex.matches(s);
            case NUM_EQ -> number(v) == number;
            case NUM_NE -> number(v) != number;
            case NUM_LT -> number(v) < number;
            case NUM_LE -> number(v) <= number;
            case NUM_GT -> number(v) > number;
            case NUM_GE -> number(v) >= number;
            case LIST_CONTAINS -> v instanceof Set<?> s && s.contains(literal);
            case LIST_CONTAINS_ANY -> v instanceof Set<?> s && containsAny(s);
        };
    }

    /** A number slot holds a Double, a date slot a Long of epoch milliseconds; no value is NaN, as the getters say. */
    private static double number(Object v) {
        return v instanceof Double d ? d : v instanceof Long ms ? ms : Double.NaN;
    }

    private boolean containsAny(Set<?> values) {
        for (String x : literals) if (values.contains(x)) return true;
        return false;
    }

    /** The compiled pattern of a {@link Kind#MATCHES} constraint, else null. */
    UserRegex regex() {
        return regex;
    }

    @Override
    public String toString() {
        return kind + " slot " + slot + (literal != null ? " " + literal : "") + (Double.isNaN(number) ? "" : " " + number)
                + (literals != null ? " " + List.of(literals) : "");
    }
}
