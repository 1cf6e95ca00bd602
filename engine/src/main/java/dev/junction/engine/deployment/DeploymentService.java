package dev.junction.engine.deployment;

import dev.junction.engine.catalog.ModelCatalog;
import dev.junction.engine.invoke.ActiveDeployment;
import dev.junction.engine.invoke.ActiveDeployments;
import dev.junction.engine.invoke.RetrySettings;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.routing.RouterCompiler;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deploy flow: validate, compile and warm the routing, store the immutable version, then swap the live
 * pointer. A spec that fails any step changes nothing.
 */
public final class DeploymentService {
    private static final Logger LOG = LoggerFactory.getLogger(DeploymentService.class);

    private final DeploymentStore store;
    private final ActiveDeployments active;
    private final SpecValidator validator;
    private final RouterCompiler compiler;
    private final Providers providers;
    private final RetrySettings retrySettings;

    public DeploymentService(DeploymentStore store, ActiveDeployments active, Providers providers, ModelCatalog catalog,
                             RouterCompiler compiler, RetrySettings retrySettings) {
        this.store = store;
        this.active = active;
        this.validator = new SpecValidator(providers, catalog);
        this.compiler = compiler;
        this.providers = providers;
        this.retrySettings = retrySettings;
    }

    /**
     * Creates a deployment whose first version is {@code spec}, live as soon as this returns.
     *
     * @throws InvalidSpecException naming every problem; nothing is stored
     */
    public DeploymentVersion create(DeploymentSpec spec, String author, String message) {
        validator.check(spec);
        if (store.exists(spec.key())) {
            throw new InvalidSpecException(List.of(new FieldError("key", "a deployment '" + spec.key() + "' already exists")));
        }
        // Compile before storing: a table that does not compile must not become a version.
        compiler.compile(spec.key() + "@check", spec.routing());
        DeploymentVersion version = store.create(spec, SpecJson.contentHash(spec), author, message);
        activate(version);
        return version;
    }

    /** Loads and compiles the live version of every deployment; called once at start. */
    public int activateAll() {
        List<DeploymentVersion> versions = store.activeVersions();
        for (DeploymentVersion version : versions) {
            activate(version);
        }
        return versions.size();
    }

    private void activate(DeploymentVersion version) {
        long start = System.nanoTime();
        active.put(ActiveDeployment.build(version, compiler, providers, retrySettings));
        LOG.info("deployment {} {} live ({} ms to build)", version.key(), version.label(),
                (System.nanoTime() - start) / 1_000_000);
    }
}
