package dev.junction.engine.deployment;

import dev.junction.engine.catalog.CatalogModel;
import dev.junction.engine.catalog.ModelCatalog;
import dev.junction.engine.provider.Providers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a deployment spec and names every problem by its path: {@code variants[1].fallback.model: not an
 * activated model}. A spec that passes can be compiled and served. Here: the keys, the context schema, the variants
 * and their models and parameters; the routing table and the routing cases are {@link RoutingValidator}'s.
 */
public final class SpecValidator {
    public static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    public static final Pattern FOLDER = Pattern.compile("([A-Za-z0-9 _.-]{1,64}(/[A-Za-z0-9 _.-]{1,64})*)?");
    public static final int MAX_RETRIES = 10;
    /** The compiled rules give each context field of a deployment its own slot; this many. */
    public static final int MAX_CONTEXT_FIELDS = 64;

    private final Providers providers;
    private final ModelCatalog catalog;
    private final dev.junction.engine.guard.GuardEnv guards;

    public SpecValidator(Providers providers, ModelCatalog catalog) {
        this(providers, catalog, dev.junction.engine.guard.GuardEnv.NONE);
    }

    /** @param guards the judges and callout hosts guardrails may use */
    public SpecValidator(Providers providers, ModelCatalog catalog, dev.junction.engine.guard.GuardEnv guards) {
        this.providers = providers;
        this.catalog = catalog;
        this.guards = guards;
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
            Variant v = spec.variants().get(i);
            if (v != null) {
                GuardrailChecks.guardrails("variants[" + i + "].guardrails", v.guardrails(), spec, guards, errors);
                GuardrailChecks.evaluators("variants[" + i + "].evaluators", v.evaluators(), spec, guards, errors);
            }
        }
        if (spec.routing() != null) {
            for (int r = 0; r < spec.routing().rules().size(); r++) {
                var rule = spec.routing().rules().get(r);
                if (rule == null) continue;
                GuardrailChecks.guardrails("routing.rules[" + r + "].guardrails", rule.guardrails(), spec, guards, errors);
                GuardrailChecks.experiment("routing.rules[" + r + "].experiment", rule, errors);
            }
        }
        RoutingValidator.routing(spec, variantKeys, errors);
        RoutingValidator.cases(spec, variantKeys, errors);
        GuardrailChecks.cases(spec, errors);
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
        PromptChecks.messages(path + ".messages", v.messages(), errors);
        for (Map.Entry<String, String> d : v.variableDefaults().entrySet()) {
            if (d.getValue() == null) errors.add(new FieldError(path + ".variables." + d.getKey(), "a default must not be null"));
        }
        if (v.primary() == null) {
            errors.add(new FieldError(path + ".primary", "a variant needs a primary model"));
        } else {
            model(path + ".primary", v.primary(), errors);
        }
        if (v.fallback() != null) model(path + ".fallback", v.fallback(), errors);
        caching(path, v, errors);
    }

    private static void caching(String path, Variant v, List<FieldError> errors) {
        ResponseCacheSettings cache = v.cache();
        if (cache != null) {
            if (cache.ttlSeconds() != null && (cache.ttlSeconds() <= 0 || cache.ttlSeconds() > ResponseCacheSettings.MAX_TTL_SECONDS)) {
                errors.add(new FieldError(path + ".cache.ttlSeconds", "must be between 1 and "
                        + ResponseCacheSettings.MAX_TTL_SECONDS + " (a year)"));
            }
            if (cache.maxEntryBytes() != null && (cache.maxEntryBytes() <= 0 || cache.maxEntryBytes() > ResponseCacheSettings.MAX_ENTRY_BYTES)) {
                errors.add(new FieldError(path + ".cache.maxEntryBytes", "must be between 1 and " + ResponseCacheSettings.MAX_ENTRY_BYTES));
            }
        }
        PromptCachingSettings prompt = v.promptCaching();
        if (prompt != null && prompt.ttl() != null && !PromptCachingSettings.TTLS.contains(prompt.ttl())) {
            errors.add(new FieldError(path + ".promptCaching.ttl", "must be one of " + String.join(", ", PromptCachingSettings.TTLS)));
        }
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
        coherent(path + ".parameters", model.parameters(), errors);
    }

    /**
     * Every problem of a set of model parameters taken one by one, each under {@code path}: {@code path.temperature},
     * {@code path.tools[1].parameters.properties.x.type} (a tool's parameters and a {@code json_schema} response
     * format's schema are checked against the JSON Schema meta-schema), {@code path.toolChoice.mode}... Right for a
     * variant's parameters and for a request's overrides alike; {@link #coherent} adds the rules across parameters.
     */
    public static void parameters(String path, ModelParameters p, List<FieldError> errors) {
        range(path + ".temperature", p.temperature(), 0, 2, errors);
        range(path + ".topP", p.topP(), 0, 1, errors);
        range(path + ".presencePenalty", p.presencePenalty(), -2, 2, errors);
        range(path + ".frequencyPenalty", p.frequencyPenalty(), -2, 2, errors);
        if (p.maxTokens() != null && p.maxTokens() < 1) errors.add(new FieldError(path + ".maxTokens", "must be at least 1"));
        if (p.topK() != null && p.topK() < 1) errors.add(new FieldError(path + ".topK", "must be at least 1"));
        if (p.stop() != null && p.stop().size() > 4) errors.add(new FieldError(path + ".stop", "at most 4 stop sequences"));
        ParameterChecks.fields(path, p, errors);
    }

    /**
     * The rules across the parameters a model is called with, each under {@code path}: a forced tool
     * ({@code toolChoice} mode {@code function}) must be one of {@code tools}, {@code required} needs tools,
     * {@code parallelToolCalls} goes with tools, a {@code thinkingBudget} is below {@code maxTokens}. For a variant's
     * model its own parameters; for a request that overrides some, the merged set
     * ({@code config.parameters().overriddenBy(overrides)}).
     */
    public static void coherent(String path, ModelParameters p, List<FieldError> errors) {
        ParameterChecks.coherence(path, p, errors);
    }

    private static void range(String path, Double value, double min, double max, List<FieldError> errors) {
        if (value != null && (value < min || value > max)) {
            errors.add(new FieldError(path, "must be between " + fmt(min) + " and " + fmt(max)));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** A key of letters, digits, '-' and '_' that no earlier sibling uses; {@code seen} collects them. */
    static void uniqueKey(String path, String key, Set<String> seen, String what, List<FieldError> errors) {
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
