package dev.junction.engine.invoke;

import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.routing.RoutingDecision;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A successful invocation: the answer, where it came from, and every attempt it took. */
public record InvokeResult(
        UUID id,
        Instant created,
        DeploymentVersion version,
        RoutingDecision decision,
        ModelConfig model,
        String orqProvider,
        ChatResponse response,
        List<Attempt> attempts,
        long latencyMicros) {
}
