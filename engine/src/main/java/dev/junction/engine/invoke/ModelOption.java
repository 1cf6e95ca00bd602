package dev.junction.engine.invoke;

import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.junction.engine.catalog.CatalogModel;
import dev.junction.engine.catalog.Cost;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.StreamCancelledException;
import dev.junction.engine.provider.StreamSink;
import dev.junction.engine.provider.TokenCounter;
import dev.junction.engine.provider.Usage;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model of a variant (its primary or its fallback), built once when the version is activated: a Failsafe retry
 * policy (the variant's retry count, exponential backoff with jitter, a rate limit's {@code Retry-After} waited out up
 * to {@link InvokeLimits#maxRetryAfter()}, only retryable failures) around the model's shared circuit breaker.
 * Before the first call the prompt is measured against the model's context window; one too large is not sent.
 * The adapter is looked up in the provider registry on every attempt, so a changed connection takes effect without
 * redeploying; a provider with no connection becomes a failed attempt that is not retried.
 */
final class ModelOption {
    private static final Logger LOG = LoggerFactory.getLogger(ModelOption.class);

    private final Attempt.Option role;
    private final ModelConfig config;
    private final InvokeRuntime runtime;
    private final FailsafeExecutor<ChatResponse> executor;

    /** What a successful call returned, and the connection that answered it. */
    record Answer(ChatResponse response, ProviderAdapter adapter) {}

    ModelOption(Attempt.Option role, ModelConfig config, InvokeRuntime runtime) {
        this.role = role;
        this.config = config;
        this.runtime = runtime;
        RetrySettings settings = runtime.retry();
        Duration cap = runtime.limits().maxRetryAfter();
        RetryPolicy<ChatResponse> retry = RetryPolicy.<ChatResponse>builder()
                .handleIf(e -> e instanceof ProviderException pe && pe.failure().retryable()
                        && config.retriesOn(pe.failure().reason()))
                .abortIf((result, e) -> e instanceof ProviderException pe && retryAfter(pe) != null && retryAfter(pe).compareTo(cap) > 0)
                .withMaxRetries(config.retries())
                .withBackoff(settings.baseDelay(), settings.maxDelay())
                .withJitter(settings.jitter())
                // a Retry-After is waited out in full: Failsafe still applies jitter to it, so ask for a bit more.
                // Failsafe computes the delay before it asks abortIf, so one beyond the cap must not overflow here.
                .withDelayFn(ctx -> ctx.getLastException() instanceof ProviderException pe && retryAfter(pe) != null
                        ? Duration.ofNanos((long) Math.ceil(min(retryAfter(pe), cap).toNanos() / (1 - settings.jitter())))
                        : Duration.ofNanos(-1))
                .build();
        this.executor = Failsafe.with(retry).compose(runtime.breakers().of(config.provider(), config.model()));
    }

    private static Duration retryAfter(ProviderException e) {
        return e.failure() instanceof ProviderFailure.RateLimited r ? r.retryAfter() : null;
    }

    /** The Orquesta SDK's name for the provider answering now. */
    String orqProvider() {
        return runtime.providers().find(config.provider()).map(ProviderAdapter::orqProvider).orElse("openailike");
    }

    Attempt.Option role() { return role; }
    ModelConfig config() { return config; }

    /**
     * Calls the model, retrying as its policy says. Every attempt, successful or not, is appended to {@code attempts}.
     *
     * @throws ProviderException the last failure once retries are exhausted, the failure is not retryable, the
     *                           prompt does not fit, or the circuit is open
     * @throws DeadlineExceededException the request's deadline passed
     */
    Answer call(List<PromptMessage> messages, ModelParameters overrides, List<Attempt> attempts, Deadline deadline) {
        return run(messages, overrides, attempts, deadline, null);
    }

    /**
     * Streams the model's answer into {@code sink}. Failures before the first piece of text are retried as for
     * {@link #call}; a failure after it throws {@link StreamBrokenException} and is not retried.
     */
    Answer stream(List<PromptMessage> messages, ModelParameters overrides, List<Attempt> attempts, Deadline deadline,
                  StreamSink sink) {
        return run(messages, overrides, attempts, deadline, sink);
    }

    private Answer run(List<PromptMessage> messages, ModelParameters overrides, List<Attempt> attempts, Deadline deadline,
                       StreamSink sink) {
        ModelParameters parameters = config.parameters().overriddenBy(overrides);
        checkContextWindow(messages, parameters, attempts);
        // Before the circuit breaker: a call that never starts must not count as its probe's success.
        if (!deadline.remaining().isPositive()) throw new DeadlineExceededException(deadline.total());
        ProviderAdapter[] used = new ProviderAdapter[1];
        try {
            ChatResponse answer = executor.get(ctx -> attempt(ctx.getAttemptCount() + 1, messages, parameters, attempts, deadline, sink, used));
            return new Answer(answer, used[0]);
        } catch (NoTimeToRetry e) {
            throw e.failure; // on to the fallback with the time that is left
        } catch (CircuitBreakerOpenException e) {
            ProviderFailure failure = new ProviderFailure.CircuitOpen(config.label() + " failed " + runtime.limits().breakerFailures()
                    + " times in a row: skipped until a probe call succeeds (at most " + runtime.limits().breakerOpenFor().toSeconds() + " s)");
            attempts.add(failed(attempts.stream().filter(a -> a.option().equals(role)).count() + 1, failure, System.nanoTime()));
            throw new ProviderException(failure);
        }
    }

    private ChatResponse attempt(int number, List<PromptMessage> messages, ModelParameters parameters, List<Attempt> attempts, Deadline deadline,
                                 StreamSink sink, ProviderAdapter[] used) {
        long start = System.nanoTime();
        Duration remaining = deadline.remaining();
        if (remaining.isNegative() || remaining.isZero()) throw new DeadlineExceededException(deadline.total());
        Duration timeout = min(runtime.limits().attemptTimeout(), remaining);
        // The deadline, not the provider, sets this attempt's limit (before the first token, for a stream): a
        // timeout is then the deadline's, even if the timer fired a hair before it by our clock.
        boolean deadlineLimits = remaining.compareTo(sink == null ? runtime.limits().attemptTimeout()
                : min(runtime.limits().firstTokenTimeout(), runtime.limits().attemptTimeout())) <= 0;
        ChatRequest request = new ChatRequest(config.model(), messages, parameters, number, timeout,
                sink == null ? null : min(runtime.limits().firstTokenTimeout(), remaining));
        ProviderAdapter adapter = runtime.providers().find(config.provider()).orElse(null);
        if (adapter == null) {
            ProviderFailure failure = new ProviderFailure.NotConnected(
                    "no provider connection named '" + config.provider() + "': add it under /api/providers");
            attempts.add(failed(number, failure, start));
            throw new ProviderException(failure);
        }
        boolean[] started = new boolean[1];
        try {
            ChatResponse response = sink == null ? adapter.chat(request) : adapter.stream(request, text -> {
                started[0] = true;
                sink.delta(text);
            });
            Usage usage = response.usage();
            Cost cost = cost(usage);
            attempts.add(Attempt.succeeded(role, number, config, micros(start), usage, cost));
            used[0] = adapter;
            return response;
        } catch (ProviderException e) {
            attempts.add(failed(number, e.failure(), start));
            if (started[0]) throw new StreamBrokenException(e.failure());
            if (e.failure() instanceof ProviderFailure.Timeout && (deadlineLimits || deadline.remaining().isNegative())) {
                throw new DeadlineExceededException(deadline.total());
            }
            if (number <= config.retries() && e.failure().retryable() && config.retriesOn(e.failure().reason())
                    && !timeToRetry(e.failure(), number, deadline)) {
                throw new NoTimeToRetry(e);
            }
            throw e;
        } catch (StreamCancelledException e) {
            attempts.add(failed(number, new ProviderFailure.ConnectionFailed("the client went away"), start)
                    .withReason("client_cancelled"));
            throw e;
        } catch (RuntimeException e) {
            // An adapter bug must not escape as a 500 with a stack trace: it becomes a failed attempt.
            LOG.warn("unexpected error in provider adapter {}", adapter.name(), e);
            ProviderFailure failure = new ProviderFailure.ServerError(0,
                    "unexpected " + e.getClass().getSimpleName() + " in the " + adapter.name() + " adapter");
            attempts.add(failed(number, failure, start));
            if (started[0]) throw new StreamBrokenException(failure);
            throw new ProviderException(failure);
        }
    }

    /**
     * Whether the wait before the retry after attempt {@code number} ends before the request's deadline: the
     * provider's {@code Retry-After} (waited out in full), or the longest the backoff can be with its jitter. A retry
     * that would start after the deadline only turns the request into a 504; the fallback gets the time instead.
     */
    private boolean timeToRetry(ProviderFailure failure, int number, Deadline deadline) {
        Duration remaining = deadline.remaining();
        if (failure instanceof ProviderFailure.RateLimited r && r.retryAfter() != null) {
            return r.retryAfter().compareTo(remaining) < 0;
        }
        RetrySettings settings = runtime.retry();
        double backoff = Math.min(settings.baseDelay().toNanos() * Math.pow(2, number - 1), settings.maxDelay().toNanos());
        return backoff * (1 + settings.jitter()) < remaining.toNanos();
    }

    /**
     * A retryable failure with no time left to retry it: Failsafe does not retry it (it is not a
     * {@link ProviderException}) but the circuit breaker counts it ({@link CircuitBreakers}).
     */
    static final class NoTimeToRetry extends RuntimeException {
        final ProviderException failure;

        NoTimeToRetry(ProviderException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }

    /** The cost of a call at the model garden's prices; null when the garden does not know the model. */
    private Cost cost(Usage usage) {
        return runtime.catalog().find(config.provider(), config.model())
                .map(m -> Cost.of(m, runtime.catalog().priceSource(config.provider(), config.model()), usage))
                .orElse(null);
    }

    /**
     * A prompt that, with the requested output, does not fit the model's context window (per the model garden) is
     * not sent: a failed attempt with reason {@code context_window}, and the variant moves on to its fallback.
     */
    private void checkContextWindow(List<PromptMessage> messages, ModelParameters parameters, List<Attempt> attempts) {
        Optional<CatalogModel> entry = runtime.catalog().find(config.provider(), config.model());
        if (entry.isEmpty() || entry.get().contextWindow() <= 0) return;
        long start = System.nanoTime();
        int window = entry.get().contextWindow();
        int output = parameters.maxTokens() == null ? 0 : parameters.maxTokens();
        TokenCounter.Fit fit = runtime.tokens().fits(config.model(), messages, output, window);
        if (fit.fits()) return;
        ProviderFailure failure = ProviderFailure.ContextLengthExceeded.notSent("the prompt takes " + (fit.exact() ? "" : "about ")
                + fit.promptTokens() + " tokens" + (output > 0 ? " plus " + output + " for the answer" : "")
                + ", more than the " + window + "-token context window of " + config.label() + ": not sent");
        attempts.add(failed(1, failure, start));
        throw new ProviderException(failure);
    }

    private Attempt failed(long number, ProviderFailure failure, long start) {
        return Attempt.failed(role, (int) number, config, micros(start), failure);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000;
    }
}
