package dev.junction.rules;

import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.ConditionSemantics;
import dev.junction.engine.routing.FieldType;
import dev.junction.engine.routing.Operator;
import dev.junction.engine.routing.RoutingCompileException;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingSchema;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.routing.UserRegex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a routing table into DRL. Each enabled row becomes a rule in the activation group {@code routing}, with a
 * salience that falls with the row's position, so the first matching row in table order is the one that fires.
 * Fields become numbered slots of a fact class named {@code RouteFact}, the smallest that has a slot per field the
 * table reads ({@link SlotFact#sizeFor}: 8, 16, 32 or 64 slots; {@code s0 == "es"}); values are escaped literals
 * ({@link DrlLiterals}); nothing else a user typed reaches the DRL.
 * <p>Speed: the row's first string or number {@code equals} (or its first {@code in}) goes first in the pattern, so
 * Drools hashes it into its alpha network: a context only reaches the rows whose indexed value it has. A row
 * indexed on an {@code in} of up to {@value #MAX_EXPANDED_IN} values becomes one rule per value (same salience, same
 * row), each with a hashable equality.
 * <p>Each constraint is generated twice, as DRL text and as the {@link SlotConstraint} that evaluates it
 * ({@link Constraint}); {@link CompiledConstraints} installs the tests in the built network, and the property and fuzz
 * tests hold both the DRL alone and the tests to the plain-Java reference.
 */
final class DrlGenerator {
    static final String PACKAGE = "dev.junction.rules.generated";
    static final int MAX_EXPANDED_IN = 32;

    /**
     * The DRL text, the context field of each slot, the fact class ({@link SlotFact#sizeFor}) it matches, and for each
     * rule (by name) its constraints in order as {@link SlotConstraint}s.
     */
    record Generated(String drl, String[] fields, FieldType[] types, SlotFact.Size fact, Map<String, List<Constraint>> constraints,
                     Map<String, UserRegex> regexes) {}

    /** One DRL constraint and the same constraint in Java. */
    record Constraint(String drl, SlotConstraint inJava) {
        /** The getter the constraint reads first: {@code n3} of {@code n3 < 17.0}, {@code l2} of {@code (l2 contains "a" || ...)}. */
        String property() {
            return firstGetter(drl);
        }
    }

    /** A slot getter as DRL names it: {@code s3}, {@code n3}, ... */
    private static final Pattern GETTER = Pattern.compile("\\b[snbldpt]\\d+\\b");

    private DrlGenerator() {}

    /** The first slot getter a constraint expression names, written here or as Drools keeps it; null if none. */
    static String firstGetter(String expression) {
        Matcher m = GETTER.matcher(expression);
        return m.find() ? m.group() : null;
    }

    static Generated generate(RoutingTable table, RoutingSchema schema) {
        Map<String, Integer> slots = new LinkedHashMap<>();
        for (RoutingRule rule : table.rules()) {
            for (Condition c : rule.when()) slots.computeIfAbsent(c.field(), k -> slots.size());
        }
        if (slots.size() > SlotFact.SLOTS) {
            throw new RoutingCompileException("the rules read " + slots.size() + " context fields: at most " + SlotFact.SLOTS);
        }
        SlotFact.Size fact = SlotFact.sizeFor(slots.size());
        String[] fields = slots.keySet().toArray(String[]::new);
        FieldType[] types = new FieldType[fields.length];
        for (int i = 0; i < fields.length; i++) types[i] = schema.typeOf(fields[i]);

        List<RoutingRule> rules = table.rules();
        StringBuilder drl = new StringBuilder(256 + 200 * rules.size());
        drl.append("package ").append(PACKAGE).append(";\n\n");
        drl.append("import ").append(fact.type().getName()).append(";\n\n");
        // MVEL consequences: nothing for ECJ to compile (the consequence is one call), which halves the build time
        drl.append("dialect \"mvel\"\n\n");
        Map<String, List<Constraint>> tests = new LinkedHashMap<>();
        for (int row = 0; row < rules.size(); row++) {
            RoutingRule rule = rules.get(row);
            if (!rule.enabled()) continue;
            List<Condition> conditions = new ArrayList<>(rule.when());
            int index = indexCondition(conditions, schema);
            Condition first = index < 0 ? null : conditions.remove(index);
            List<Constraint> rest = new ArrayList<>();
            for (Condition c : conditions) rest.addAll(constraints(c, slots.get(c.field()), schema, "routing.rules[" + row + "]"));
            if (first != null && first.op() == Operator.IN && first.operands().size() <= MAX_EXPANDED_IN) {
                int slot = slots.get(first.field());
                Set<String> values = new LinkedHashSet<>();
                for (Object o : first.operands()) values.add((String) ConditionSemantics.lit(FieldType.STRING, o));
                int k = 0;
                for (String value : values) {
                    List<Constraint> constraints = new ArrayList<>();
                    constraints.add(new Slot(slot, FieldType.STRING).str("==", SlotConstraint.Kind.EQUALS, value));
                    constraints.addAll(rest);
                    rule(drl, tests, "row_" + row + "_" + k++, row, rules.size(), constraints);
                }
            } else {
                List<Constraint> constraints = new ArrayList<>();
                if (first != null) constraints.addAll(constraints(first, slots.get(first.field()), schema, "routing.rules[" + row + "]"));
                constraints.addAll(rest);
                rule(drl, tests, "row_" + row, row, rules.size(), constraints);
            }
        }
        Map<String, UserRegex> regexes = new HashMap<>();
        for (List<Constraint> constraints : tests.values()) {
            for (Constraint c : constraints) if (c.inJava().regex() != null) regexes.putIfAbsent(c.inJava().regex().pattern(), c.inJava().regex());
        }
        return new Generated(drl.toString(), fields, types, fact, tests, Map.copyOf(regexes));
    }

    /** The table row of a generated rule, from its name: {@code row_12} or {@code row_12_3}. */
    static int rowOf(String ruleName) {
        int end = ruleName.indexOf('_', 4);
        return Integer.parseInt(end < 0 ? ruleName.substring(4) : ruleName.substring(4, end));
    }

    /** The condition Drools should hash on: the first string/number equals, else the first string in; -1 if none. */
    private static int indexCondition(List<Condition> conditions, RoutingSchema schema) {
        for (int i = 0; i < conditions.size(); i++) {
            Condition c = conditions.get(i);
            FieldType t = schema.typeOf(c.field());
            if (c.op() == Operator.EQUALS && (t == FieldType.STRING || t == FieldType.NUMBER)) return i;
        }
        for (int i = 0; i < conditions.size(); i++) {
            if (conditions.get(i).op() == Operator.IN) return i;
        }
        return -1;
    }

    private static void rule(StringBuilder drl, Map<String, List<Constraint>> tests, String name, int row, int rows,
                             List<Constraint> constraints) {
        drl.append("rule \"").append(name).append("\"\n")
           .append("    salience ").append(rows - row).append('\n')
           .append("    activation-group \"routing\"\n")
           .append("when\n")
           .append("    $f : RouteFact( ").append(String.join(", ", constraints.stream().map(Constraint::drl).toList())).append(" )\n")
           .append("then\n")
           .append("    $f.choose(").append(row).append(");\n")
           .append("end\n\n");
        tests.put(name, List.copyOf(constraints));
    }

    /**
     * One condition as DRL constraints on its slot, each with its {@link SlotConstraint}; every operator but absent also
     * requires a value of the field's type.
     */
    static List<Constraint> constraints(Condition c, int slot, RoutingSchema schema, String path) {
        FieldType type = schema.typeOf(c.field());
        if (!c.op().appliesTo(type)) {
            throw new RoutingCompileException(path + ": '" + c.op().wireName() + "' does not apply to the " + type.wireName() + " field '" + c.field() + "'");
        }
        try {
            return new Slot(slot, type).constraints(c);
        } catch (IllegalArgumentException | ClassCastException | IndexOutOfBoundsException e) {
            throw new RoutingCompileException(path + ": condition on '" + c.field() + "' cannot be compiled: " + e.getMessage());
        }
    }

    /** The getters of one slot as DRL reads them: {@code s3}, {@code n3}, ... ({@code n} for numbers, {@code d} for dates). */
    private record Slot(int slot, FieldType type) {
        List<Constraint> constraints(Condition c) {
            List<Object> operands = c.operands();
            return switch (c.op()) {
                case EQUALS -> switch (type) {
                    case NUMBER, DATE -> List.of(num("==", SlotConstraint.Kind.NUM_EQ, c.value()));
                    case BOOLEAN -> List.of(bool("==", SlotConstraint.Kind.EQUALS, c.value()));
                    default -> List.of(str("==", SlotConstraint.Kind.EQUALS, c.value()));
                };
                case NOT_EQUALS -> switch (type) {
                    case NUMBER, DATE -> List.of(typed(), num("!=", SlotConstraint.Kind.NUM_NE, c.value()));
                    case BOOLEAN -> List.of(notNull("b"), bool("!=", SlotConstraint.Kind.NOT_EQUALS, c.value()));
                    default -> List.of(notNull("s"), str("!=", SlotConstraint.Kind.NOT_EQUALS, c.value()));
                };
                case IN -> List.of(new Constraint("s" + slot + " in (" + strs(operands) + ")", SlotConstraint.of(SlotConstraint.Kind.IN, slot, texts(operands))));
                // "s3 not in (a, b)" as the "s3 != a, s3 != b" Drools makes of it, so each is one alpha node with its test
                case NOT_IN -> {
                    List<Constraint> all = new ArrayList<>(List.of(notNull("s")));
                    for (String value : new LinkedHashSet<>(texts(operands))) all.add(str("!=", SlotConstraint.Kind.NOT_EQUALS, value));
                    yield all;
                }
                case CONTAINS -> List.of(notNull("s"), call("contains", SlotConstraint.Kind.CONTAINS, c.value()));
                // not "str[startsWith]": on Drools 10.2 it throws NoSuchMethodError once the constraint is JIT-compiled
                case STARTS_WITH -> List.of(notNull("s"), call("startsWith", SlotConstraint.Kind.STARTS_WITH, c.value()));
                // our regex(...), never Drools' "matches" (java.util.regex, which backtracks): RE2/J, compiled once
                case MATCHES -> List.of(notNull("s"), new Constraint("regex(s" + slot + ", " + DrlGenerator.str(c.value()) + ")",
                        SlotConstraint.of(SlotConstraint.Kind.MATCHES, slot, text(c.value()))));
                case LT, BEFORE -> List.of(typed(), num("<", SlotConstraint.Kind.NUM_LT, c.value()));
                case LTE -> List.of(typed(), num("<=", SlotConstraint.Kind.NUM_LE, c.value()));
                case GT, AFTER -> List.of(typed(), num(">", SlotConstraint.Kind.NUM_GT, c.value()));
                case GTE -> List.of(typed(), num(">=", SlotConstraint.Kind.NUM_GE, c.value()));
                case BETWEEN -> List.of(typed(), num(">=", SlotConstraint.Kind.NUM_GE, operands.get(0)), num("<=", SlotConstraint.Kind.NUM_LE, operands.get(1)));
                case IS -> List.of(bool("==", SlotConstraint.Kind.EQUALS, c.value()));
                case CONTAINS_ANY -> List.of(notNull("l"), new Constraint(
                        "(" + String.join(" || ", operands.stream().map(o -> "l" + slot + " contains " + DrlGenerator.str(o)).toList()) + ")",
                        SlotConstraint.of(SlotConstraint.Kind.LIST_CONTAINS_ANY, slot, texts(operands))));
                case CONTAINS_ALL -> {
                    List<Constraint> all = new ArrayList<>(List.of(notNull("l")));
                    for (Object o : operands) {
                        all.add(new Constraint("l" + slot + " contains " + DrlGenerator.str(o), SlotConstraint.of(SlotConstraint.Kind.LIST_CONTAINS, slot, text(o))));
                    }
                    yield all;
                }
                case PRESENT -> List.of(new Constraint("p" + slot + " == true", SlotConstraint.of(SlotConstraint.Kind.PRESENT, slot)));
                case ABSENT -> List.of(new Constraint("p" + slot + " == false", SlotConstraint.of(SlotConstraint.Kind.ABSENT, slot)));
            };
        }

        /** {@code t3 == true}: the number or date slot has a value (its getter is NaN without one). */
        private Constraint typed() {
            return new Constraint("t" + slot + " == true", SlotConstraint.of(SlotConstraint.Kind.TYPED, slot));
        }

        private Constraint notNull(String getter) {
            return new Constraint(getter + slot + " != null", SlotConstraint.of(SlotConstraint.Kind.TYPED, slot));
        }

        private Constraint str(String op, SlotConstraint.Kind kind, Object operand) {
            return new Constraint("s" + slot + " " + op + " " + DrlGenerator.str(operand), SlotConstraint.of(kind, slot, text(operand)));
        }

        private Constraint call(String method, SlotConstraint.Kind kind, Object operand) {
            return new Constraint("s" + slot + "." + method + "(" + DrlGenerator.str(operand) + ")", SlotConstraint.of(kind, slot, text(operand)));
        }

        private Constraint bool(String op, SlotConstraint.Kind kind, Object operand) {
            Object b = ConditionSemantics.lit(FieldType.BOOLEAN, operand);
            return new Constraint("b" + slot + " " + op + " " + b, SlotConstraint.of(kind, slot, b));
        }

        /** A number or date literal: both getters are primitive doubles (dates as epoch milliseconds, exact below 2^53). */
        private Constraint num(String op, SlotConstraint.Kind kind, Object operand) {
            Object v = ConditionSemantics.lit(type, operand);
            double d = v instanceof Long ms ? ms.doubleValue() : (Double) v;
            return new Constraint((type == FieldType.DATE ? "d" : "n") + slot + " " + op + " " + DrlLiterals.number(d), SlotConstraint.of(kind, slot, d));
        }

        private static String text(Object operand) {
            return (String) ConditionSemantics.lit(FieldType.STRING, operand);
        }

        private static List<String> texts(List<Object> operands) {
            return operands.stream().map(Slot::text).toList();
        }
    }

    private static String str(Object operand) {
        return literal((String) ConditionSemantics.lit(FieldType.STRING, operand));
    }

    private static String literal(String value) {
        return DrlLiterals.string(value);
    }

    private static String strs(List<Object> operands) {
        return String.join(", ", operands.stream().map(DrlGenerator::str).toList());
    }
}
