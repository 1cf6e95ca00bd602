package dev.junction.store;

import static dev.junction.store.generated.Tables.DEPLOY_REVIEWS;

import dev.junction.engine.access.Principal;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.review.Actor;
import dev.junction.engine.review.DeployReview;
import dev.junction.engine.review.Evidence;
import dev.junction.engine.review.ReviewKind;
import dev.junction.engine.review.ReviewQuery;
import dev.junction.engine.review.ReviewStatus;
import dev.junction.engine.review.ReviewStore;
import dev.junction.engine.support.Ids;
import dev.junction.store.generated.tables.records.DeployReviewsRecord;
import dev.junction.store.generated.tables.records.DeploymentsRecord;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/**
 * Deploy requests in PostgreSQL. Every change of a request is a conditional update of a pending row, or runs with
 * the row locked, so two deciders never both win; an approval stores the version in the same transaction
 * ({@link JooqDeploymentStore#append}).
 */
public final class JooqReviewStore implements ReviewStore {
    private final DSLContext dsl;
    private final Clock clock;
    private final Ids ids;

    public JooqReviewStore(DSLContext dsl, Clock clock, Ids ids) {
        this.dsl = dsl;
        this.clock = clock;
        this.ids = ids;
    }

    private OffsetDateTime now() {
        return JooqDeploymentStore.utcNow(clock);
    }

    @Override
    public DeployReview submit(DeployReview review) {
        OffsetDateTime now = now();
        dsl.transaction(tx -> {
            DSLContext db = tx.dsl();
            // ordered with deploys and other requests of this deployment: at most one pending (a unique index says so too)
            DeploymentsRecord deployment = JooqDeploymentStore.lock(db, review.target().key());
            decided(db.update(DEPLOY_REVIEWS), ReviewStatus.SUPERSEDED, review.author(), "superseded by request " + review.id(), now)
                    .where(DEPLOY_REVIEWS.DEPLOYMENT_ID.eq(deployment.getId()))
                    .and(DEPLOY_REVIEWS.STATUS.eq(ReviewStatus.PENDING.wire()))
                    .execute();
            DeployReview.Snapshot s = review.snapshot();
            db.insertInto(DEPLOY_REVIEWS)
              .set(DEPLOY_REVIEWS.ID, review.id())
              .set(DEPLOY_REVIEWS.DEPLOYMENT_ID, deployment.getId())
              .set(DEPLOY_REVIEWS.DEPLOYMENT_KEY, review.target().key())
              .set(DEPLOY_REVIEWS.PROJECT, review.target().project())
              .set(DEPLOY_REVIEWS.FOLDER, review.target().folder())
              .set(DEPLOY_REVIEWS.KIND, s.kind().wire())
              .set(DEPLOY_REVIEWS.DRAFT_REVISION, s.draftRevision())
              .set(DEPLOY_REVIEWS.SOURCE_VERSION, s.sourceVersion())
              .set(DEPLOY_REVIEWS.BASE_VERSION, s.baseVersion())
              .set(DEPLOY_REVIEWS.SPEC, JSONB.valueOf(dev.junction.engine.deployment.SpecJson.write(s.spec())))
              .set(DEPLOY_REVIEWS.CONTENT_HASH, s.contentHash())
              .set(DEPLOY_REVIEWS.MESSAGE, review.message())
              .set(DEPLOY_REVIEWS.AUTHOR_KIND, review.author().kind().wire())
              .set(DEPLOY_REVIEWS.AUTHOR_ID, review.author().id())
              .set(DEPLOY_REVIEWS.AUTHOR_NAME, review.author().name())
              .set(DEPLOY_REVIEWS.EVIDENCE, Json.jsonb(review.evidence()))
              .set(DEPLOY_REVIEWS.STATUS, ReviewStatus.PENDING.wire())
              .set(DEPLOY_REVIEWS.CREATED_AT, review.createdAt().atOffset(ZoneOffset.UTC))
              .execute();
        });
        return find(review.id()).orElseThrow();
    }

    /** The columns of a decision, set on an update of the caller's. */
    private static org.jooq.UpdateSetMoreStep<DeployReviewsRecord> decided(
            org.jooq.UpdateSetFirstStep<DeployReviewsRecord> update, ReviewStatus status, Actor by, String comment,
            OffsetDateTime at) {
        return update.set(DEPLOY_REVIEWS.STATUS, status.wire())
                .set(DEPLOY_REVIEWS.DECIDED_BY_KIND, by.kind().wire())
                .set(DEPLOY_REVIEWS.DECIDED_BY_ID, by.id())
                .set(DEPLOY_REVIEWS.DECIDED_BY_NAME, by.name())
                .set(DEPLOY_REVIEWS.DECIDED_AT, at)
                .set(DEPLOY_REVIEWS.COMMENT, comment);
    }

    @Override
    public Optional<DeployReview> find(UUID id) {
        return dsl.selectFrom(DEPLOY_REVIEWS).where(DEPLOY_REVIEWS.ID.eq(id)).fetchOptional(JooqReviewStore::toReview);
    }

    @Override
    public List<DeployReview> list(ReviewQuery query) {
        List<Condition> where = new ArrayList<>();
        if (query.status() != null) where.add(DEPLOY_REVIEWS.STATUS.eq(query.status().wire()));
        if (query.deployment() != null) where.add(DEPLOY_REVIEWS.DEPLOYMENT_KEY.eq(query.deployment()));
        return dsl.selectFrom(DEPLOY_REVIEWS).where(where)
                .orderBy(DEPLOY_REVIEWS.CREATED_AT.desc(), DEPLOY_REVIEWS.ID.desc())
                .limit(query.limit())
                .fetch(JooqReviewStore::toReview);
    }

    @Override
    public Optional<DeployReview> decide(UUID id, ReviewStatus status, Actor by, String comment) {
        int updated = decided(dsl.update(DEPLOY_REVIEWS), status, by, comment, now())
                .where(DEPLOY_REVIEWS.ID.eq(id))
                .and(DEPLOY_REVIEWS.STATUS.eq(ReviewStatus.PENDING.wire()))
                .execute();
        return updated == 0 ? Optional.empty() : find(id);
    }

    @Override
    public Approval approve(UUID id, Actor by, String comment) {
        OffsetDateTime now = now();
        UUID versionId = ids.next();
        return dsl.transactionResult(tx -> {
            DSLContext db = tx.dsl();
            String key = db.select(DEPLOY_REVIEWS.DEPLOYMENT_KEY).from(DEPLOY_REVIEWS).where(DEPLOY_REVIEWS.ID.eq(id))
                    .fetchOne(DEPLOY_REVIEWS.DEPLOYMENT_KEY);
            if (key == null) throw new dev.junction.engine.deployment.NotFoundException("no deploy request with id '" + id + "'");
            // the deployment row first, then the request: the order submit takes them in (no deadlock between the two)
            DeploymentsRecord deployment = JooqDeploymentStore.lock(db, key);
            DeployReviewsRecord row = db.selectFrom(DEPLOY_REVIEWS).where(DEPLOY_REVIEWS.ID.eq(id)).forUpdate().fetchOne();
            if (!ReviewStatus.PENDING.wire().equals(row.getStatus())) return new Approval.NotPending(toReview(row));
            Integer live = JooqDeploymentStore.liveNumber(db, deployment);
            if (!Objects.equals(live, row.getBaseVersion())) {
                decided(db.update(DEPLOY_REVIEWS), ReviewStatus.SUPERSEDED, by, "the live version changed since this request "
                        + "was made (from " + label(row.getBaseVersion()) + " to " + label(live) + ")", now)
                        .where(DEPLOY_REVIEWS.ID.eq(id)).execute();
                return new Approval.Stale(toReview(db.selectFrom(DEPLOY_REVIEWS).where(DEPLOY_REVIEWS.ID.eq(id)).fetchOne()), live);
            }
            DeployReview review = toReview(row);
            DeploymentVersion version = JooqDeploymentStore.append(db, deployment, new JooqDeploymentStore.NewVersion(
                    versionId, now, review.snapshot().spec(), review.snapshot().contentHash(), review.author().name(),
                    review.message(), review.snapshot().sourceVersion(), new DeploymentVersion.Approval(by.name(), id)));
            decided(db.update(DEPLOY_REVIEWS), ReviewStatus.APPROVED, by, comment, now)
                    .set(DEPLOY_REVIEWS.DEPLOYED_VERSION, version.number())
                    .where(DEPLOY_REVIEWS.ID.eq(id)).execute();
            return new Approval.Approved(toReview(db.selectFrom(DEPLOY_REVIEWS).where(DEPLOY_REVIEWS.ID.eq(id)).fetchOne()), version);
        });
    }

    private static String label(Integer version) {
        return version == null ? "none" : "v" + version;
    }

    private static DeployReview toReview(DeployReviewsRecord r) {
        DeployReview.Decision decision = r.getDecidedAt() == null ? null : new DeployReview.Decision(
                r.getDecidedById() == null ? null
                        : new Actor(kind(r.getDecidedByKind()), r.getDecidedById(), r.getDecidedByName()),
                r.getDecidedAt().toInstant(), r.getComment(), r.getDeployedVersion());
        return new DeployReview(r.getId(),
                new DeployReview.Target(r.getDeploymentId(), r.getDeploymentKey(), r.getProject(), r.getFolder()),
                new DeployReview.Snapshot(ReviewKind.parse(r.getKind()), JooqDeploymentStore.spec(r.getSpec()),
                        r.getContentHash(), r.getDraftRevision(), r.getSourceVersion(), r.getBaseVersion()),
                new Actor(kind(r.getAuthorKind()), r.getAuthorId(), r.getAuthorName()),
                r.getMessage(), Json.read(r.getEvidence(), Evidence.class), ReviewStatus.parse(r.getStatus()),
                r.getCreatedAt().toInstant(), decision);
    }

    private static Principal.Kind kind(String wire) {
        return Principal.Kind.valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
