package dev.junction.engine.deployment;

import dev.junction.engine.catalog.ModelCatalog;
import dev.junction.engine.invoke.ActiveDeployment;
import dev.junction.engine.invoke.ActiveDeployments;
import dev.junction.engine.invoke.InvokeRuntime;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RouterCompiler;
import dev.junction.engine.routing.RoutingCaseRunner;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.engine.routing.RoutingExplainer;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deployments through their life: create (a draft), edit the draft (optimistic), deploy it as an immutable
 * version (through the {@link DeployGate}: validate, compile, run the routing cases; then store and swap the live
 * pointer), roll back, refresh from another instance. A deploy that fails at any step leaves the active version as it
 * was.
 */
public final class DeploymentService {
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentService.class);

    /**
     * What a deploy did: the version now live, whether it is new (false: the draft equalled the live version), and
     * what a person should know about it ({@link DeployWarnings}).
     */
    public record DeployResult(DeploymentVersion version, boolean created, List<FieldError> warnings) {}

    private final DeploymentStore store;
    private final ActiveDeployments active;
    private final DeployGate gate;
    private final RouterCompiler compiler;
    private final InvokeRuntime runtime;
    private final ModelCatalog catalog;

    public DeploymentService(DeploymentStore store, ActiveDeployments active, RouterCompiler compiler, InvokeRuntime runtime) {
        this.store = store;
        this.active = active;
        this.gate = new DeployGate(compiler, runtime);
        this.catalog = runtime.catalog();
        this.compiler = compiler;
        this.runtime = runtime;
    }

    /**
     * Creates a deployment whose draft is {@code spec}. Nothing is live until it is deployed.
     *
     * @throws InvalidSpecException naming every problem
     * @throws ConflictException    when the key is taken
     */
    public Deployment create(DeploymentSpec spec, String author) {
        gate.validate(spec);
        if (store.exists(spec.key())) {
            throw new ConflictException("a deployment '" + spec.key() + "' already exists");
        }
        return store.create(spec, author);
    }

    public boolean exists(String key) {
        return store.exists(key);
    }

    public Deployment get(String key) {
        return store.find(key).orElseThrow(() -> notFound(key));
    }

    public List<Deployment> list(DeploymentQuery query) {
        return store.list(query);
    }

    public Draft draft(String key) {
        return store.draft(key).orElseThrow(() -> notFound(key));
    }

    /**
     * Saves a new draft. The spec's key must be the deployment's (a key cannot be renamed).
     *
     * @throws StaleRevisionException when {@code revision} is not the current one
     */
    public Draft saveDraft(String key, DeploymentSpec spec, int revision, String author) {
        get(key);
        if (spec.key() != null && !spec.key().equals(key)) {
            throw new InvalidSpecException(List.of(new FieldError("key", "cannot be changed (this is '" + key + "')")));
        }
        DeploymentSpec keyed = spec.withKey(key);
        gate.validate(keyed);
        return store.saveDraft(key, keyed, revision, author);
    }

    /**
     * Deploys the current draft.
     *
     * @param expectedRevision when not null, deploy only if the draft is still at this revision (what the caller reviewed)
     */
    public DeployResult deploy(String key, Integer expectedRevision, String author, String message) {
        Draft draft = draft(key);
        if (expectedRevision != null && expectedRevision != draft.revision()) {
            throw new StaleRevisionException(key, expectedRevision, draft.revision());
        }
        return deploySpec(key, draft.spec(), author, message, null);
    }

    /** Deploys an old version again as the newest one. The draft is left as it is. */
    public DeployResult rollback(String key, int number, String author, String message) {
        DeploymentVersion old = version(key, number);
        String text = message == null || message.isBlank() ? "rollback to " + old.label() : message;
        return deploySpec(key, old.spec(), author, text, number);
    }

    private DeployResult deploySpec(String key, DeploymentSpec spec, String author, String message, Integer source) {
        gate.validate(spec);
        String hash = SpecJson.contentHash(spec);
        Optional<DeploymentVersion> live = store.activeVersion(key);
        if (live.isPresent() && live.get().contentHash().equals(hash)) {
            return new DeployResult(live.get(), false, DeployWarnings.of(spec, catalog));
        }
        return deployWith(key, spec, contentHash -> store.deploy(key, spec, contentHash, author, message, source));
    }

    /** Stores a version that passed the gate, given its content hash; may refuse by throwing (nothing goes live then). */
    @FunctionalInterface
    public interface VersionWriter {
        DeploymentVersion write(String contentHash);
    }

    /**
     * The deploy path with the storing step given: the gate (validate, build, run the routing cases), then
     * {@code writer}, then the version goes live here. A reviewed deploy's writer claims the request and stores the
     * version in one transaction. Unlike {@link #deploy}, a spec equal to the live one is written too: the writer
     * decides (a request made against another live version is refused there).
     */
    public DeployResult deployWith(String key, DeploymentSpec spec, VersionWriter writer) {
        gate.validate(spec);
        String hash = SpecJson.contentHash(spec);
        List<FieldError> warnings = DeployWarnings.of(spec, catalog);
        gate.buildAndRunCases(spec, hash);
        DeploymentVersion version = writer.write(hash);
        activate(version);
        return new DeployResult(version, true, warnings);
    }

    /**
     * Puts {@code spec} through the gate as a deploy would (nothing is stored or goes live) and gives {@code use} the
     * router that was built and the routing cases' results: what a deploy request shows its reviewers.
     *
     * @throws InvalidSpecException when it would not deploy (a problem, a failing case)
     */
    public <T> T tryCandidate(DeploymentSpec spec,
                              java.util.function.BiFunction<Router, List<RoutingCaseRunner.Result>, T> use) {
        gate.validate(spec);
        return gate.withCandidate(spec, SpecJson.contentHash(spec), use);
    }

    /** The whole gate on a spec, nothing stored. */
    public void check(DeploymentSpec spec) {
        gate.check(spec);
    }

    /** The deploy warnings of any spec. */
    public List<FieldError> warningsOf(DeploymentSpec spec) {
        return DeployWarnings.of(spec, catalog);
    }

    public Optional<DeploymentVersion> activeVersion(String key) {
        return store.activeVersion(key);
    }

    /** Runs the routing cases of a version, {@code active} or the {@code draft}, compiled as a deploy would. */
    public List<RoutingCaseRunner.Result> runRoutingCases(String key, String ref) {
        DeploymentSpec spec = spec(key, ref);
        return withRouter(key, ref, spec, router -> dev.junction.engine.guard.GuardrailCases.check(spec,
                RoutingCaseRunner.run(router, spec.tests()), runtime.guards()));
    }

    /**
     * What the guardrails of the row {@code ruleId} (null: the default) and variant {@code variantKey} of a version do
     * to a sample user {@code text} and a sample {@code answer} (either may be null), calling no model but the judges
     * and callouts they name: the simulator's preview.
     */
    public dev.junction.engine.guard.GuardrailCases.Preview previewGuardrails(String key, String ref, String ruleId,
                                                                           String variantKey, String text, String answer) {
        return dev.junction.engine.guard.GuardrailCases.preview(spec(key, ref), ruleId, variantKey, text, answer, runtime.guards());
    }

    /** The deploy-time warnings of a version, {@code active} or the {@code draft}. */
    public List<FieldError> warnings(String key, String ref) {
        return DeployWarnings.of(spec(key, ref), catalog);
    }

    /** Where a context goes in a version, {@code active} or the {@code draft}, and why: no model is called. */
    public Simulation simulate(String key, String ref, java.util.Map<String, Object> context) {
        DeploymentSpec spec = spec(key, ref);
        return new Simulation(withRouter(key, ref, spec, router -> router.route(context)),
                RoutingExplainer.explain(spec.routing(), spec.routingSchema(), context));
    }

    /** A routing decision with its explanation, row by row. */
    public record Simulation(RoutingDecision decision, List<RoutingExplainer.RowResult> explanation) {}

    /** Uses the router of a version; one compiled for the occasion is released afterwards. */
    public <T> T withRouter(String key, String ref, java.util.function.Function<Router, T> use) {
        return withRouter(key, ref, spec(key, ref), use);
    }

    private <T> T withRouter(String key, String ref, DeploymentSpec spec, java.util.function.Function<Router, T> use) {
        Router router = router(key, ref, spec);
        boolean live = active.get(key).map(a -> a.router() == router).orElse(false);
        try {
            return use.apply(router);
        } finally {
            if (!live) router.release();
        }
    }

    /** The live router for {@code active}, else the spec compiled now (a draft or an old version). */
    private Router router(String key, String ref, DeploymentSpec spec) {
        if ("active".equals(ref)) {
            Optional<ActiveDeployment> live = active.get(key);
            if (live.isPresent()) return live.get().router();
        }
        return compiler.compile(key + "@" + (ref == null ? "draft" : ref), spec.routing(), spec.routingSchema());
    }

    public List<DeploymentVersion> versions(String key) {
        get(key);
        return store.versions(key);
    }

    public DeploymentVersion version(String key, int number) {
        get(key);
        return store.version(key, number)
                .orElseThrow(() -> new NotFoundException("deployment '" + key + "' has no version " + number));
    }

    /** The spec a reference names: a version number, "draft", or "active". */
    public DeploymentSpec spec(String key, String ref) {
        if (ref == null || ref.equals("draft")) return draft(key).spec();
        if (ref.equals("active")) {
            return store.activeVersion(key).map(DeploymentVersion::spec)
                    .orElseThrow(() -> new NotFoundException("deployment '" + key + "' has no deployed version"));
        }
        try {
            return version(key, Integer.parseInt(ref.startsWith("v") ? ref.substring(1) : ref)).spec();
        } catch (NumberFormatException e) {
            throw new InvalidSpecException(List.of(new FieldError("version", "'" + ref + "' is not a version number, 'draft' or 'active'")));
        }
    }

    public List<SpecDiff.Change> diff(String key, String from, String to) {
        return SpecDiff.between(spec(key, from), spec(key, to));
    }

    /**
     * Takes in a spec from elsewhere (an export): creates the deployment or replaces its draft, and deploys it
     * when asked. A spec that would not deploy (its routing cases fail) is refused before anything is written.
     */
    public Draft importSpec(DeploymentSpec spec, String author, boolean deploy, String message) {
        if (deploy) gate.check(spec);
        else gate.validate(spec);
        Draft draft;
        if (store.exists(spec.key())) {
            draft = store.saveDraft(spec.key(), spec, draft(spec.key()).revision(), author);
        } else {
            store.create(spec, author);
            draft = draft(spec.key());
        }
        if (deploy) deploySpec(spec.key(), spec, author, message == null ? "imported" : message, null);
        return draft;
    }

    /**
     * Builds and drops a live version of {@code sample} (JSON round trip, templates, retry policies, and the
     * first KieBase of the JVM, which costs Drools 1 to 4 s), so that the first deploy reaching this instance,
     * from this one or another, goes live in the time of its own compile.
     */
    public void warmUp(DeploymentSpec sample) {
        try {
            DeploymentSpec parsed = SpecJson.read(SpecJson.write(sample));
            ActiveDeployment.build(new DeploymentVersion(null, null, 0, SpecJson.contentHash(parsed), parsed, "warm-up", "", null),
                    compiler, runtime);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the warm-up spec does not survive JSON", e);
        }
    }

    /** Loads and compiles the live version of every deployment; called once at start. */
    public int activateAll() {
        List<DeploymentVersion> versions = store.activeVersions();
        for (DeploymentVersion version : versions) {
            activate(version);
        }
        return versions.size();
    }

    /**
     * Brings one deployment up to what the database says is live, after another instance deployed or rolled
     * back. A no-op when this instance already serves that version.
     */
    public void refresh(String key) {
        Optional<DeploymentVersion> live = store.activeVersion(key);
        if (live.isEmpty()) return;
        Optional<ActiveDeployment> current = active.get(key);
        if (current.isPresent() && current.get().version().id().equals(live.get().id())) return;
        activate(live.get());
    }

    private void activate(DeploymentVersion version) {
        long start = System.nanoTime();
        for (FieldError refused : DeployWarnings.refusedRegexes(version.spec().routing())) {
            LOG.warn("deployment {} {}: {}: {}", version.key(), version.label(), refused.path(), refused.message());
        }
        active.put(ActiveDeployment.build(version, compiler, runtime));
        LOG.info("deployment {} {} live ({} ms to build)", version.key(), version.label(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private static NotFoundException notFound(String key) {
        return new NotFoundException("deployment '" + key + "' not found");
    }
}
