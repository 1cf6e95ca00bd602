package dev.junction.store;

import static dev.junction.store.generated.Tables.DEPLOYMENTS;
import static dev.junction.store.generated.Tables.DEPLOYMENT_VERSIONS;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentStore;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.SpecJson;
import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;

/** Deployments and their immutable versions in PostgreSQL. */
public final class JooqDeploymentStore implements DeploymentStore {
    private final DSLContext dsl;
    private final Clock clock;
    private final Ids ids;

    public JooqDeploymentStore(DSLContext dsl, Clock clock, Ids ids) {
        this.dsl = dsl;
        this.clock = clock;
        this.ids = ids;
    }

    @Override
    public DeploymentVersion create(DeploymentSpec spec, String contentHash, String author, String message) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        UUID deploymentId = ids.next();
        UUID versionId = ids.next();
        dsl.transaction(tx -> {
            DSLContext db = tx.dsl();
            db.insertInto(DEPLOYMENTS)
              .set(DEPLOYMENTS.ID, deploymentId)
              .set(DEPLOYMENTS.KEY, spec.key())
              .set(DEPLOYMENTS.DESCRIPTION, spec.description())
              .set(DEPLOYMENTS.CREATED_AT, now)
              .set(DEPLOYMENTS.UPDATED_AT, now)
              .execute();
            db.insertInto(DEPLOYMENT_VERSIONS)
              .set(DEPLOYMENT_VERSIONS.ID, versionId)
              .set(DEPLOYMENT_VERSIONS.DEPLOYMENT_ID, deploymentId)
              .set(DEPLOYMENT_VERSIONS.NUMBER, 1)
              .set(DEPLOYMENT_VERSIONS.CONTENT_HASH, contentHash)
              .set(DEPLOYMENT_VERSIONS.SPEC, JSONB.valueOf(SpecJson.write(spec)))
              .set(DEPLOYMENT_VERSIONS.AUTHOR, author)
              .set(DEPLOYMENT_VERSIONS.MESSAGE, message == null ? "" : message)
              .set(DEPLOYMENT_VERSIONS.CREATED_AT, now)
              .execute();
            db.update(DEPLOYMENTS)
              .set(DEPLOYMENTS.ACTIVE_VERSION_ID, versionId)
              .where(DEPLOYMENTS.ID.eq(deploymentId))
              .execute();
        });
        return new DeploymentVersion(versionId, deploymentId, 1, contentHash, spec, author,
                message == null ? "" : message, now.toInstant());
    }

    @Override
    public List<DeploymentVersion> activeVersions() {
        return selectActive().fetch(JooqDeploymentStore::toVersion);
    }

    @Override
    public Optional<DeploymentVersion> activeVersion(String key) {
        return selectActive().where(DEPLOYMENTS.KEY.eq(key)).fetchOptional(JooqDeploymentStore::toVersion);
    }

    @Override
    public boolean exists(String key) {
        return dsl.fetchExists(DEPLOYMENTS, DEPLOYMENTS.KEY.eq(key));
    }

    private SelectOnConditionStep<Record> selectActive() {
        return dsl.select(DEPLOYMENT_VERSIONS.fields())
                .from(DEPLOYMENTS)
                .join(DEPLOYMENT_VERSIONS).on(DEPLOYMENT_VERSIONS.ID.eq(DEPLOYMENTS.ACTIVE_VERSION_ID));
    }

    private static DeploymentVersion toVersion(Record r) {
        String json = r.get(DEPLOYMENT_VERSIONS.SPEC).data();
        DeploymentSpec spec;
        try {
            spec = SpecJson.read(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored version " + r.get(DEPLOYMENT_VERSIONS.ID)
                    + " is not a readable deployment spec: " + e.getOriginalMessage(), e);
        }
        return new DeploymentVersion(
                r.get(DEPLOYMENT_VERSIONS.ID),
                r.get(DEPLOYMENT_VERSIONS.DEPLOYMENT_ID),
                r.get(DEPLOYMENT_VERSIONS.NUMBER),
                r.get(DEPLOYMENT_VERSIONS.CONTENT_HASH),
                spec,
                r.get(DEPLOYMENT_VERSIONS.AUTHOR),
                r.get(DEPLOYMENT_VERSIONS.MESSAGE),
                r.get(DEPLOYMENT_VERSIONS.CREATED_AT).toInstant());
    }
}
