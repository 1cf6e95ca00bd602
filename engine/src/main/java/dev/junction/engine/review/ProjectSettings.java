package dev.junction.engine.review;

import java.time.Instant;

/**
 * What a project asks of its deployments. A project never set has {@link #defaults}: no reviews.
 *
 * @param updatedAt null for the defaults
 */
public record ProjectSettings(String project, boolean reviewsRequired, Instant updatedAt, String updatedBy) {
    public static ProjectSettings defaults(String project) {
        return new ProjectSettings(project, false, null, null);
    }
}
