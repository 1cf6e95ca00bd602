package dev.junction.rules;

import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.ConditionSemantics;
import dev.junction.engine.routing.FieldType;
import dev.junction.engine.routing.Operator;
import dev.junction.engine.routing.RoutingCompileException;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingSchema;
import dev.junction.engine.routing.RoutingTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
 */
final class DrlGenerator {
    static final String PACKAGE = "dev.junction.rules.generated";
    static final int MAX_EXPANDED_IN = 32;

    /** The DRL text, the context field of each slot, and the fact class ({@link SlotFact#sizeFor}) it matches. */
    record Generated(String drl, String[] fields, FieldType[] types, SlotFact.Size fact) {}

    private DrlGenerator() {}

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
        for (int row = 0; row < rules.size(); row++) {
            RoutingRule rule = rules.get(row);
            if (!rule.enabled()) continue;
            List<Condition> conditions = new ArrayList<>(rule.when());
            int index = indexCondition(conditions, schema);
            Condition first = index < 0 ? null : conditions.remove(index);
            List<String> rest = new ArrayList<>();
            for (int c = 0; c < conditions.size(); c++) {
                rest.add(constraint(conditions.get(c), slots.get(conditions.get(c).field()), schema, "routing.rules[" + row + "]"));
            }
            if (first != null && first.op() == Operator.IN && first.operands().size() <= MAX_EXPANDED_IN) {
                int slot = slots.get(first.field());
                Set<String> values = new LinkedHashSet<>();
                for (Object o : first.operands()) values.add((String) ConditionSemantics.lit(FieldType.STRING, o));
                int k = 0;
                for (String value : values) {
                    List<String> constraints = new ArrayList<>();
                    constraints.add("s" + slot + " == " + literal(value));
                    constraints.addAll(rest);
                    rule(drl, "row_" + row + "_" + k++, row, rules.size(), constraints);
                }
            } else {
                List<String> constraints = new ArrayList<>();
                if (first != null) constraints.add(constraint(first, slots.get(first.field()), schema, "routing.rules[" + row + "]"));
                constraints.addAll(rest);
                rule(drl, "row_" + row, row, rules.size(), constraints);
            }
        }
        return new Generated(drl.toString(), fields, types, fact);
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

    private static void rule(StringBuilder drl, String name, int row, int rows, List<String> constraints) {
        drl.append("rule \"").append(name).append("\"\n")
           .append("    salience ").append(rows - row).append('\n')
           .append("    activation-group \"routing\"\n")
           .append("when\n")
           .append("    $f : RouteFact( ").append(String.join(", ", constraints)).append(" )\n")
           .append("then\n")
           .append("    $f.choose(").append(row).append(");\n")
           .append("end\n\n");
    }

    /** One condition as DRL constraints on its slot; every operator but absent also requires a value of the type. */
    static String constraint(Condition c, int slot, RoutingSchema schema, String path) {
        FieldType type = schema.typeOf(c.field());
        String s = "s" + slot, n = "n" + slot, b = "b" + slot, l = "l" + slot, d = "d" + slot, p = "p" + slot;
        if (!c.op().appliesTo(type)) {
            throw new RoutingCompileException(path + ": '" + c.op().wireName() + "' does not apply to the " + type.wireName() + " field '" + c.field() + "'");
        }
        try {
            return switch (c.op()) {
                case EQUALS -> switch (type) {
                    case NUMBER -> n + " == " + num(type, c.value());
                    case BOOLEAN -> b + " == " + ConditionSemantics.lit(type, c.value());
                    case DATE -> d + " == " + num(type, c.value());
                    default -> s + " == " + str(c.value());
                };
                case NOT_EQUALS -> switch (type) {
                    case NUMBER -> n + " != null, " + n + " != " + num(type, c.value());
                    case BOOLEAN -> b + " != null, " + b + " != " + ConditionSemantics.lit(type, c.value());
                    case DATE -> d + " != null, " + d + " != " + num(type, c.value());
                    default -> s + " != null, " + s + " != " + str(c.value());
                };
                case IN -> s + " in (" + strs(c.operands()) + ")";
                case NOT_IN -> s + " != null, " + s + " not in (" + strs(c.operands()) + ")";
                case CONTAINS -> s + " != null, " + s + ".contains(" + str(c.value()) + ")";
                // not "str[startsWith]": on Drools 10.2 it throws NoSuchMethodError once the constraint is JIT-compiled
                case STARTS_WITH -> s + " != null, " + s + ".startsWith(" + str(c.value()) + ")";
                case MATCHES -> s + " != null, " + s + " matches " + str(c.value());
                case LT -> n + " != null, " + n + " < " + num(type, c.value());
                case LTE -> n + " != null, " + n + " <= " + num(type, c.value());
                case GT -> n + " != null, " + n + " > " + num(type, c.value());
                case GTE -> n + " != null, " + n + " >= " + num(type, c.value());
                case BETWEEN -> type == FieldType.DATE
                        ? d + " != null, " + d + " >= " + num(type, c.operands().get(0)) + ", " + d + " <= " + num(type, c.operands().get(1))
                        : n + " != null, " + n + " >= " + num(type, c.operands().get(0)) + ", " + n + " <= " + num(type, c.operands().get(1));
                case IS -> b + " == " + ConditionSemantics.lit(FieldType.BOOLEAN, c.value());
                case CONTAINS_ANY -> l + " != null, (" + String.join(" || ", c.operands().stream().map(o -> l + " contains " + str(o)).toList()) + ")";
                case CONTAINS_ALL -> l + " != null, " + String.join(", ", c.operands().stream().map(o -> l + " contains " + str(o)).toList());
                case BEFORE -> d + " != null, " + d + " < " + num(type, c.value());
                case AFTER -> d + " != null, " + d + " > " + num(type, c.value());
                case PRESENT -> p + " == true";
                case ABSENT -> p + " == false";
            };
        } catch (IllegalArgumentException | ClassCastException | IndexOutOfBoundsException e) {
            throw new RoutingCompileException(path + ": condition on '" + c.field() + "' cannot be compiled: " + e.getMessage());
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

    private static String num(FieldType type, Object operand) {
        Object v = ConditionSemantics.lit(type, operand);
        return v instanceof Long ms ? DrlLiterals.date(ms) : DrlLiterals.number((Double) v);
    }
}
