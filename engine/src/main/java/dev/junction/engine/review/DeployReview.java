package dev.junction.engine.review;

import dev.junction.engine.deployment.DeploymentSpec;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A deploy request: what would go live ({@link Snapshot}), for which deployment ({@link Target}), who asked and why,
 * what the reviewers see ({@link Evidence}), and, once decided, the {@link Decision}.
 */
public record DeployReview(UUID id, Target target, Snapshot snapshot, Actor author, String message, Evidence evidence,
                           ReviewStatus status, Instant createdAt, Decision decision) {
    public DeployReview {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
    }

    /** The deployment, and where it lives (its project and folder when the request was made). */
    public record Target(UUID deploymentId, String key, String project, String folder) {}

    /**
     * Exactly what an approval deploys: the spec and its content hash; the draft revision it was taken from (a deploy
     * or an import), or the version it deploys again (a rollback); and the version live when it was made (null: none).
     */
    public record Snapshot(ReviewKind kind, DeploymentSpec spec, String contentHash, Integer draftRevision,
                           Integer sourceVersion, Integer baseVersion) {}

    /** Who decided (for a superseded request: who caused it), when, their comment, and the version an approval made. */
    public record Decision(Actor by, Instant at, String comment, Integer deployedVersion) {}

    public boolean pending() {
        return status == ReviewStatus.PENDING;
    }
}
