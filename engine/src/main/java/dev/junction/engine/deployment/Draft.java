package dev.junction.engine.deployment;

import java.time.Instant;

/** The editable spec of a deployment, with the revision an edit must name to be accepted. */
public record Draft(String key, int revision, DeploymentSpec spec, Instant updatedAt, String updatedBy) {
}
