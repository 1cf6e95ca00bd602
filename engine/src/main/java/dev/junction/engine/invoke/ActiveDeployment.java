package dev.junction.engine.invoke;

import dev.junction.engine.eval.Evaluator;
import dev.junction.engine.guard.GuardEnv;
import dev.junction.engine.guard.Guardrail;

import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RouterCompiler;
import dev.junction.engine.routing.SpendFields;
import dev.junction.engine.spend.SpendView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the invoke path needs for one deployment version, built before it goes live: the compiled
 * router, the spend fields its table reads ({@link SpendFields}), and each variant's templates, adapters and retry
 * policies. Nothing here is built per request.
 */
public final class ActiveDeployment {
    private final DeploymentVersion version;
    private final Router router;
    private final Map<String, VariantPlan> plans;
    private final SpendFields spendFields;
    /** Each variant's guardrails and evaluators, each routing row's guardrails (by rule id); compiled once. */
    private final Map<String, List<Guardrail>> variantGuards;
    private final Map<String, List<Guardrail>> rowGuards;
    private final Map<String, List<Evaluator>> evaluators;
    private final GuardEnv guardEnv;

    private ActiveDeployment(DeploymentVersion version, Router router, Map<String, VariantPlan> plans, GuardEnv guardEnv) {
        this.version = version;
        this.router = router;
        this.plans = Map.copyOf(plans);
        this.spendFields = SpendFields.of(version.spec().routing());
        this.guardEnv = guardEnv;
        Map<String, List<Guardrail>> vg = new HashMap<>();
        Map<String, List<Evaluator>> ev = new HashMap<>();
        for (Variant v : version.spec().variants()) {
            if (!v.guardrails().isEmpty()) vg.put(v.key(), Guardrail.all(v.guardrails()));
            if (!v.evaluators().isEmpty()) ev.put(v.key(), Evaluator.all(v.evaluators()));
        }
        Map<String, List<Guardrail>> rg = new HashMap<>();
        if (version.spec().routing() != null) {
            for (var rule : version.spec().routing().rules()) {
                if (rule.id() != null && !rule.guardrails().isEmpty()) rg.put(rule.id(), Guardrail.all(rule.guardrails()));
            }
        }
        this.variantGuards = Map.copyOf(vg);
        this.rowGuards = Map.copyOf(rg);
        this.evaluators = Map.copyOf(ev);
    }

    /** The guardrails of a request routed by {@code ruleId} (null: the default) to {@code variantKey}: the row's, then the variant's. */
    public List<Guardrail> guardrails(String ruleId, String variantKey) {
        List<Guardrail> row = ruleId == null ? null : rowGuards.get(ruleId);
        List<Guardrail> variant = variantGuards.get(variantKey);
        if (row == null) return variant == null ? List.of() : variant;
        if (variant == null) return row;
        List<Guardrail> both = new ArrayList<>(row);
        both.addAll(variant);
        return both;
    }

    /** The evaluators of {@code variantKey}. */
    public List<Evaluator> evaluators(String variantKey) {
        return evaluators.getOrDefault(variantKey, List.of());
    }

    /** What guardrails reach outside the version: judges, callouts. */
    public GuardEnv guardEnv() {
        return guardEnv;
    }

    /**
     * Provider connections are resolved per call from {@code providers}, so a version whose connection was
     * removed still builds (and its calls fail with {@code no_connection}).
     *
     * @throws dev.junction.engine.routing.RoutingCompileException when the routing table does not compile
     */
    public static ActiveDeployment build(DeploymentVersion version, RouterCompiler compiler, InvokeRuntime runtime) {
        Map<String, VariantPlan> plans = new HashMap<>();
        for (Variant variant : version.spec().variants()) {
            List<ModelOption> options = new ArrayList<>();
            options.add(new ModelOption(Attempt.Option.PRIMARY, variant.primary(), runtime, variant.promptCaching()));
            if (variant.fallback() != null) {
                options.add(new ModelOption(Attempt.Option.FALLBACK, variant.fallback(), runtime, variant.promptCaching()));
            }
            plans.put(variant.key(), new VariantPlan(variant, options));
        }
        Router router = compiler.compile(version.key() + "@" + version.label(), version.spec().routing(), version.spec().routingSchema());
        return new ActiveDeployment(version, router, plans, runtime.guards());
    }

    /** With default limits and no model garden (no context-window checks): for tests of other things. */
    public static ActiveDeployment build(DeploymentVersion version, RouterCompiler compiler, Providers providers,
                                         RetrySettings retrySettings) {
        return build(version, compiler, InvokeRuntime.of(providers, retrySettings));
    }

    /** Whether a variant of this version calls {@code provider/model}, as its primary or its fallback. */
    public boolean uses(String provider, String model) {
        for (Variant v : version.spec().variants()) {
            for (ModelConfig m : java.util.Arrays.asList(v.primary(), v.fallback())) {
                if (m != null && provider.equals(m.provider()) && model.equals(m.model())) return true;
            }
        }
        return false;
    }

    public DeploymentVersion version() { return version; }
    public Router router() { return router; }
    /** The spend and budget fields this version's routing table reads (none: {@link SpendFields#NONE}). */
    public SpendFields spendFields() { return spendFields; }

    /**
     * Puts in the routing context the spend fields the table reads, for this request's API key, identity, this
     * deployment and its project; the caller's {@code spend.*}/{@code budget.*} keys are dropped, except from the
     * simulator (an administrator trying a rule: its values win).
     */
    void addSpendFields(Map<String, Object> routingContext, InvokeRequest request, SpendView view) {
        if (spendFields.isEmpty() && request.context().isEmpty()) return;
        spendFields.apply(routingContext, request.context(), request.source() == Source.SIMULATOR, view,
                new SpendFields.Members(request.apiKeyId() == null ? null : request.apiKeyId().toString(),
                        request.options().identityId(), version.key(), version.spec().project()));
    }

    /** Frees the compiled routing's resources; called when another version replaces this one. */
    void release() {
        router.release();
    }

    VariantPlan plan(String variantKey) {
        VariantPlan plan = plans.get(variantKey);
        if (plan == null) {
            // Validation makes every routed variant exist; reaching this is a bug, not bad input.
            throw new IllegalStateException("router chose unknown variant '" + variantKey + "' in " + version.key());
        }
        return plan;
    }
}
