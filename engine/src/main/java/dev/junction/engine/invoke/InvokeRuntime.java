package dev.junction.engine.invoke;

import dev.junction.engine.catalog.InMemoryModelCatalog;
import dev.junction.engine.catalog.ModelCatalog;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.provider.TokenCounter;
import java.util.List;

/**
 * What every live version's models share: the provider registry, the retry backoff, the time limits, the circuit
 * breakers, the model garden (context windows) and the token counter. One per gateway.
 */
public record InvokeRuntime(Providers providers, RetrySettings retry, InvokeLimits limits, CircuitBreakers breakers,
                            ModelCatalog catalog, TokenCounter tokens) {

    public static InvokeRuntime of(Providers providers, RetrySettings retry, InvokeLimits limits, ModelCatalog catalog) {
        return new InvokeRuntime(providers, retry, limits, new CircuitBreakers(limits), catalog, new TokenCounter());
    }

    /** Defaults and an empty model garden (no context-window checks): for tests of other things. */
    public static InvokeRuntime of(Providers providers, RetrySettings retry) {
        return of(providers, retry, InvokeLimits.DEFAULTS, new InMemoryModelCatalog(List.of()));
    }
}
