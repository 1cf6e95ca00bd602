package dev.junction.engine.deployment;

import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.ContextValues;
import dev.junction.engine.routing.FieldType;
import dev.junction.engine.routing.Operator;
import dev.junction.engine.routing.RequestFields;
import dev.junction.engine.routing.RoutingCase;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.routing.SpendFields;
import dev.junction.engine.routing.SplitShare;
import dev.junction.engine.routing.UserRegex;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The routing part of {@link SpecValidator}: the routing table (rows, their conditions and operands, splits) and the
 * routing cases, each problem named by its path ({@code routing.rules[0].when[1].op: ...}, {@code tests[2].expectRule: ...}).
 */
final class RoutingValidator {
    static final int MAX_OPERANDS = 1000;
    static final int MAX_OPERAND_LENGTH = 1000;

    private RoutingValidator() {}

    /**
     * The table: a default variant, unique rule ids, rows that name a variant or a split, conditions that suit their
     * fields. Also refuses context fields named under {@code request.}, {@code spend.} or {@code budget.}: those names
     * are the request fields' and the spend fields' ({@link SpendFields}).
     */
    static void routing(DeploymentSpec spec, Set<String> variantKeys, List<FieldError> errors) {
        for (int i = 0; i < spec.contextSchema().size(); i++) {
            ContextField f = spec.contextSchema().get(i);
            if (f != null && RequestFields.reserved(f.name())) {
                errors.add(new FieldError("contextSchema[" + i + "].name", "'" + f.name() + "': names starting with '"
                        + RequestFields.PREFIX + "' are reserved for the fields Junction derives from the request ("
                        + RequestFields.names() + "), which need no declaring: rename this field"));
            } else if (f != null && SpendFields.reserved(f.name())) {
                errors.add(new FieldError("contextSchema[" + i + "].name", "'" + f.name() + "': names starting with '"
                        + SpendFields.SPEND_PREFIX + "' or '" + SpendFields.BUDGET_PREFIX + "' are reserved for the spend fields "
                        + "Junction derives from what is being spent (" + SpendFields.names() + "), which need no declaring: rename this field"));
            }
        }
        RoutingTable routing = spec.routing();
        if (routing == null) {
            errors.add(new FieldError("routing", "a deployment needs a routing table with a default variant"));
            return;
        }
        if (routing.defaultVariant() == null || !variantKeys.contains(routing.defaultVariant())) {
            errors.add(new FieldError("routing.defaultVariant", "must name one of the variants"));
        }
        Set<String> ruleIds = new HashSet<>();
        Set<String> conditionFields = new HashSet<>();
        routing.rules().forEach(r -> { if (r != null) r.when().forEach(c -> { if (c != null && c.field() != null) conditionFields.add(c.field()); }); });
        if (conditionFields.size() > SpecValidator.MAX_CONTEXT_FIELDS) {
            errors.add(new FieldError("routing.rules", "the rules read " + conditionFields.size() + " context fields: at most " + SpecValidator.MAX_CONTEXT_FIELDS));
        }
        for (int r = 0; r < routing.rules().size(); r++) {
            RoutingRule rule = routing.rules().get(r);
            String path = "routing.rules[" + r + "]";
            if (rule == null) {
                errors.add(new FieldError(path, "must not be null"));
                continue;
            }
            SpecValidator.uniqueKey(path + ".id", rule.id(), ruleIds, "rule", errors);
            if (rule.isSplit()) {
                split(path, rule, variantKeys, spec, errors);
            } else if (rule.variant() == null || !variantKeys.contains(rule.variant())) {
                errors.add(new FieldError(path + ".variant", "must name one of the variants (or give a split)"));
            }
            if (rule.when().isEmpty()) {
                errors.add(new FieldError(path + ".when", "a rule needs at least one condition"));
            }
            for (int c = 0; c < rule.when().size(); c++) {
                Condition cond = rule.when().get(c);
                String cp = path + ".when[" + c + "]";
                if (cond == null) {
                    errors.add(new FieldError(cp, "must not be null"));
                    continue;
                }
                if (cond.field() == null || cond.field().isBlank()) {
                    errors.add(new FieldError(cp + ".field", "must not be empty"));
                } else if (RequestFields.reserved(cond.field())) {
                    if (RequestFields.typeOf(cond.field()) == null) {
                        errors.add(new FieldError(cp + ".field", unknownRequestField(cond.field())));
                        continue;
                    }
                } else if (SpendFields.reserved(cond.field())) {
                    if (SpendFields.typeOf(cond.field()) == null) {
                        errors.add(new FieldError(cp + ".field", SpendFields.unknown(cond.field())));
                        continue;
                    }
                } else if (!spec.contextSchema().isEmpty() && spec.contextField(cond.field()).isEmpty()) {
                    errors.add(new FieldError(cp + ".field", "'" + cond.field() + "' is not in the context schema"));
                }
                if (cond.field() != null) operands(cp, cond, spec.routingSchema().typeOf(cond.field()), errors);
            }
        }
    }

    /** The operator suits the field's type, and the operands are there, of that type, and sensible. */
    private static void operands(String path, Condition cond, FieldType type, List<FieldError> errors) {
        Operator op = cond.op();
        if (!op.appliesTo(type)) {
            errors.add(new FieldError(path + ".op", "'" + op.wireName() + "' does not apply to the " + type.wireName()
                    + " field '" + cond.field() + "' (" + type.wireName() + " fields take " + Operator.wireNamesFor(type) + ")"));
            return;
        }
        switch (op.operand()) {
            case NONE -> {
                if (cond.value() != null || cond.values() != null) {
                    errors.add(new FieldError(path, "'" + op.wireName() + "' takes no value"));
                }
            }
            case ONE -> {
                if (cond.values() != null) errors.add(new FieldError(path + ".values", "'" + op.wireName() + "' takes one value: give value"));
                operand(path + ".value", cond.value(), op, type, errors);
            }
            case LIST, RANGE -> {
                if (cond.value() != null) errors.add(new FieldError(path + ".value", "'" + op.wireName() + "' takes values (a list): give values"));
                List<Object> values = cond.values();
                if (values == null || values.isEmpty()) {
                    errors.add(new FieldError(path + ".values", op.operand() == Operator.Operand.RANGE
                            ? "required: [low, high]" : "required: a non-empty list"));
                    return;
                }
                if (op.operand() == Operator.Operand.RANGE && values.size() != 2) {
                    errors.add(new FieldError(path + ".values", "'between' takes two values, [low, high]: got " + values.size()));
                    return;
                }
                if (values.size() > MAX_OPERANDS) {
                    errors.add(new FieldError(path + ".values", "at most " + MAX_OPERANDS + " values"));
                    return;
                }
                boolean ok = true;
                for (int i = 0; i < values.size(); i++) ok &= operand(path + ".values[" + i + "]", values.get(i), op, type, errors);
                if (ok && op.operand() == Operator.Operand.RANGE) {
                    Comparable<Object> low = comparable(type, values.get(0));
                    if (low.compareTo(ContextValues.read(type, values.get(1))) > 0) {
                        errors.add(new FieldError(path + ".values", "low (" + values.get(0) + ") is above high (" + values.get(1) + ")"));
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Comparable<Object> comparable(FieldType type, Object operand) {
        return (Comparable<Object>) ContextValues.read(type, operand);
    }

    /** One operand: a JSON scalar that reads as the field's type (list elements as text); true when it does. */
    private static boolean operand(String path, Object value, Operator op, FieldType type, List<FieldError> errors) {
        if (value == null) {
            errors.add(new FieldError(path, "required"));
            return false;
        }
        FieldType as = type == FieldType.LIST ? FieldType.STRING : type;
        if (!(value instanceof String || value instanceof Number || value instanceof Boolean) || ContextValues.read(as, value) == null) {
            errors.add(new FieldError(path, ContextValues.problem(as, value) + " for the " + type.wireName() + " field"));
            return false;
        }
        if (value instanceof String text) {
            if (text.indexOf('\u0000') >= 0) {
                errors.add(new FieldError(path, "must not contain the NUL character"));
                return false;
            }
            if (text.length() > MAX_OPERAND_LENGTH) {
                errors.add(new FieldError(path, "at most " + MAX_OPERAND_LENGTH + " characters"));
                return false;
            }
            if (op == Operator.MATCHES) {
                String refused = UserRegex.of(text).problem();
                if (refused != null) {
                    errors.add(new FieldError(path, refused));
                    return false;
                }
            }
        }
        return true;
    }

    private static void split(String path, RoutingRule rule, Set<String> variantKeys, DeploymentSpec spec,
                              List<FieldError> errors) {
        if (rule.variant() != null) {
            errors.add(new FieldError(path + ".variant", "a split row has no single variant: give either variant or split"));
        }
        int total = 0;
        Set<String> seen = new HashSet<>();
        for (int s = 0; s < rule.split().size(); s++) {
            SplitShare share = rule.split().get(s);
            String sp = path + ".split[" + s + "]";
            if (share == null) {
                errors.add(new FieldError(sp, "must not be null"));
                continue;
            }
            if (share.variant() == null || !variantKeys.contains(share.variant())) {
                errors.add(new FieldError(sp + ".variant", "must name one of the variants"));
            } else if (!seen.add(share.variant())) {
                errors.add(new FieldError(sp + ".variant", "'" + share.variant() + "' is in the split twice"));
            }
            if (share.percent() < 1 || share.percent() > 100) {
                errors.add(new FieldError(sp + ".percent", "must be 1 to 100"));
            }
            total += share.percent();
        }
        if (total != 100) errors.add(new FieldError(path + ".split", "the percentages add up to " + total + ", not 100"));
        if (rule.stickyOn() == null || rule.stickyOn().isBlank()) {
            errors.add(new FieldError(path + ".stickyOn", "required: the context field (a user id, say) that keeps a user on one variant"));
        } else if (RequestFields.reserved(rule.stickyOn())) {
            errors.add(new FieldError(path + ".stickyOn", "'" + rule.stickyOn() + "' is derived from each request and "
                    + "changes as a conversation goes on: stick on a context field that stays with the user"));
        } else if (SpendFields.reserved(rule.stickyOn())) {
            errors.add(new FieldError(path + ".stickyOn", "'" + rule.stickyOn() + "' is derived from what is being spent "
                    + "and changes with every answer: stick on a context field that stays with the user"));
        } else if (!spec.contextSchema().isEmpty() && spec.contextField(rule.stickyOn()).isEmpty()) {
            errors.add(new FieldError(path + ".stickyOn", "'" + rule.stickyOn() + "' is not in the context schema"));
        }
    }

    /** The routing cases (the spec's {@code tests}): each expects one of the variants, and a rule of the table if any. */
    static void cases(DeploymentSpec spec, Set<String> variantKeys, List<FieldError> errors) {
        Set<String> ruleIds = new HashSet<>();
        if (spec.routing() != null) spec.routing().rules().forEach(r -> { if (r != null) ruleIds.add(r.id()); });
        for (int i = 0; i < spec.tests().size(); i++) {
            RoutingCase t = spec.tests().get(i);
            String path = "tests[" + i + "]";
            if (t == null) {
                errors.add(new FieldError(path, "must not be null"));
                continue;
            }
            if (t.expectVariant() == null || !variantKeys.contains(t.expectVariant())) {
                errors.add(new FieldError(path + ".expectVariant", "must name one of the variants"));
            }
            if (t.expectRule() != null && !t.expectRule().equals(RoutingCase.DEFAULT_RULE) && !ruleIds.contains(t.expectRule())) {
                errors.add(new FieldError(path + ".expectRule", "must name a routing rule, or \"default\""));
            }
            t.context().forEach((name, value) -> requestValue(path + ".context." + name, name, value, errors));
        }
    }

    /** A request or spend field given in a routing case (pinned): one of them, of its type (or null: absent). */
    private static void requestValue(String path, String name, Object value, List<FieldError> errors) {
        boolean request = RequestFields.reserved(name);
        if (!request && !SpendFields.reserved(name)) return;
        FieldType type = request ? RequestFields.typeOf(name) : SpendFields.typeOf(name);
        if (type == null) {
            errors.add(new FieldError(path, request ? unknownRequestField(name) : SpendFields.unknown(name)));
        } else if (value != null && ContextValues.read(type, value) == null) {
            errors.add(new FieldError(path, ContextValues.problem(type, value) + " for the " + type.wireName()
                    + (request ? " request field" : " spend field")));
        }
    }

    private static String unknownRequestField(String name) {
        return "'" + name + "' is not a request field (names under '" + RequestFields.PREFIX + "' are reserved; the request fields are "
                + RequestFields.names() + ")";
    }
}
