package dev.junction.engine.deployment;

import java.util.List;
import java.util.Optional;

/** Where deployments and their versions are kept (port; the store module implements it over PostgreSQL). */
public interface DeploymentStore {

    /** Creates a deployment with {@code spec} as its first version, active at once. */
    DeploymentVersion create(DeploymentSpec spec, String contentHash, String author, String message);

    /** The active version of every deployment that has one. */
    List<DeploymentVersion> activeVersions();

    Optional<DeploymentVersion> activeVersion(String key);

    boolean exists(String key);
}
