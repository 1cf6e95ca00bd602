package dev.junction.engine.deployment;

import java.util.List;
import java.util.Optional;

/** Where deployments, their drafts and their immutable versions are kept (port; the store module implements it). */
public interface DeploymentStore {

    /** Creates a deployment whose draft is {@code spec} (revision 1); nothing is deployed yet. */
    Deployment create(DeploymentSpec spec, String author);

    Optional<Deployment> find(String key);

    List<Deployment> list(DeploymentQuery query);

    Optional<Draft> draft(String key);

    /**
     * Replaces the draft if its revision is still {@code expectedRevision}.
     *
     * @throws StaleRevisionException when someone saved in between
     */
    Draft saveDraft(String key, DeploymentSpec spec, int expectedRevision, String author);

    /**
     * Stores {@code spec} as the next numbered version and makes it the active one, in one transaction that
     * also tells the other instances.
     *
     * @param sourceVersion for a rollback, the version deployed again; otherwise null
     */
    DeploymentVersion deploy(String key, DeploymentSpec spec, String contentHash, String author, String message,
                             Integer sourceVersion);

    /** Every version of a deployment, newest first. */
    List<DeploymentVersion> versions(String key);

    Optional<DeploymentVersion> version(String key, int number);

    /** The active version of every deployment that has one. */
    List<DeploymentVersion> activeVersions();

    Optional<DeploymentVersion> activeVersion(String key);

    boolean exists(String key);
}
