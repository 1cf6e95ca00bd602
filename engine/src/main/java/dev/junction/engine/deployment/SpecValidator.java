package dev.junction.engine.deployment;

import dev.junction.engine.catalog.CatalogModel;
import dev.junction.engine.catalog.ModelCatalog;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.ContextValues;
import dev.junction.engine.routing.FieldType;
import dev.junction.engine.routing.Operator;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.routing.RoutingTest;
import dev.junction.engine.routing.SplitShare;
import dev.junction.engine.routing.UserRegex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a deployment spec and names every problem by its path: {@code variants[1].fallback.model: not an
 * activated model}. A spec that passes can be compiled and served.
 */
public final class SpecValidator {
    public static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    private static final Pattern FOLDER = Pattern.compile("([A-Za-z0-9 _.-]{1,64}(/[A-Za-z0-9 _.-]{1,64})*)?");
    public static final int MAX_RETRIES = 10;
    /** The compiled rules give each context field of a deployment its own slot; this many. */
    public static final int MAX_CONTEXT_FIELDS = 64;
    static final int MAX_OPERANDS = 1000;
    static final int MAX_OPERAND_LENGTH = 1000;

    private final Providers providers;
    private final ModelCatalog catalog;

    public SpecValidator(Providers providers, ModelCatalog catalog) {
        this.providers = providers;
        this.catalog = catalog;
    }

    public List<FieldError> validate(DeploymentSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        if (spec.key() == null || !KEY.matcher(spec.key()).matches()) {
            errors.add(new FieldError("key", "must be 1 to 128 letters, digits, '-' or '_'"));
        }
        if (!KEY.matcher(spec.project()).matches()) {
            errors.add(new FieldError("project", "must be 1 to 128 letters, digits, '-' or '_'"));
        }
        if (!FOLDER.matcher(spec.folder()).matches()) {
            errors.add(new FieldError("folder", "must be a path of names (letters, digits, space, '_', '-', '.') separated by '/'"));
        }
        Set<String> fields = new HashSet<>();
        for (int i = 0; i < spec.contextSchema().size(); i++) {
            ContextField f = spec.contextSchema().get(i);
            String path = "contextSchema[" + i + "]";
            if (f == null) {
                errors.add(new FieldError(path, "must not be null"));
                continue;
            }
            uniqueName(path + ".name", f.name(), fields, "context field", errors);
            if (f.type() == null) errors.add(new FieldError(path + ".type", "required: string, number, boolean, list or date"));
        }
        if (spec.contextSchema().size() > MAX_CONTEXT_FIELDS) {
            errors.add(new FieldError("contextSchema", "at most " + MAX_CONTEXT_FIELDS + " fields"));
        }
        if (spec.variants().isEmpty()) {
            errors.add(new FieldError("variants", "a deployment needs at least one variant"));
        }
        Set<String> variantKeys = new HashSet<>();
        for (int i = 0; i < spec.variants().size(); i++) {
            variant("variants[" + i + "]", spec.variants().get(i), variantKeys, errors);
        }
        routing(spec, variantKeys, errors);
        tests(spec, variantKeys, errors);
        return errors;
    }

    /** @throws InvalidSpecException listing every problem */
    public void check(DeploymentSpec spec) {
        List<FieldError> errors = validate(spec);
        if (!errors.isEmpty()) throw new InvalidSpecException(errors);
    }

    private void variant(String path, Variant v, Set<String> variantKeys, List<FieldError> errors) {
        if (v == null) {
            errors.add(new FieldError(path, "must not be null"));
            return;
        }
        uniqueKey(path + ".key", v.key(), variantKeys, "variant", errors);
        for (int m = 0; m < v.messages().size(); m++) {
            if (v.messages().get(m) == null) errors.add(new FieldError(path + ".messages[" + m + "]", "must not be null"));
        }
        for (Map.Entry<String, String> d : v.variableDefaults().entrySet()) {
            if (d.getValue() == null) errors.add(new FieldError(path + ".variables." + d.getKey(), "a default must not be null"));
        }
        if (v.primary() == null) {
            errors.add(new FieldError(path + ".primary", "a variant needs a primary model"));
        } else {
            model(path + ".primary", v.primary(), errors);
        }
        if (v.fallback() != null) model(path + ".fallback", v.fallback(), errors);
    }

    private void model(String path, ModelConfig model, List<FieldError> errors) {
        if (model.provider() == null || providers.find(model.provider()).isEmpty()) {
            errors.add(new FieldError(path + ".provider", "no provider connection '" + model.provider()
                    + "' (connected: " + String.join(", ", providers.names()) + ")"));
        }
        if (model.model() == null || model.model().isBlank()) {
            errors.add(new FieldError(path + ".model", "must not be empty"));
        } else if (model.provider() != null) {
            Optional<CatalogModel> entry = catalog.find(model.provider(), model.model());
            if (entry.isEmpty()) {
                errors.add(new FieldError(path + ".model", "'" + model.model() + "' is not in the model garden of '" + model.provider() + "'"));
            } else if (!entry.get().active()) {
                errors.add(new FieldError(path + ".model", "not an activated model"));
            } else {
                Integer maxTokens = model.parameters().maxTokens();
                if (maxTokens != null && maxTokens > entry.get().maxOutputTokens()) {
                    errors.add(new FieldError(path + ".parameters.maxTokens",
                            "at most " + entry.get().maxOutputTokens() + " for " + model.label()));
                }
            }
        }
        if (model.retries() < 0 || model.retries() > MAX_RETRIES) {
            errors.add(new FieldError(path + ".retries", "must be between 0 and " + MAX_RETRIES));
        }
        if (model.retryOn() != null) {
            for (int r = 0; r < model.retryOn().size(); r++) {
                if (!ModelConfig.RETRYABLE.contains(model.retryOn().get(r))) {
                    errors.add(new FieldError(path + ".retryOn[" + r + "]", "must be one of " + String.join(", ", ModelConfig.RETRYABLE)));
                }
            }
        }
        parameters(path + ".parameters", model.parameters(), errors);
    }

    /** Every problem of a set of model parameters, each under {@code path}: {@code path.temperature}... */
    public static void parameters(String path, ModelParameters p, List<FieldError> errors) {
        range(path + ".temperature", p.temperature(), 0, 2, errors);
        range(path + ".topP", p.topP(), 0, 1, errors);
        range(path + ".presencePenalty", p.presencePenalty(), -2, 2, errors);
        range(path + ".frequencyPenalty", p.frequencyPenalty(), -2, 2, errors);
        if (p.maxTokens() != null && p.maxTokens() < 1) errors.add(new FieldError(path + ".maxTokens", "must be at least 1"));
        if (p.topK() != null && p.topK() < 1) errors.add(new FieldError(path + ".topK", "must be at least 1"));
        if (p.stop() != null && p.stop().size() > 4) errors.add(new FieldError(path + ".stop", "at most 4 stop sequences"));
        if (p.responseFormat() != null) {
            Object type = p.responseFormat().get("type");
            if (!List.of("text", "json_object", "json_schema").contains(type)) {
                errors.add(new FieldError(path + ".responseFormat.type", "must be text, json_object or json_schema"));
            } else if ("json_schema".equals(type) && !(p.responseFormat().get("json_schema") instanceof Map)) {
                errors.add(new FieldError(path + ".responseFormat.json_schema", "required with type json_schema"));
            }
        }
        if (p.tools() != null) {
            Set<String> names = new HashSet<>();
            for (int t = 0; t < p.tools().size(); t++) {
                ToolSpec tool = p.tools().get(t);
                String tp = path + ".tools[" + t + "]";
                if (tool == null) {
                    errors.add(new FieldError(tp, "must not be null"));
                    continue;
                }
                uniqueKey(tp + ".name", tool.name(), names, "tool", errors);
                if (tool.parameters() != null && !"object".equals(tool.parameters().get("type"))) {
                    errors.add(new FieldError(tp + ".parameters.type", "must be \"object\" (a JSON schema)"));
                }
            }
        }
    }

    private static void range(String path, Double value, double min, double max, List<FieldError> errors) {
        if (value != null && (value < min || value > max)) {
            errors.add(new FieldError(path, "must be between " + fmt(min) + " and " + fmt(max)));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static void routing(DeploymentSpec spec, Set<String> variantKeys, List<FieldError> errors) {
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
        if (conditionFields.size() > MAX_CONTEXT_FIELDS) {
            errors.add(new FieldError("routing.rules", "the rules read " + conditionFields.size() + " context fields: at most " + MAX_CONTEXT_FIELDS));
        }
        for (int r = 0; r < routing.rules().size(); r++) {
            RoutingRule rule = routing.rules().get(r);
            String path = "routing.rules[" + r + "]";
            if (rule == null) {
                errors.add(new FieldError(path, "must not be null"));
                continue;
            }
            uniqueKey(path + ".id", rule.id(), ruleIds, "rule", errors);
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
        } else if (!spec.contextSchema().isEmpty() && spec.contextField(rule.stickyOn()).isEmpty()) {
            errors.add(new FieldError(path + ".stickyOn", "'" + rule.stickyOn() + "' is not in the context schema"));
        }
    }

    private static void tests(DeploymentSpec spec, Set<String> variantKeys, List<FieldError> errors) {
        Set<String> ruleIds = new HashSet<>();
        if (spec.routing() != null) spec.routing().rules().forEach(r -> { if (r != null) ruleIds.add(r.id()); });
        for (int i = 0; i < spec.tests().size(); i++) {
            RoutingTest t = spec.tests().get(i);
            String path = "tests[" + i + "]";
            if (t == null) {
                errors.add(new FieldError(path, "must not be null"));
                continue;
            }
            if (t.expectVariant() == null || !variantKeys.contains(t.expectVariant())) {
                errors.add(new FieldError(path + ".expectVariant", "must name one of the variants"));
            }
            if (t.expectRule() != null && !t.expectRule().equals(RoutingTest.DEFAULT_RULE) && !ruleIds.contains(t.expectRule())) {
                errors.add(new FieldError(path + ".expectRule", "must name a routing rule, or \"default\""));
            }
        }
    }

    /** A key of letters, digits, '-' and '_' that no earlier sibling uses; {@code seen} collects them. */
    private static void uniqueKey(String path, String key, Set<String> seen, String what, List<FieldError> errors) {
        if (key == null || !KEY.matcher(key).matches()) {
            errors.add(new FieldError(path, "must be 1 to 128 letters, digits, '-' or '_'"));
        } else if (!seen.add(key)) {
            errors.add(new FieldError(path, "'" + key + "' is used by another " + what));
        }
    }

    /** A non-empty name that no earlier sibling uses. */
    private static void uniqueName(String path, String name, Set<String> seen, String what, List<FieldError> errors) {
        if (name == null || name.isBlank()) {
            errors.add(new FieldError(path, "must not be empty"));
        } else if (!seen.add(name)) {
            errors.add(new FieldError(path, "'" + name + "' is used by another " + what));
        }
    }
}
