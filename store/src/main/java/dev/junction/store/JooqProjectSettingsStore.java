package dev.junction.store;

import static dev.junction.store.generated.Tables.PROJECT_SETTINGS;

import dev.junction.engine.review.ProjectSettings;
import dev.junction.engine.review.ProjectSettingsStore;
import java.time.Clock;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;

/** Project settings in PostgreSQL: one row per project that was ever set, upserted. */
public final class JooqProjectSettingsStore implements ProjectSettingsStore {
    private final DSLContext dsl;
    private final Clock clock;

    public JooqProjectSettingsStore(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    @Override
    public ProjectSettings get(String project) {
        return dsl.selectFrom(PROJECT_SETTINGS).where(PROJECT_SETTINGS.PROJECT.eq(project))
                .fetchOptional(r -> new ProjectSettings(r.getProject(), r.getReviewsRequired(), r.getUpdatedAt().toInstant(),
                        r.getUpdatedBy()))
                .orElseGet(() -> ProjectSettings.defaults(project));
    }

    @Override
    public ProjectSettings put(String project, boolean reviewsRequired, String updatedBy) {
        OffsetDateTime now = JooqDeploymentStore.utcNow(clock);
        dsl.insertInto(PROJECT_SETTINGS)
           .set(PROJECT_SETTINGS.PROJECT, project)
           .set(PROJECT_SETTINGS.REVIEWS_REQUIRED, reviewsRequired)
           .set(PROJECT_SETTINGS.UPDATED_AT, now)
           .set(PROJECT_SETTINGS.UPDATED_BY, updatedBy)
           .onConflict(PROJECT_SETTINGS.PROJECT).doUpdate()
           .set(PROJECT_SETTINGS.REVIEWS_REQUIRED, reviewsRequired)
           .set(PROJECT_SETTINGS.UPDATED_AT, now)
           .set(PROJECT_SETTINGS.UPDATED_BY, updatedBy)
           .execute();
        return new ProjectSettings(project, reviewsRequired, now.toInstant(), updatedBy);
    }
}
