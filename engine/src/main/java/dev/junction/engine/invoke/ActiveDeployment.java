package dev.junction.engine.invoke;

import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RouterCompiler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the invoke path needs for one deployment version, built before it goes live: the compiled
 * router, and each variant's templates, adapters and retry policies. Nothing here is built per request.
 */
public final class ActiveDeployment {
    private final DeploymentVersion version;
    private final Router router;
    private final Map<String, VariantPlan> plans;

    private ActiveDeployment(DeploymentVersion version, Router router, Map<String, VariantPlan> plans) {
        this.version = version;
        this.router = router;
        this.plans = Map.copyOf(plans);
    }

    /**
     * @throws IllegalArgumentException when a variant names a provider connection this gateway lacks
     * @throws dev.junction.engine.routing.RoutingCompileException when the routing table does not compile
     */
    public static ActiveDeployment build(DeploymentVersion version, RouterCompiler compiler, Providers providers,
                                         RetrySettings retrySettings) {
        Map<String, VariantPlan> plans = new HashMap<>();
        for (Variant variant : version.spec().variants()) {
            List<ModelOption> options = new ArrayList<>();
            options.add(option("primary", variant.primary(), providers, retrySettings));
            if (variant.fallback() != null) {
                options.add(option("fallback", variant.fallback(), providers, retrySettings));
            }
            plans.put(variant.key(), new VariantPlan(variant, options));
        }
        Router router = compiler.compile(version.key() + "@" + version.label(), version.spec().routing());
        return new ActiveDeployment(version, router, plans);
    }

    private static ModelOption option(String role, ModelConfig config, Providers providers, RetrySettings settings) {
        ProviderAdapter adapter = providers.find(config.provider()).orElseThrow(() ->
                new IllegalArgumentException("no provider connection named '" + config.provider() + "'"));
        return new ModelOption(role, config, adapter, settings);
    }

    public DeploymentVersion version() { return version; }
    public Router router() { return router; }

    VariantPlan plan(String variantKey) {
        VariantPlan plan = plans.get(variantKey);
        if (plan == null) {
            // Validation makes every routed variant exist; reaching this is a bug, not bad input.
            throw new IllegalStateException("router chose unknown variant '" + variantKey + "' in " + version.key());
        }
        return plan;
    }
}
