package dev.junction.engine.experiment;

import dev.junction.engine.deployment.ConflictException;
import dev.junction.engine.deployment.DeploymentService;
import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.deployment.DeploymentVersion;
import dev.junction.engine.deployment.Draft;
import dev.junction.engine.deployment.ExperimentSpec;
import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.deployment.InvalidSpecException;
import dev.junction.engine.deployment.NotFoundException;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.SplitShare;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The experiments of a deployment's live version (split rows with an {@code experiment}), each with its result so
 * far ({@link ExperimentStats}), and the promotion of a winner into the draft.
 * <p>An experiment runs since the oldest version, going back from the live one without a gap, whose row of the same
 * id was the same experiment: the same conditions, the same split (arms, order and shares), the same goal, and each
 * arm's variant unchanged (prompt, models, parameters, guardrails). Changing any of them starts a new one; a version
 * that only changed something else (another row, another variant) does not. Only requests from applications (sources
 * API and SDK) count, not the simulator's or judges'. The arms' numbers are those
 * of the requests the row routed since then (other rows sending traffic to the same variants are not counted).
 * <p>Metric kinds: {@code error_rate} is a proportion; the others are proportions when every value is 0 or 1 (a
 * thumbs-up feedback, a pass/fail score), means otherwise.
 */
public final class Experiments {
    private final DeploymentService deployments;
    private final ArmData data;
    private final Clock clock;

    public Experiments(DeploymentService deployments, ArmData data, Clock clock) {
        this.deployments = deployments;
        this.data = data;
        this.clock = clock;
    }

    /** One experiment as the panel shows it. */
    public record View(String ruleId, String description, List<String> arms, List<Integer> percents, ExperimentSpec spec,
                       String metric, String name, String better, int sinceVersion, Instant since, MetricKind kind,
                       List<ArmStats> stats, ExperimentResult result) {}

    /** The experiments of the live version, in table order (none when nothing is live). */
    public List<View> list(String key) {
        deployments.get(key);
        DeploymentVersion live = deployments.activeVersion(key).orElse(null);
        if (live == null || live.spec().routing() == null) return List.of();
        List<View> out = new ArrayList<>();
        for (RoutingRule rule : live.spec().routing().rules()) {
            if (rule.experiment() != null && rule.isSplit()) out.add(view(key, live, rule));
        }
        return out;
    }

    /** @throws NotFoundException no experiment row {@code ruleId} in the live version */
    public View get(String key, String ruleId) {
        return list(key).stream().filter(v -> v.ruleId().equals(ruleId)).findFirst()
                .orElseThrow(() -> new NotFoundException("no experiment '" + ruleId + "' in the live version of '" + key + "'"));
    }

    /**
     * Writes a draft in which the experiment's row sends all its traffic to {@code arm} (the winner when null), with
     * no split and no experiment; it deploys like any draft, through the rule tests and, where the project asks for
     * it, a review.
     *
     * @throws ConflictException no arm given and no winner yet, or the draft no longer has the row as a split
     * @throws InvalidSpecException {@code arm} is not one of the experiment's arms
     */
    public Draft promote(String key, String ruleId, String arm, String author) {
        return promote(key, ruleId, arm, null, author);
    }

    /**
     * {@link #promote(String, String, String, String)}, only if the draft is still at {@code revision} (null: whatever
     * it is): an editor promotes what they saw.
     *
     * @throws dev.junction.engine.deployment.StaleRevisionException the draft changed since
     */
    public Draft promote(String key, String ruleId, String arm, Integer revision, String author) {
        View view = get(key, ruleId);
        String chosen = arm;
        if (chosen == null) {
            chosen = view.result().winner();
            if (chosen == null) {
                throw new ConflictException("experiment '" + ruleId + "' has no winner yet (" + view.result().verdict()
                        + "): name the arm to promote, {\"arm\": \"...\"}");
            }
        } else if (!view.arms().contains(chosen)) {
            throw new InvalidSpecException(List.of(new FieldError("arm", "must be one of the experiment's arms: "
                    + String.join(", ", view.arms()))));
        }
        Draft draft = deployments.draft(key);
        if (revision != null && revision != draft.revision()) {
            throw new dev.junction.engine.deployment.StaleRevisionException(key, revision, draft.revision());
        }
        DeploymentSpec spec = draft.spec();
        if (spec.routing() == null) throw new ConflictException("the draft has no routing table: nothing to promote");
        List<RoutingRule> rules = new ArrayList<>(spec.routing().rules());
        boolean found = false;
        for (int i = 0; i < rules.size(); i++) {
            RoutingRule r = rules.get(i);
            if (ruleId.equals(r.id())) {
                if (!r.isSplit()) throw new ConflictException("the draft's row '" + ruleId + "' is no longer a split: nothing to promote");
                rules.set(i, r.promoted(chosen));
                found = true;
            }
        }
        if (!found) throw new ConflictException("the draft has no row '" + ruleId + "' any more: nothing to promote");
        DeploymentSpec promoted = spec.withRouting(new dev.junction.engine.routing.RoutingTable(rules, spec.routing().defaultVariant()));
        return deployments.saveDraft(key, promoted, draft.revision(), author);
    }

    private View view(String key, DeploymentVersion live, RoutingRule rule) {
        DeploymentVersion since = start(key, live, rule);
        ExperimentSpec e = rule.experiment();
        String metric = e.goal() == null ? null : e.goal().metric();
        String name = e.goal() == null ? null : e.goal().name();
        List<String> arms = rule.split().stream().map(SplitShare::variant).toList();
        List<Integer> percents = rule.split().stream().map(SplitShare::percent).toList();
        Map<String, ArmStats> byArm = new HashMap<>();
        for (ArmStats a : data.arms(key, rule.id(), since.createdAt(), clock.instant(), metric, name)) byArm.put(a.arm(), a);
        List<ArmStats> ordered = new ArrayList<>();
        for (String arm : arms) ordered.add(byArm.getOrDefault(arm, ArmStats.empty(arm)));
        MetricKind kind = "error_rate".equals(metric) || ordered.stream().allMatch(a -> a.sum() == a.sumSquares())
                ? MetricKind.PROPORTION : MetricKind.MEAN;
        boolean higher = e.goal() == null || e.goal().higherIsBetter();
        ExperimentResult result = ExperimentStats.analyse(ordered, kind, higher ? Better.HIGHER : Better.LOWER,
                e.alphaOrDefault(), e.minSampleOrDefault());
        return new View(rule.id(), rule.description(), arms, percents, e, metric, name, higher ? "higher" : "lower",
                since.number(), since.createdAt(), kind, List.copyOf(ordered), result);
    }

    /** The oldest version, back from {@code live} without a gap, whose row {@code rule.id()} is the same experiment. */
    private DeploymentVersion start(String key, DeploymentVersion live, RoutingRule rule) {
        List<DeploymentVersion> versions = new ArrayList<>(deployments.versions(key));
        versions.sort(Comparator.comparingInt(DeploymentVersion::number).reversed());
        DeploymentVersion since = live;
        boolean reached = false;
        for (DeploymentVersion v : versions) {
            if (v.number() == live.number()) {
                reached = true;
                continue;
            }
            if (!reached || v.number() > live.number()) continue;
            RoutingRule old = v.spec().routing() == null ? null : v.spec().routing().rules().stream()
                    .filter(r -> rule.id().equals(r.id())).findFirst().orElse(null);
            if (old == null || !sameExperiment(old, rule) || !sameArms(v.spec(), live.spec(), rule)) break;
            since = v;
        }
        return since;
    }

    /** The same row: its conditions, its split (arms and shares) and its goal. */
    private static boolean sameExperiment(RoutingRule a, RoutingRule b) {
        if (a.experiment() == null || !a.isSplit()) return false;
        return a.split().equals(b.split()) && a.when().equals(b.when())
                && Objects.equals(a.experiment().goal(), b.experiment().goal());
    }

    /** Each arm's variant the same in both specs (prompt, models, parameters, guardrails): the same treatment. */
    private static boolean sameArms(DeploymentSpec older, DeploymentSpec live, RoutingRule rule) {
        for (SplitShare arm : rule.split()) {
            if (!Objects.equals(older.variant(arm.variant()).orElse(null), live.variant(arm.variant()).orElse(null))) return false;
        }
        return true;
    }
}
