package dev.junction.engine.review;

import dev.junction.engine.deployment.DeploymentVersion;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Where deploy requests are kept (port; the store module implements it over PostgreSQL). */
public interface ReviewStore {

    /**
     * Stores a new pending request. In the same transaction (the deployment row locked, so it is ordered with deploys
     * and other requests) the deployment's older pending request, if any, becomes superseded by it.
     */
    DeployReview submit(DeployReview review);

    Optional<DeployReview> find(UUID id);

    /** Newest first. */
    List<DeployReview> list(ReviewQuery query);

    /**
     * Decides a request if it is still pending (one conditional update: of two deciders, one wins).
     *
     * @return the request as decided, or empty when it was not pending any more
     */
    Optional<DeployReview> decide(UUID id, ReviewStatus status, Actor by, String comment);

    /**
     * Approves a request and stores its snapshot as the deployment's next version, live, in one transaction: the request
     * row is locked and must be pending, the deployment row is locked and its live version must still be the request's
     * base version (else the request becomes superseded in that transaction and nothing is deployed).
     */
    Approval approve(UUID id, Actor by, String comment);

    /** What {@link #approve} did. */
    sealed interface Approval {
        record Approved(DeployReview review, DeploymentVersion version) implements Approval {}

        record NotPending(DeployReview review) implements Approval {}

        /** The live version was {@code live} (null: none), not the request's base: the request is superseded now. */
        record Stale(DeployReview review, Integer live) implements Approval {}
    }
}
