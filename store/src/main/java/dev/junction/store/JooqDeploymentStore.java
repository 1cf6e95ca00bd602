package dev.junction.store;

import static dev.junction.store.generated.Tables.DEPLOYMENTS;
import static dev.junction.store.generated.Tables.DEPLOYMENT_DRAFTS;
import static dev.junction.store.generated.Tables.DEPLOYMENT_VERSIONS;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.junction.engine.deployment.Deployment;
import dev.junction.engine.deployment.DeploymentQuery;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentStore;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.Draft;
import dev.junction.engine.deployment.NotFoundException;
import dev.junction.engine.deployment.SpecJson;
import dev.junction.engine.deployment.StaleRevisionException;
import dev.junction.engine.support.Ids;
import dev.junction.store.generated.tables.records.DeploymentsRecord;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;

/** Deployments, drafts and immutable versions in PostgreSQL. Deploys tell other instances through {@link Notifications}. */
public final class JooqDeploymentStore implements DeploymentStore {
    private final DSLContext dsl;
    private final Clock clock;
    private final Ids ids;

    public JooqDeploymentStore(DSLContext dsl, Clock clock, Ids ids) {
        this.dsl = dsl;
        this.clock = clock;
        this.ids = ids;
    }

    private OffsetDateTime now() {
        return utcNow(clock);
    }

    /** Now, as the {@code TIMESTAMPTZ} columns are written (UTC). */
    static OffsetDateTime utcNow(Clock clock) {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    @Override
    public Deployment create(DeploymentSpec spec, String author) {
        OffsetDateTime now = now();
        UUID id = ids.next();
        try {
            insert(spec, author, id, now);
        } catch (org.jooq.exception.DataAccessException e) {
            // two creates of one key at once: the loser's check saw no deployment, the unique key decides
            if ("23505".equals(e.sqlState()) && exists(spec.key())) {
                throw new dev.junction.engine.deployment.ConflictException("a deployment '" + spec.key() + "' already exists");
            }
            throw e;
        }
        return find(spec.key()).orElseThrow();
    }

    private void insert(DeploymentSpec spec, String author, UUID id, OffsetDateTime now) {
        dsl.transaction(tx -> {
            DSLContext db = tx.dsl();
            db.insertInto(DEPLOYMENTS)
              .set(DEPLOYMENTS.ID, id)
              .set(DEPLOYMENTS.KEY, spec.key())
              .set(DEPLOYMENTS.DESCRIPTION, spec.description())
              .set(DEPLOYMENTS.PROJECT, spec.project())
              .set(DEPLOYMENTS.FOLDER, spec.folder())
              .set(DEPLOYMENTS.CREATED_AT, now)
              .set(DEPLOYMENTS.UPDATED_AT, now)
              .execute();
            db.insertInto(DEPLOYMENT_DRAFTS)
              .set(DEPLOYMENT_DRAFTS.DEPLOYMENT_ID, id)
              .set(DEPLOYMENT_DRAFTS.REVISION, 1)
              .set(DEPLOYMENT_DRAFTS.SPEC, JSONB.valueOf(SpecJson.write(spec)))
              .set(DEPLOYMENT_DRAFTS.UPDATED_AT, now)
              .set(DEPLOYMENT_DRAFTS.UPDATED_BY, author)
              .execute();
        });
    }

    @Override
    public Optional<Deployment> find(String key) {
        return selectDeployments().where(DEPLOYMENTS.KEY.eq(key)).fetchOptional(JooqDeploymentStore::toDeployment);
    }

    @Override
    public List<Deployment> list(DeploymentQuery query) {
        List<Condition> where = new ArrayList<>();
        if (query.project() != null) where.add(DEPLOYMENTS.PROJECT.eq(query.project()));
        if (query.folder() != null && !query.folder().isEmpty()) {
            String folder = query.folder().replaceAll("/+$", "");
            where.add(DEPLOYMENTS.FOLDER.eq(folder).or(DEPLOYMENTS.FOLDER.startsWith(folder + "/")));
        }
        if (query.search() != null && !query.search().isBlank()) {
            String s = query.search().trim();
            where.add(DEPLOYMENTS.KEY.containsIgnoreCase(s).or(DEPLOYMENTS.DESCRIPTION.containsIgnoreCase(s)));
        }
        return selectDeployments().where(where)
                .orderBy(DEPLOYMENTS.PROJECT, DEPLOYMENTS.FOLDER, DEPLOYMENTS.KEY)
                .fetch(JooqDeploymentStore::toDeployment);
    }

    private SelectOnConditionStep<Record> selectDeployments() {
        return dsl.select(DEPLOYMENTS.fields())
                .select(DEPLOYMENT_VERSIONS.NUMBER, DEPLOYMENT_DRAFTS.REVISION)
                .from(DEPLOYMENTS)
                .join(DEPLOYMENT_DRAFTS).on(DEPLOYMENT_DRAFTS.DEPLOYMENT_ID.eq(DEPLOYMENTS.ID))
                .leftJoin(DEPLOYMENT_VERSIONS).on(DEPLOYMENT_VERSIONS.ID.eq(DEPLOYMENTS.ACTIVE_VERSION_ID));
    }

    private static Deployment toDeployment(Record r) {
        return new Deployment(r.get(DEPLOYMENTS.ID), r.get(DEPLOYMENTS.KEY), r.get(DEPLOYMENTS.DESCRIPTION),
                r.get(DEPLOYMENTS.PROJECT), r.get(DEPLOYMENTS.FOLDER), r.get(DEPLOYMENT_VERSIONS.NUMBER),
                r.get(DEPLOYMENT_DRAFTS.REVISION), r.get(DEPLOYMENTS.CREATED_AT).toInstant(),
                r.get(DEPLOYMENTS.UPDATED_AT).toInstant());
    }

    @Override
    public Optional<Draft> draft(String key) {
        return dsl.select(DEPLOYMENT_DRAFTS.fields())
                .from(DEPLOYMENT_DRAFTS)
                .join(DEPLOYMENTS).on(DEPLOYMENTS.ID.eq(DEPLOYMENT_DRAFTS.DEPLOYMENT_ID))
                .where(DEPLOYMENTS.KEY.eq(key))
                .fetchOptional(r -> new Draft(key, r.get(DEPLOYMENT_DRAFTS.REVISION), spec(r.get(DEPLOYMENT_DRAFTS.SPEC)),
                        r.get(DEPLOYMENT_DRAFTS.UPDATED_AT).toInstant(), r.get(DEPLOYMENT_DRAFTS.UPDATED_BY)));
    }

    @Override
    public Draft saveDraft(String key, DeploymentSpec spec, int expectedRevision, String author) {
        OffsetDateTime now = now();
        return dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            DeploymentsRecord deployment = db.selectFrom(DEPLOYMENTS).where(DEPLOYMENTS.KEY.eq(key)).fetchOne();
            if (deployment == null) throw new NotFoundException("deployment '" + key + "' not found");
            // The revision check and the write are one statement: of two saves of one revision, one wins.
            int updated = db.update(DEPLOYMENT_DRAFTS)
                    .set(DEPLOYMENT_DRAFTS.SPEC, JSONB.valueOf(SpecJson.write(spec)))
                    .set(DEPLOYMENT_DRAFTS.REVISION, DEPLOYMENT_DRAFTS.REVISION.plus(1))
                    .set(DEPLOYMENT_DRAFTS.UPDATED_AT, now)
                    .set(DEPLOYMENT_DRAFTS.UPDATED_BY, author)
                    .where(DEPLOYMENT_DRAFTS.DEPLOYMENT_ID.eq(deployment.getId()))
                    .and(DEPLOYMENT_DRAFTS.REVISION.eq(expectedRevision))
                    .execute();
            if (updated == 0) {
                Integer current = db.select(DEPLOYMENT_DRAFTS.REVISION).from(DEPLOYMENT_DRAFTS)
                        .where(DEPLOYMENT_DRAFTS.DEPLOYMENT_ID.eq(deployment.getId())).fetchOne(DEPLOYMENT_DRAFTS.REVISION);
                throw new StaleRevisionException(key, expectedRevision, current == null ? 0 : current);
            }
            db.update(DEPLOYMENTS)
              .set(DEPLOYMENTS.DESCRIPTION, spec.description())
              .set(DEPLOYMENTS.PROJECT, spec.project())
              .set(DEPLOYMENTS.FOLDER, spec.folder())
              .set(DEPLOYMENTS.UPDATED_AT, now)
              .where(DEPLOYMENTS.ID.eq(deployment.getId()))
              .execute();
            return new Draft(key, expectedRevision + 1, spec, now.toInstant(), author);
        });
    }

    @Override
    public DeploymentVersion deploy(String key, DeploymentSpec spec, String contentHash, String author, String message,
                                    Integer sourceVersion) {
        OffsetDateTime now = now();
        UUID versionId = ids.next();
        return dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            DeploymentsRecord deployment = lock(db, key);
            return append(db, deployment, new NewVersion(versionId, now, spec, contentHash, author, message, sourceVersion, null));
        });
    }

    /**
     * The deployment row, locked for the caller's transaction: the lock orders concurrent deploys of one deployment
     * (version numbers never collide) and whatever else must see the live version stay put (a reviewed deploy).
     */
    static DeploymentsRecord lock(DSLContext db, String key) {
        DeploymentsRecord deployment = db.selectFrom(DEPLOYMENTS).where(DEPLOYMENTS.KEY.eq(key)).forUpdate().fetchOne();
        if (deployment == null) throw new NotFoundException("deployment '" + key + "' not found");
        return deployment;
    }

    /** The live version's number of a deployment row, read in the caller's transaction (null: none). */
    static Integer liveNumber(DSLContext db, DeploymentsRecord deployment) {
        if (deployment.getActiveVersionId() == null) return null;
        return db.select(DEPLOYMENT_VERSIONS.NUMBER).from(DEPLOYMENT_VERSIONS)
                .where(DEPLOYMENT_VERSIONS.ID.eq(deployment.getActiveVersionId())).fetchOne(DEPLOYMENT_VERSIONS.NUMBER);
    }

    /** A version to store; {@code approval} for one that a deploy request brought (null otherwise). */
    record NewVersion(UUID id, OffsetDateTime at, DeploymentSpec spec, String contentHash, String author, String message,
                      Integer sourceVersion, DeploymentVersion.Approval approval) {}

    /**
     * In the caller's transaction, with the deployment row {@link #lock locked}: stores the next version, makes it the
     * live one and tells the other instances (at commit).
     */
    static DeploymentVersion append(DSLContext db, DeploymentsRecord deployment, NewVersion v) {
        String text = v.message() == null ? "" : v.message();
        Integer last = db.select(DSL.max(DEPLOYMENT_VERSIONS.NUMBER)).from(DEPLOYMENT_VERSIONS)
                .where(DEPLOYMENT_VERSIONS.DEPLOYMENT_ID.eq(deployment.getId())).fetchOne(0, Integer.class);
        int number = last == null ? 1 : last + 1;
        db.insertInto(DEPLOYMENT_VERSIONS)
          .set(DEPLOYMENT_VERSIONS.ID, v.id())
          .set(DEPLOYMENT_VERSIONS.DEPLOYMENT_ID, deployment.getId())
          .set(DEPLOYMENT_VERSIONS.NUMBER, number)
          .set(DEPLOYMENT_VERSIONS.CONTENT_HASH, v.contentHash())
          .set(DEPLOYMENT_VERSIONS.SPEC, JSONB.valueOf(SpecJson.write(v.spec())))
          .set(DEPLOYMENT_VERSIONS.AUTHOR, v.author())
          .set(DEPLOYMENT_VERSIONS.MESSAGE, text)
          .set(DEPLOYMENT_VERSIONS.CREATED_AT, v.at())
          .set(DEPLOYMENT_VERSIONS.SOURCE_VERSION, v.sourceVersion())
          .set(DEPLOYMENT_VERSIONS.APPROVED_BY, v.approval() == null ? null : v.approval().approvedBy())
          .set(DEPLOYMENT_VERSIONS.REVIEW_ID, v.approval() == null ? null : v.approval().reviewId())
          .execute();
        db.update(DEPLOYMENTS)
          .set(DEPLOYMENTS.ACTIVE_VERSION_ID, v.id())
          .set(DEPLOYMENTS.UPDATED_AT, v.at())
          .where(DEPLOYMENTS.ID.eq(deployment.getId()))
          .execute();
        Notifications.publish(db, Notifications.deployment(deployment.getKey()));
        return new DeploymentVersion(v.id(), deployment.getId(), number, v.contentHash(), v.spec(), v.author(), text,
                v.at().toInstant(), v.sourceVersion(), v.approval());
    }

    @Override
    public List<DeploymentVersion> versions(String key) {
        return selectVersions().where(DEPLOYMENTS.KEY.eq(key))
                .orderBy(DEPLOYMENT_VERSIONS.NUMBER.desc())
                .fetch(JooqDeploymentStore::toVersion);
    }

    @Override
    public Optional<DeploymentVersion> version(String key, int number) {
        return selectVersions().where(DEPLOYMENTS.KEY.eq(key)).and(DEPLOYMENT_VERSIONS.NUMBER.eq(number))
                .fetchOptional(JooqDeploymentStore::toVersion);
    }

    private SelectOnConditionStep<Record> selectVersions() {
        return dsl.select(DEPLOYMENT_VERSIONS.fields())
                .from(DEPLOYMENT_VERSIONS)
                .join(DEPLOYMENTS).on(DEPLOYMENTS.ID.eq(DEPLOYMENT_VERSIONS.DEPLOYMENT_ID));
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
        return new DeploymentVersion(
                r.get(DEPLOYMENT_VERSIONS.ID),
                r.get(DEPLOYMENT_VERSIONS.DEPLOYMENT_ID),
                r.get(DEPLOYMENT_VERSIONS.NUMBER),
                r.get(DEPLOYMENT_VERSIONS.CONTENT_HASH),
                spec(r.get(DEPLOYMENT_VERSIONS.SPEC)),
                r.get(DEPLOYMENT_VERSIONS.AUTHOR),
                r.get(DEPLOYMENT_VERSIONS.MESSAGE),
                r.get(DEPLOYMENT_VERSIONS.CREATED_AT).toInstant(),
                r.get(DEPLOYMENT_VERSIONS.SOURCE_VERSION),
                r.get(DEPLOYMENT_VERSIONS.APPROVED_BY) == null ? null
                        : new DeploymentVersion.Approval(r.get(DEPLOYMENT_VERSIONS.APPROVED_BY), r.get(DEPLOYMENT_VERSIONS.REVIEW_ID)));
    }

    static DeploymentSpec spec(JSONB json) {
        try {
            return SpecJson.read(json.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored deployment spec is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
