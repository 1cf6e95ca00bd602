package dev.junction.engine.deployment;

import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a deployment spec and names every problem by its path: {@code variants[1].fallback.model}. */
public final class SpecValidator {
    public static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    public static final int MAX_RETRIES = 10;

    private final Providers providers;

    public SpecValidator(Providers providers) {
        this.providers = providers;
    }

    public List<FieldError> validate(DeploymentSpec spec) {
        List<FieldError> errors = new ArrayList<>();
        if (spec.key() == null || !KEY.matcher(spec.key()).matches()) {
            errors.add(new FieldError("key", "must be 1 to 128 letters, digits, '-' or '_'"));
        }
        if (spec.variants().isEmpty()) {
            errors.add(new FieldError("variants", "a deployment needs at least one variant"));
        }
        Set<String> variantKeys = new HashSet<>();
        for (int i = 0; i < spec.variants().size(); i++) {
            Variant v = spec.variants().get(i);
            String path = "variants[" + i + "]";
            uniqueKey(path + ".key", v.key(), variantKeys, "variant", errors);
            if (v.primary() == null) {
                errors.add(new FieldError(path + ".primary", "a variant needs a primary model"));
            } else {
                model(path + ".primary", v.primary(), errors);
            }
            if (v.fallback() != null) model(path + ".fallback", v.fallback(), errors);
            for (int m = 0; m < v.messages().size(); m++) {
                if (v.messages().get(m) == null) errors.add(new FieldError(path + ".messages[" + m + "]", "must not be null"));
            }
        }
        routing(spec.routing(), variantKeys, errors);
        return errors;
    }

    /** A key of letters, digits, '-' and '_' that no earlier sibling uses; {@code seen} collects them. */
    private static void uniqueKey(String path, String key, Set<String> seen, String what, List<FieldError> errors) {
        if (key == null || !KEY.matcher(key).matches()) {
            errors.add(new FieldError(path, "must be 1 to 128 letters, digits, '-' or '_'"));
        } else if (!seen.add(key)) {
            errors.add(new FieldError(path, "'" + key + "' is used by another " + what));
        }
    }

    /** @throws InvalidSpecException listing every problem */
    public void check(DeploymentSpec spec) {
        List<FieldError> errors = validate(spec);
        if (!errors.isEmpty()) throw new InvalidSpecException(errors);
    }

    private void model(String path, ModelConfig model, List<FieldError> errors) {
        Optional<ProviderAdapter> adapter = model.provider() == null ? Optional.empty() : providers.find(model.provider());
        if (adapter.isEmpty()) {
            errors.add(new FieldError(path + ".provider", "unknown provider connection '" + model.provider()
                    + "' (known: " + String.join(", ", providers.names()) + ")"));
        }
        if (model.model() == null || model.model().isBlank()) {
            errors.add(new FieldError(path + ".model", "must not be empty"));
        } else if (adapter.isPresent() && !adapter.get().supportsModel(model.model())) {
            errors.add(new FieldError(path + ".model", "provider '" + model.provider() + "' has no model '" + model.model() + "'"));
        }
        if (model.retries() < 0 || model.retries() > MAX_RETRIES) {
            errors.add(new FieldError(path + ".retries", "must be between 0 and " + MAX_RETRIES));
        }
    }

    private static void routing(RoutingTable routing, Set<String> variantKeys, List<FieldError> errors) {
        if (routing == null) {
            errors.add(new FieldError("routing", "a deployment needs a routing table with a default variant"));
            return;
        }
        if (routing.defaultVariant() == null || !variantKeys.contains(routing.defaultVariant())) {
            errors.add(new FieldError("routing.defaultVariant", "must name one of the variants"));
        }
        Set<String> ruleIds = new HashSet<>();
        for (int r = 0; r < routing.rules().size(); r++) {
            RoutingRule rule = routing.rules().get(r);
            String path = "routing.rules[" + r + "]";
            uniqueKey(path + ".id", rule.id(), ruleIds, "rule", errors);
            if (rule.variant() == null || !variantKeys.contains(rule.variant())) {
                errors.add(new FieldError(path + ".variant", "must name one of the variants"));
            }
            if (rule.when().isEmpty()) {
                errors.add(new FieldError(path + ".when", "a rule needs at least one condition"));
            }
            for (int c = 0; c < rule.when().size(); c++) {
                Condition cond = rule.when().get(c);
                if (cond.field() == null || cond.field().isBlank()) {
                    errors.add(new FieldError(path + ".when[" + c + "].field", "must not be empty"));
                }
                if (cond.value() == null) {
                    errors.add(new FieldError(path + ".when[" + c + "].value", "must not be null"));
                }
            }
        }
    }
}
