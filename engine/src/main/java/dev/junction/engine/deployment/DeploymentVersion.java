package dev.junction.engine.deployment;

import java.time.Instant;
import java.util.UUID;

/**
 * An immutable, numbered, content-hashed version of a deployment. Every log row names one.
 * {@code sourceVersion} is set on a rollback: the number of the version deployed again.
 */
public record DeploymentVersion(
        UUID id,
        UUID deploymentId,
        int number,
        String contentHash,
        DeploymentSpec spec,
        String author,
        String message,
        Instant createdAt,
        Integer sourceVersion) {

    public DeploymentVersion(UUID id, UUID deploymentId, int number, String contentHash, DeploymentSpec spec,
                             String author, String message, Instant createdAt) {
        this(id, deploymentId, number, contentHash, spec, author, message, createdAt, null);
    }

    public String key() {
        return spec.key();
    }

    /** The version as the Orquesta API shows it: {@code v3}. */
    public String label() {
        return "v" + number;
    }
}
