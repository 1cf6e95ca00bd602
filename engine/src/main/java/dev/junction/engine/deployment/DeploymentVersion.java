package dev.junction.engine.deployment;

import java.time.Instant;
import java.util.UUID;

/** An immutable, numbered, content-hashed version of a deployment. Every log row names one. */
public record DeploymentVersion(
        UUID id,
        UUID deploymentId,
        int number,
        String contentHash,
        DeploymentSpec spec,
        String author,
        String message,
        Instant createdAt) {

    public String key() {
        return spec.key();
    }

    /** The version as the Orquesta API shows it: {@code v3}. */
    public String label() {
        return "v" + number;
    }
}
