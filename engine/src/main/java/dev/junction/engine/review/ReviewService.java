package dev.junction.engine.review;

import dev.junction.engine.access.Permission;
import dev.junction.engine.access.Principal;
import dev.junction.engine.deployment.ConflictException;
import dev.junction.engine.deployment.Deployment;
import dev.junction.engine.deployment.DeploymentService;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.Draft;
import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.deployment.InvalidSpecException;
import dev.junction.engine.deployment.NotFoundException;
import dev.junction.engine.deployment.SpecDiff;
import dev.junction.engine.deployment.SpecJson;
import dev.junction.engine.deployment.StaleRevisionException;
import dev.junction.engine.log.RequestLogReader;
import dev.junction.engine.routing.Replay;
import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Reviewed deploys. When a deployment's project requires reviews ({@link ProjectSettings#reviewsRequired}), a deploy,
 * a rollback or an import with deploy does not go live: it becomes a {@link DeployReview} holding exactly what would
 * be deployed and what its reviewers should see ({@link Evidence}). Someone else with {@link Permission#DEPLOY} on the
 * deployment's place approves it (its snapshot goes through the deploy gate again and goes live) or rejects it with a
 * comment; its author may withdraw it. Without reviews every call is the plain deploy of {@link DeploymentService}.
 * <p>
 * Choices: a rollback is reviewed too (it changes what is live), except an {@code emergency} one by a principal with
 * {@link Permission#ADMIN} on the deployment's place, which goes live at once and says so in its message. A new
 * request supersedes the deployment's older pending one. An approval made when another version is live than the one
 * the request was made against is refused (409) and the request becomes superseded: its diff and replay no longer
 * describe what it would change. A draft equal to the live version deploys as today (nothing changes, nothing to review).
 */
public final class ReviewService {
    /** The recent requests a deploy request replays, at most. */
    public static final int REPLAY_LIMIT = 1000;

    private final DeploymentService deployments;
    private final ReviewStore reviews;
    private final ProjectSettingsStore settings;
    private final RequestLogReader logs;
    private final Clock clock;
    private final Ids ids;

    public ReviewService(DeploymentService deployments, ReviewStore reviews, ProjectSettingsStore settings,
                         RequestLogReader logs, Clock clock, Ids ids) {
        this.deployments = deployments;
        this.reviews = reviews;
        this.settings = settings;
        this.logs = logs;
        this.clock = clock;
        this.ids = ids;
    }

    /** What a deploy call did: went live (as without reviews), or became a pending request. */
    public sealed interface Outcome {
        record Deployed(DeploymentService.DeployResult result) implements Outcome {}

        record Requested(DeployReview review) implements Outcome {}
    }

    /** An import: the draft it wrote, and what its deploy did (null when it was not asked to deploy). */
    public record Imported(Draft draft, Outcome deploy) {}

    /** An approval: the request as decided and the deploy it made. */
    public record Approved(DeployReview review, DeploymentService.DeployResult result) {}

    // ---- settings

    public ProjectSettings settings(String project) {
        return settings.get(project);
    }

    /** Turning reviews on or off is an administrator's decision on the project (else a deployer could skip them). */
    public ProjectSettings saveSettings(String project, boolean reviewsRequired, Principal who) {
        if (!who.can(Permission.ADMIN, project, null)) {
            throw new ReviewRefusedException("changing the settings of project '" + project + "' needs the admin permission on it");
        }
        return settings.put(project, reviewsRequired, who.name());
    }

    /**
     * Whether deploying this deployment needs a review: its project requires them, or the project of its live version
     * does (moving a deployment to another project in its draft does not escape the review of the one it is live in).
     */
    public boolean required(String key) {
        return anyRequires(places(deployments.get(key), null));
    }

    // ---- the three ways to deploy
    //
    // Each checks the caller's permission itself, on the state it has just read (the web layer checked before, but a
    // project's settings or a draft's place may have changed in between): unreviewed, the deploy permission on every
    // place the change touches; reviewed, the request is made and the deciders' permissions are checked at approval.

    /** Deploys the draft, or requests its deploy. {@code expectedRevision} as in {@link DeploymentService#deploy}. */
    public Outcome deploy(String key, Integer expectedRevision, Principal who, String message) {
        List<String[]> places = places(deployments.get(key), null);
        if (!anyRequires(places)) {
            requireOn(who, Permission.DEPLOY, places, "deploy '" + key + "'");
            return new Outcome.Deployed(deployments.deploy(key, expectedRevision, who.name(), message));
        }
        Draft draft = deployments.draft(key);
        if (expectedRevision != null && expectedRevision != draft.revision()) {
            throw new StaleRevisionException(key, expectedRevision, draft.revision());
        }
        return request(deployments.get(key), ReviewKind.DEPLOY, draft.spec(), draft.revision(), null, who, message,
                () -> deployments.deploy(key, draft.revision(), who.name(), message));
    }

    /**
     * Deploys an old version again, or requests it. The places it touches are the old version's, the live version's
     * and the draft's; a review is needed when any of their projects requires one. With {@code emergency}, a principal
     * with {@link Permission#ADMIN} on all of them rolls back at once, unreviewed; anyone else is refused (403).
     */
    public Outcome rollback(String key, int number, Principal who, String message, boolean emergency) {
        Deployment deployment = deployments.get(key);
        DeploymentVersion old = deployments.version(key, number);
        List<String[]> places = places(deployment, old.spec());
        if (!anyRequires(places)) {
            requireOn(who, Permission.DEPLOY, places, "roll '" + key + "' back");
            return new Outcome.Deployed(deployments.rollback(key, number, who.name(), message));
        }
        if (emergency) {
            for (String[] place : places) {
                if (!who.can(Permission.ADMIN, place[0], place[1])) {
                    throw new ReviewRefusedException("an emergency rollback skips the review of project '" + place[0]
                            + "' and needs the admin permission on " + label(place) + "; request a reviewed rollback instead");
                }
            }
            String text = "emergency rollback to " + old.label() + ", not reviewed" + (blank(message) ? "" : ": " + message);
            return new Outcome.Deployed(deployments.rollback(key, number, who.name(), text));
        }
        String text = blank(message) ? "rollback to " + old.label() : message;
        return request(deployment, ReviewKind.ROLLBACK, old.spec(), null, number, who, text,
                () -> deployments.rollback(key, number, who.name(), message));
    }

    /**
     * Imports a spec (creates the deployment or replaces its draft) and deploys it when asked, or requests the deploy
     * when its project (or the live version's, or the current draft's) requires reviews. A spec that would not deploy
     * is refused before anything is written, reviewed or not.
     */
    public Imported importSpec(DeploymentSpec spec, Principal who, boolean deploy, String message) {
        if (!deploy) return new Imported(deployments.importSpec(spec, who.name(), false, message), null);
        List<String[]> places = deployments.exists(spec.key()) ? places(deployments.get(spec.key()), spec)
                : List.<String[]>of(new String[] {spec.project(), spec.folder()});
        if (!anyRequires(places)) {
            requireOn(who, Permission.DEPLOY, places, "deploy '" + spec.key() + "'");
            return new Imported(deployments.importSpec(spec, who.name(), true, message), null);
        }
        deployments.check(spec);
        Draft draft = deployments.importSpec(spec, who.name(), false, null);
        String text = message == null ? "imported" : message;
        Outcome outcome = request(deployments.get(spec.key()), ReviewKind.IMPORT, draft.spec(), draft.revision(), null, who,
                text, () -> deployments.deploy(spec.key(), draft.revision(), who.name(), text));
        return new Imported(draft, outcome);
    }

    /** The deployment's draft place, its live version's place and {@code also}'s place (when given), each once. */
    private List<String[]> places(Deployment deployment, DeploymentSpec also) {
        List<String[]> places = new ArrayList<>();
        add(places, deployment.project(), deployment.folder());
        deployments.activeVersion(deployment.key()).ifPresent(v -> add(places, v.spec().project(), v.spec().folder()));
        if (also != null) add(places, also.project(), also.folder());
        return places;
    }

    private static void add(List<String[]> places, String project, String folder) {
        String f = folder == null ? "" : folder;
        if (places.stream().noneMatch(p -> p[0].equals(project) && p[1].equals(f))) places.add(new String[] {project, f});
    }

    private boolean anyRequires(List<String[]> places) {
        return places.stream().anyMatch(p -> settings.get(p[0]).reviewsRequired());
    }

    private static void requireOn(Principal who, Permission permission, List<String[]> places, String what) {
        for (String[] place : places) {
            if (!who.can(permission, place[0], place[1])) {
                throw new ReviewRefusedException("to " + what + " you need the " + permission.name().toLowerCase(java.util.Locale.ROOT)
                        + " permission on " + label(place));
            }
        }
    }

    private static String label(String[] place) {
        return place[0] + (place[1].isEmpty() ? "" : "/" + place[1]);
    }

    private Outcome request(Deployment deployment, ReviewKind kind, DeploymentSpec spec, Integer draftRevision,
                           Integer sourceVersion, Principal who, String message,
                           Supplier<DeploymentService.DeployResult> unchanged) {
        String key = deployment.key();
        String hash = SpecJson.contentHash(spec);
        Optional<DeploymentVersion> live = deployments.activeVersion(key);
        if (live.isPresent() && live.get().contentHash().equals(hash)) return new Outcome.Deployed(unchanged.get());
        List<SpecDiff.Change> changes = live.map(v -> SpecDiff.between(v.spec(), spec)).orElse(List.of());
        Evidence evidence = deployments.tryCandidate(spec, (router, results) -> new Evidence(changes,
                Evidence.Tests.of(results), Replay.run(router, logs.recentRouted(key, REPLAY_LIMIT)),
                deployments.warningsOf(spec)));
        DeployReview review = new DeployReview(ids.next(),
                new DeployReview.Target(deployment.id(), key, spec.project(), spec.folder()),
                new DeployReview.Snapshot(kind, spec, hash, draftRevision, sourceVersion,
                        live.map(DeploymentVersion::number).orElse(null)),
                Actor.of(who), message, evidence, ReviewStatus.PENDING, clock.instant(), null);
        return new Outcome.Requested(reviews.submit(review));
    }

    // ---- reading and deciding

    public DeployReview get(UUID id) {
        return reviews.find(id).orElseThrow(() -> new NotFoundException("no deploy request with id '" + id + "'"));
    }

    public List<DeployReview> list(ReviewQuery query) {
        return reviews.list(query);
    }

    /**
     * Approves a pending request: its snapshot goes through the deploy gate again and is stored, live, with its author
     * and this approver; the request is claimed in the same transaction, so of two approvals one deploys and the other
     * gets 409.
     *
     * @throws ConflictException when it is not pending, or another version is live than the one it was made against
     *                           (it becomes superseded)
     * @throws ReviewRefusedException for its author, or without {@link Permission#DEPLOY} on the deployment's place
     */
    public Approved approve(UUID id, Principal who, String comment) {
        DeployReview review = decidable(id, who, "approve");
        DeployReview.Snapshot snapshot = review.snapshot();
        if (!SpecJson.contentHash(snapshot.spec()).equals(snapshot.contentHash())) {
            throw new ConflictException("the stored snapshot of deploy request " + id + " no longer matches its content hash "
                    + snapshot.contentHash() + ": it cannot be deployed; request the deploy again");
        }
        Integer live = deployments.get(review.target().key()).activeVersion();
        if (!Objects.equals(live, snapshot.baseVersion())) {
            reviews.decide(id, ReviewStatus.SUPERSEDED, Actor.of(who), staleness(snapshot.baseVersion(), live));
            throw stale(snapshot.baseVersion(), live);
        }
        DeploymentService.DeployResult result = deployments.deployWith(review.target().key(), snapshot.spec(), hash ->
                switch (reviews.approve(id, Actor.of(who), comment)) {
                    case ReviewStore.Approval.Approved a -> a.version();
                    case ReviewStore.Approval.NotPending n -> throw decided(n.review());
                    case ReviewStore.Approval.Stale s -> throw stale(snapshot.baseVersion(), s.live());
                });
        return new Approved(get(id), result);
    }

    /** Rejects a pending request with a comment (required: the author should learn why). */
    public DeployReview reject(UUID id, Principal who, String comment) {
        if (blank(comment)) {
            throw new InvalidSpecException(List.of(new FieldError("comment", "required: why the request is rejected")));
        }
        decidable(id, who, "reject");
        return reviews.decide(id, ReviewStatus.REJECTED, Actor.of(who), comment).orElseThrow(() -> decided(get(id)));
    }

    /** The author takes their own pending request back. */
    public DeployReview withdraw(UUID id, Principal who, String comment) {
        DeployReview review = get(id);
        if (!review.author().is(who)) throw new ReviewRefusedException("only its author can withdraw a deploy request");
        if (!review.pending()) throw decided(review);
        return reviews.decide(id, ReviewStatus.WITHDRAWN, Actor.of(who), comment).orElseThrow(() -> decided(get(id)));
    }

    /** The request, if it is pending and {@code who} may decide it. */
    private DeployReview decidable(UUID id, Principal who, String verb) {
        DeployReview review = get(id);
        if (!review.pending()) throw decided(review);
        if (review.author().is(who)) throw new ReviewRefusedException("you cannot " + verb + " your own deploy request");
        for (String[] place : places(review)) {
            if (!who.can(Permission.DEPLOY, place[0], place[1])) {
                throw new ReviewRefusedException("to " + verb + " this deploy request you need the deploy permission on "
                        + label(place));
            }
        }
        return review;
    }

    /**
     * Where the request deploys to, where the deployment is live now and where its draft is: a decider needs the
     * permission on each.
     */
    private List<String[]> places(DeployReview review) {
        List<String[]> places = new ArrayList<>();
        add(places, review.target().project(), review.target().folder());
        if (deployments.exists(review.target().key())) {
            places.addAll(places(deployments.get(review.target().key()), null).stream()
                    .filter(p -> places.stream().noneMatch(q -> q[0].equals(p[0]) && q[1].equals(p[1]))).toList());
        }
        return places;
    }

    private static ConflictException decided(DeployReview review) {
        return new ConflictException("this deploy request is " + review.status().wire()
                + (review.decision() == null || review.decision().by() == null ? "" : " (by " + review.decision().by().name() + ")")
                + ": it cannot be decided again");
    }

    private static String staleness(Integer base, Integer live) {
        return "the live version changed since this request was made (from " + label(base) + " to " + label(live)
                + "): request the deploy again";
    }

    private static ConflictException stale(Integer base, Integer live) {
        return new ConflictException("not deployed: " + staleness(base, live) + "; this request is superseded");
    }

    private static String label(Integer version) {
        return version == null ? "none" : "v" + version;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
