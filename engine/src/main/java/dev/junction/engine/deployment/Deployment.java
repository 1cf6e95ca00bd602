package dev.junction.engine.deployment;

import java.time.Instant;
import java.util.UUID;

/**
 * A deployment as the panel lists it: identity, where it lives, the live version (null before the first deploy)
 * and the revision of its draft.
 */
public record Deployment(UUID id, String key, String description, String project, String folder,
                         Integer activeVersion, int draftRevision, Instant createdAt, Instant updatedAt) {
}
