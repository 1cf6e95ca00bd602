package dev.junction.engine.deployment;

import java.time.Instant;
import java.util.UUID;

/**
 * An immutable, numbered, content-hashed version of a deployment. Every log row names one.
 * {@code sourceVersion} is set on a rollback: the number of the version deployed again; {@code approval} on a version
 * that went live through a deploy request (reviewed deploys), null otherwise.
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
        Integer sourceVersion,
        Approval approval) {

    /** Who approved the deploy request this version came from, and which request it was. */
    public record Approval(String approvedBy, UUID reviewId) {}

    public DeploymentVersion(UUID id, UUID deploymentId, int number, String contentHash, DeploymentSpec spec,
                             String author, String message, Instant createdAt, Integer sourceVersion) {
        this(id, deploymentId, number, contentHash, spec, author, message, createdAt, sourceVersion, null);
    }

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
