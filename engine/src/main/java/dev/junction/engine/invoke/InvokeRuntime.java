package dev.junction.engine.invoke;

import dev.junction.engine.catalog.InMemoryModelCatalog;
import dev.junction.engine.catalog.ModelCatalog;
import dev.junction.engine.provider.Providers;
import dev.junction.engine.provider.TokenCounter;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * What every live version's models share: the provider registry, the retry policy, the time limits, the circuit
 * breakers, the model garden (context windows), the token counter and the clock the retries and breakers run on
 * (the {@link InvokeService}'s deadlines must run on the same one), and what guardrails reach outside a version
 * (judges, callouts: {@link dev.junction.engine.guard.GuardEnv}). One per gateway.
 */
public record InvokeRuntime(Providers providers, RetryPolicy retryPolicy, InvokeLimits limits, CircuitBreakers breakers,
                            ModelCatalog catalog, TokenCounter tokens, Ticker ticker, dev.junction.engine.guard.GuardEnv guards) {

    public InvokeRuntime(Providers providers, RetryPolicy retryPolicy, InvokeLimits limits, CircuitBreakers breakers,
                         ModelCatalog catalog, TokenCounter tokens, Ticker ticker) {
        this(providers, retryPolicy, limits, breakers, catalog, tokens, ticker, dev.junction.engine.guard.GuardEnv.NONE);
    }

    /** The same runtime with these judges and callout hosts for guardrails and evaluators. */
    public InvokeRuntime withGuards(dev.junction.engine.guard.GuardEnv value) {
        return new InvokeRuntime(providers, retryPolicy, limits, breakers, catalog, tokens, ticker, value);
    }

    public static InvokeRuntime of(Providers providers, RetrySettings retry, InvokeLimits limits, ModelCatalog catalog) {
        return of(providers, retry, limits, catalog, Ticker.SYSTEM, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random a number in [0, 1) on every call, for the retries' jitter */
    public static InvokeRuntime of(Providers providers, RetrySettings retry, InvokeLimits limits, ModelCatalog catalog,
                                   Ticker ticker, DoubleSupplier random) {
        return new InvokeRuntime(providers, new RetryPolicy(retry, limits.maxRetryAfter(), random), limits,
                new CircuitBreakers(limits, ticker), catalog, new TokenCounter(), ticker);
    }

    /** Defaults and an empty model garden (no context-window checks): for tests of other things. */
    public static InvokeRuntime of(Providers providers, RetrySettings retry) {
        return of(providers, retry, InvokeLimits.DEFAULTS, new InMemoryModelCatalog(List.of()));
    }
}
