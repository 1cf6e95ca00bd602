package dev.junction.engine.invoke;

import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.routing.RoutingDecision;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A successful invocation: the answer, where it came from, and every attempt it took. {@code providerMicros} is the
 * time from the first provider call to the end of the last (retries, backoff and fallback included).
 */
public record InvokeResult(
        UUID id,
        Instant created,
        DeploymentVersion version,
        RoutingDecision decision,
        ModelConfig model,
        String orqProvider,
        ChatResponse response,
        List<Attempt> attempts,
        long latencyMicros,
        long providerMicros) {

    /** The gateway's own part of {@code latencyMicros}: everything but the provider calls and the waits between them. */
    public long overheadMicros() {
        return latencyMicros - providerMicros;
    }
}
