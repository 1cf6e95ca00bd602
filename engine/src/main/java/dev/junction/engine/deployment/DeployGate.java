package dev.junction.engine.deployment;

import dev.junction.engine.invoke.ActiveDeployment;
import dev.junction.engine.invoke.InvokeRuntime;
import dev.junction.engine.routing.RouterCompiler;
import dev.junction.engine.routing.RoutingCaseRunner;
import dev.junction.engine.routing.Router;
import java.util.List;
import java.util.function.BiFunction;

/**
 * What a spec must pass before it may go live, in this order: it validates ({@link SpecValidator}); everything a live
 * version of it needs builds (the routing table compiles, the templates and retry policies are made); and its routing
 * cases (the spec's {@code "tests"}) pass on the router that was built, with their guardrail expectations
 * ({@link dev.junction.engine.guard.GuardrailCases}). A deploy, a rollback and an import with deploy
 * go through it before anything is stored, so a spec it refuses leaves the live version as it was.
 * {@link DeployWarnings} are reported beside it and never refuse.
 */
public final class DeployGate {
    private final SpecValidator validator;
    private final RouterCompiler compiler;
    private final InvokeRuntime runtime;

    public DeployGate(RouterCompiler compiler, InvokeRuntime runtime) {
        this.validator = new SpecValidator(runtime.providers(), runtime.catalog(), runtime.guards());
        this.compiler = compiler;
        this.runtime = runtime;
    }

    /**
     * The whole gate: validate, build, run the routing cases.
     *
     * @throws InvalidSpecException naming every problem, or every failed case
     * @throws dev.junction.engine.routing.RoutingCompileException when the routing table does not compile
     */
    public void check(DeploymentSpec spec) {
        validate(spec);
        buildAndRunCases(spec, SpecJson.contentHash(spec));
    }

    /**
     * The first step alone, which a draft must pass to be saved too.
     *
     * @throws InvalidSpecException listing every problem
     */
    public void validate(DeploymentSpec spec) {
        validator.check(spec);
    }

    /**
     * The last two steps, on a spec that validated and whose content hash is {@code contentHash}: builds what a live
     * version needs, runs the routing cases on its router, and drops what it built (going live builds it again).
     *
     * @throws InvalidSpecException one error per failed case, {@code tests[i]: name: expected ...}
     * @throws dev.junction.engine.routing.RoutingCompileException when the routing table does not compile
     */
    public void buildAndRunCases(DeploymentSpec spec, String contentHash) {
        withCandidate(spec, contentHash, (router, results) -> null);
    }

    /**
     * {@link #buildAndRunCases}, then {@code use} on the router that was built and the cases' results (all passed), before
     * the router is dropped: what a deploy request shows its reviewers (the cases, a replay of traffic) comes from the
     * very build the gate accepted.
     *
     * @throws InvalidSpecException one error per failed case, {@code tests[i]: name: expected ...}
     */
    public <T> T withCandidate(DeploymentSpec spec, String contentHash,
                               BiFunction<Router, List<RoutingCaseRunner.Result>, T> use) {
        DeploymentVersion candidate = new DeploymentVersion(null, null, 0, contentHash, spec, null, null, null);
        ActiveDeployment built = ActiveDeployment.build(candidate, compiler, runtime);
        try {
            List<RoutingCaseRunner.Result> results = dev.junction.engine.guard.GuardrailCases.check(spec,
                    RoutingCaseRunner.run(built.router(), spec.tests()), runtime.guards());
            List<RoutingCaseRunner.Result> failed = results.stream().filter(r -> !r.passed()).toList();
            if (!failed.isEmpty()) {
                throw new InvalidSpecException(failed.stream()
                        .map(r -> new FieldError("tests[" + r.index() + "]", (r.name() == null ? "" : r.name() + ": ") + r.failure()))
                        .toList());
            }
            return use.apply(built.router(), results);
        } finally {
            built.router().release();
        }
    }
}
