package dev.junction.engine.invoke;

import dev.junction.engine.support.Ids;

/**
 * Answers "what would this request get?" without calling a model: the same live version and router as the invoke
 * path, then the chosen variant's primary model and prompt. A prompt variable with no value keeps its placeholder.
 * Nothing is logged and nothing touches the database.
 */
public final class ConfigService {
    private final ActiveDeployments deployments;
    private final Ids ids;

    public ConfigService(ActiveDeployments deployments, Ids ids) {
        this.deployments = deployments;
        this.ids = ids;
    }

    /**
     * @throws dev.junction.engine.access.OutOfScopeException the request's API key may not use the deployment
     * @throws DeploymentNotFoundException no live deployment has the key
     */
    public ResolvedConfig resolve(InvokeRequest request) {
        ActiveDeployment active = request.live(deployments.get(request.key()).orElse(null));
        var decision = active.router().route(request.context());
        VariantPlan plan = active.plan(decision.variant());
        return new ResolvedConfig(ids.next(), active.version(), decision, plan.variant(), plan.variant().primary(),
                plan.renderPrompt(request.inputs()));
    }
}
