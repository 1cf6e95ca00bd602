package dev.junction.engine.invoke;

import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Variant;
import dev.junction.engine.routing.RoutingDecision;
import java.util.List;
import java.util.UUID;

/**
 * The configuration a request context would be served with, resolved without calling a model: the live version,
 * the routing decision, the variant, its primary model and its prompt with the inputs filled in.
 */
public record ResolvedConfig(UUID id, DeploymentVersion version, RoutingDecision decision, Variant variant,
                             ModelConfig model, List<PromptMessage> messages) {
    public ResolvedConfig {
        messages = List.copyOf(messages);
    }
}
