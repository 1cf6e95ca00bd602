package dev.junction.engine.invoke;

import dev.junction.engine.catalog.CatalogModel;
import dev.junction.engine.catalog.Cost;
import dev.junction.engine.catalog.RequestNeeds;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.PromptCache;
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
 * One model of a variant (its primary or its fallback), built once when the version is activated, with the model's
 * shared circuit breaker. A call is one loop: check the deadline and the circuit, call the model, and after a failure
 * do what the {@link RetryPolicy} decides (retry after a wait, move on to the fallback, or stop).
 * Before the first call the request is checked against the model's capabilities and its prompt measured against the
 * model's context window (both per the model garden); one the model cannot take, or too large, is not sent.
 * The adapter is looked up in the provider registry on every attempt, so a changed connection takes effect without
 * redeploying; a provider with no connection becomes a failed attempt that is not retried.
 * <p>An answer is checked against the {@link OutputContract} of the parameters it was asked with (a {@code json_schema}
 * or {@code json_object} response format, strict tools) before anything of it reaches the client: one that breaks it is
 * a failed attempt of reason {@code invalid_output}, retried and then sent to the fallback like a provider error. A
 * stream under such a contract is held back in its sink until the whole answer is in and valid, then passed on at
 * once: the client sees the answer arrive at the end, never a piece of an invalid one, and since nothing has reached
 * it, an invalid answer (or a stream that breaks off) can still be retried or go to the fallback. A stream without a
 * contract flows as it arrives. An invalid answer does not count against the model's circuit breaker: the contract
 * may be a request's own, and one client's impossible schema must not cut a model off for everyone.
 */
final class ModelOption {
    private static final Logger LOG = LoggerFactory.getLogger(ModelOption.class);

    private final Attempt.Option role;
    private final ModelConfig config;
    private final InvokeRuntime runtime;
    private final InvokeLimits limits;
    private final Ticker ticker;
    private final CircuitBreakers.Breaker breaker;
    /** The contract of the model's own parameters, compiled when the version is activated. */
    private final OutputContract contract;
    /** The variant's prompt caching setting. */
    private final dev.junction.engine.deployment.PromptCachingSettings promptCaching;

    /** What a successful call returned, and the connection that answered it. */
    record Answer(ChatResponse response, ProviderAdapter adapter) {}

    /** How one call ended: with an answer, or with a failure for the retry policy to judge. */
    private record Outcome(Answer answer, RetryPolicy.Failed failed) {
        /** Whether the circuit breaker counts it as a failure: one worth retrying, or a stream broken off. */
        boolean unhealthy() {
            return failed != null && (failed.streamed() || failed.failure().retryable())
                    && !(failed.failure() instanceof ProviderFailure.InvalidOutput);
        }
    }

    ModelOption(Attempt.Option role, ModelConfig config, InvokeRuntime runtime) {
        this(role, config, runtime, null);
    }

    /** @param promptCaching the variant's prompt caching setting (null: the default, on) */
    ModelOption(Attempt.Option role, ModelConfig config, InvokeRuntime runtime,
                dev.junction.engine.deployment.PromptCachingSettings promptCaching) {
        this.promptCaching = promptCaching == null ? dev.junction.engine.deployment.PromptCachingSettings.DEFAULT : promptCaching;
        this.role = role;
        this.config = config;
        this.runtime = runtime;
        this.limits = runtime.limits();
        this.ticker = runtime.ticker();
        this.breaker = runtime.breakers().of(config.provider(), config.model());
        this.contract = OutputContract.of(config.parameters());
    }

    /** The Orquesta SDK's name for the provider answering now. */
    String orqProvider() {
        return runtime.providers().find(config.provider()).map(ProviderAdapter::orqProvider).orElse("openailike");
    }

    Attempt.Option role() { return role; }
    ModelConfig config() { return config; }

    /**
     * Calls the model, retrying as its policy says. Every attempt, successful or not, is appended to {@code attempts}.
     * {@code cachePrefix}: how many leading messages are the variant's fixed prefix ({@link VariantPlan#cachePrefix}).
     *
     * @throws ProviderException the last failure once retries are exhausted, the failure is not retryable, the
     *                           prompt does not fit, or the circuit is open
     * @throws DeadlineExceededException the request's deadline passed
     */
    Answer call(List<PromptMessage> messages, int cachePrefix, ModelParameters overrides, List<Attempt> attempts,
                Deadline deadline) {
        return call(messages, cachePrefix, overrides, attempts, deadline, null);
    }

    /** {@link #call}, the answer checked by the request's output guardrails ({@code guard}; null: none). */
    Answer call(List<PromptMessage> messages, int cachePrefix, ModelParameters overrides, List<Attempt> attempts,
                Deadline deadline, AnswerGuard guard) {
        return run(messages, cachePrefix, overrides, attempts, deadline, null, guard);
    }

    /**
     * Streams the model's answer into {@code sink}. Failures before the first piece reaches the sink are retried as
     * for {@link #call}; a failure after it throws {@link StreamBrokenException} and is not retried. Under an
     * {@link OutputContract} the pieces reach the sink only once the whole answer is in and valid.
     */
    Answer stream(List<PromptMessage> messages, int cachePrefix, ModelParameters overrides, List<Attempt> attempts,
                  Deadline deadline, StreamSink sink) {
        return stream(messages, cachePrefix, overrides, attempts, deadline, sink, null);
    }

    /**
     * {@link #stream}, the answer checked by the request's output guardrails ({@code guard}; null: none): held back
     * until checked when one of them can block, mask or refuse it ({@link AnswerGuard#holdsStream}).
     */
    Answer stream(List<PromptMessage> messages, int cachePrefix, ModelParameters overrides, List<Attempt> attempts,
                  Deadline deadline, StreamSink sink, AnswerGuard guard) {
        return run(messages, cachePrefix, overrides, attempts, deadline, sink, guard);
    }

    private Answer run(List<PromptMessage> messages, int cachePrefix, ModelParameters overrides, List<Attempt> attempts,
                       Deadline deadline, StreamSink sink, AnswerGuard guard) {
        ModelParameters parameters = config.parameters().overriddenBy(overrides);
        PromptCache cache = promptCache(cachePrefix, parameters);
        checkCapabilities(messages, parameters, attempts);
        checkContextWindow(messages, parameters, attempts);
        for (int number = 1; ; number++) {
            // Before the circuit breaker: a call that never starts is neither a success nor a failure of the model.
            if (!deadline.remaining().isPositive()) throw new DeadlineExceededException(deadline.total());
            if (!breaker.tryAcquire()) throw circuitOpen(number, attempts);
            Outcome outcome = null;
            try {
                outcome = attempt(number, messages, cache, parameters, attempts, deadline, sink, guard);
            } finally {
                breaker.record(outcome != null && outcome.unhealthy()); // a client gone away is no fault of the model
            }
            if (outcome.answer() != null) return outcome.answer();
            ProviderFailure failure = outcome.failed().failure();
            switch (runtime.retryPolicy().decide(config, outcome.failed(), deadline.remaining())) {
                case RetryPolicy.Retry retry -> waitOut(retry.after(), failure);
                case RetryPolicy.MoveOn moveOn -> throw new ProviderException(failure);
                case RetryPolicy.Stop stop when stop.because() == RetryPolicy.Because.STREAM_STARTED ->
                        throw new StreamBrokenException(failure);
                case RetryPolicy.Stop stop -> throw new DeadlineExceededException(deadline.total());
            }
        }
    }

    /** The wait before a retry; interrupted, the model is done (and the thread keeps its interrupt). */
    private void waitOut(Duration wait, ProviderFailure failure) {
        try {
            ticker.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(failure);
        }
    }

    private ProviderException circuitOpen(int number, List<Attempt> attempts) {
        ProviderFailure failure = new ProviderFailure.CircuitOpen(config.label() + " failed " + limits.breakerFailures()
                + " times in a row: skipped until a probe call succeeds (at most " + limits.breakerOpenFor().toSeconds() + " s)");
        attempts.add(failed(number, failure, ticker.nanoTime()));
        return new ProviderException(failure);
    }

    /** One call to the model. Throws only when the client went away (or on a bug outside the adapter). */
    private Outcome attempt(int number, List<PromptMessage> messages, PromptCache cache, ModelParameters parameters,
                            List<Attempt> attempts, Deadline deadline, StreamSink sink, AnswerGuard guard) {
        long start = ticker.nanoTime();
        Duration remaining = deadline.remaining();
        Duration timeout = min(limits.attemptTimeout(), remaining);
        // The deadline, not the provider, sets this attempt's limit (before the first token, for a stream): a
        // timeout is then the deadline's, even if the timer fired a hair before it by our clock.
        boolean deadlineSetTheLimit = remaining.compareTo(sink == null ? limits.attemptTimeout()
                : min(limits.firstTokenTimeout(), limits.attemptTimeout())) <= 0;
        ChatRequest request = new ChatRequest(config.model(), messages, parameters, number, timeout,
                sink == null ? null : min(limits.firstTokenTimeout(), remaining), cache);
        ProviderAdapter adapter = runtime.providers().find(config.provider()).orElse(null);
        if (adapter == null) {
            ProviderFailure failure = new ProviderFailure.NotConnected(
                    "no provider connection named '" + config.provider() + "': add it under /api/providers");
            attempts.add(failed(number, failure, start));
            return new Outcome(null, new RetryPolicy.Failed(number, failure, false, deadlineSetTheLimit));
        }
        OutputContract contract = contractFor(parameters);
        WatchedSink watched = sink == null ? null
                : new WatchedSink(sink, contract.applies() || (guard != null && guard.holdsStream()));
        ProviderFailure failure;
        try {
            ChatResponse response = sink == null ? adapter.chat(request) : adapter.stream(request, watched);
            ProviderFailure.InvalidOutput invalid = contract.check(response);
            if (invalid != null) {
                attempts.add(invalid(number, invalid, response.usage(), start));
                return new Outcome(null, new RetryPolicy.Failed(number, invalid, false, deadlineSetTheLimit));
            }
            if (guard != null) {
                AnswerGuard.Checked checked;
                try {
                    checked = guard.check(response);
                } catch (GuardBlockedException blocked) {
                    attempts.add(invalid(number, new ProviderFailure.GuardrailRejected("blocked by guardrail '"
                            + blocked.block().name() + "'", true), response.usage(), start));
                    throw blocked;
                }
                if (checked.failure() != null) {
                    attempts.add(invalid(number, checked.failure(), response.usage(), start));
                    return new Outcome(null, new RetryPolicy.Failed(number, checked.failure(), false, deadlineSetTheLimit));
                }
                if (watched != null) watched.release(checked.response() == response ? null : checked.response().content());
                response = checked.response();
            } else if (watched != null) {
                watched.release(null);
            }
            attempts.add(succeeded(number, response.usage(), start));
            return new Outcome(new Answer(response, adapter), null);
        } catch (GuardBlockedException e) {
            throw e;
        } catch (ProviderException e) {
            failure = e.failure();
        } catch (StreamCancelledException e) {
            attempts.add(failed(number, new ProviderFailure.ConnectionFailed("the client went away"), start)
                    .withReason("client_cancelled"));
            throw e;
        } catch (RuntimeException e) {
            // An adapter bug must not escape as a 500 with a stack trace: it becomes a failed attempt.
            LOG.warn("unexpected error in provider adapter {}", adapter.name(), e);
            failure = new ProviderFailure.ServerError(0,
                    "unexpected " + e.getClass().getSimpleName() + " in the " + adapter.name() + " adapter");
        }
        attempts.add(failed(number, failure, start));
        boolean streamed = watched != null && watched.started;
        return new Outcome(null, new RetryPolicy.Failed(number, failure, streamed, deadlineSetTheLimit));
    }

    /**
     * The prefix for the provider's prompt cache: {@code cachePrefix} messages, and every tool unless the request's
     * overrides change the tools or the response format (then only the variant's own tools, which come first).
     */
    private PromptCache promptCache(int cachePrefix, ModelParameters parameters) {
        ModelParameters own = config.parameters();
        boolean sameTools = java.util.Objects.equals(parameters.responseFormat(), own.responseFormat())
                && java.util.Objects.equals(parameters.tools(), own.tools());
        int tools = sameTools ? PromptCache.ALL_TOOLS : own.tools() == null ? 0 : own.tools().size();
        return new PromptCache(cachePrefix, tools, promptCaching);
    }

    /** The model's own contract, unless the request's overrides change its tools or response format. */
    private OutputContract contractFor(ModelParameters parameters) {
        ModelParameters own = config.parameters();
        if (java.util.Objects.equals(parameters.responseFormat(), own.responseFormat())
                && java.util.Objects.equals(parameters.tools(), own.tools())) {
            return contract;
        }
        return OutputContract.of(parameters);
    }

    /** A call that answered, but broke its contract or a guardrail: failed, with the usage the provider bills for it. */
    private Attempt invalid(int number, ProviderFailure failure, Usage usage, long start) {
        Attempt answered = succeeded(number, usage, start);
        return new Attempt(role, number, config.provider(), config.model(), Attempt.Outcome.FAILED,
                Attempt.Failure.of(failure), answered.latencyMicros(), answered.usage(), null);
    }

    /**
     * Passes a stream's pieces on, noting that some reached the client (after which nothing is retried); under a
     * contract, holds them all until {@link #release} (the answer was found valid).
     */
    private static final class WatchedSink implements StreamSink {
        private final StreamSink sink;
        private final List<dev.junction.engine.provider.StreamPiece> held;
        private boolean started;

        WatchedSink(StreamSink sink, boolean hold) {
            this.sink = sink;
            this.held = hold ? new java.util.ArrayList<>() : null;
        }

        @Override
        public void accept(dev.junction.engine.provider.StreamPiece piece) {
            if (held != null) {
                held.add(piece);
                return;
            }
            started = true;
            sink.accept(piece);
        }

        /**
         * Passes on what was held; with {@code text} (an answer a guardrail masked), that text in place of the held
         * text pieces, as one piece where the first of them was, and no reasoning (it may say what was masked).
         */
        void release(String text) {
            if (held == null) return;
            boolean textSent = false;
            for (dev.junction.engine.provider.StreamPiece piece : held) {
                if (text != null && piece instanceof dev.junction.engine.provider.StreamPiece.ReasoningDelta) continue;
                if (text != null && piece instanceof dev.junction.engine.provider.StreamPiece.Text) {
                    if (textSent) continue;
                    textSent = true;
                    piece = new dev.junction.engine.provider.StreamPiece.Text(text);
                }
                started = true;
                sink.accept(piece);
            }
            if (text != null && !textSent && !text.isEmpty()) {
                started = true;
                sink.accept(new dev.junction.engine.provider.StreamPiece.Text(text));
            }
            held.clear();
        }
    }

    /** The model garden's price of {@code prompt} input and {@code output} output tokens on this model; 0 when unpriced. */
    java.math.BigDecimal priceOf(int prompt, int output) {
        return runtime.catalog().find(config.provider(), config.model())
                .map(m -> Cost.of(m, null, new Usage(prompt, output)).totalUsd())
                .orElse(java.math.BigDecimal.ZERO);
    }

    /** The cost of a call at the model garden's prices; null when the garden does not know the model. */
    private Cost cost(Usage usage) {
        return runtime.catalog().find(config.provider(), config.model())
                .map(m -> Cost.of(m, runtime.catalog().priceSource(config.provider(), config.model()), usage))
                .orElse(null);
    }

    /**
     * A request that needs what the model lacks by the model garden (an image, a file or audio part, tools, a
     * {@code json_schema} response format, reasoning settings: {@link RequestNeeds}) is not sent: a failed attempt with
     * reason {@code capability} naming the first such thing and where it is, and the variant moves on to its fallback.
     */
    private void checkCapabilities(List<PromptMessage> messages, ModelParameters parameters, List<Attempt> attempts) {
        Optional<CatalogModel> entry = runtime.catalog().find(config.provider(), config.model());
        if (entry.isEmpty()) return;
        long start = ticker.nanoTime();
        RequestNeeds.Need missing = RequestNeeds.firstMissing(entry.get().capabilities(), messages, parameters);
        if (missing == null) return;
        ProviderFailure failure = new ProviderFailure.Unsupported(missing.refusal(config.label()) + ": not sent");
        attempts.add(failed(1, failure, start));
        throw new ProviderException(failure);
    }

    /**
     * A prompt that, with the requested output, does not fit the model's context window (per the model garden) is
     * not sent: a failed attempt with reason {@code context_window}, and the variant moves on to its fallback.
     */
    private void checkContextWindow(List<PromptMessage> messages, ModelParameters parameters, List<Attempt> attempts) {
        Optional<CatalogModel> entry = runtime.catalog().find(config.provider(), config.model());
        if (entry.isEmpty() || entry.get().contextWindow() <= 0) return;
        long start = ticker.nanoTime();
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

    private Attempt succeeded(int number, Usage usage, long start) {
        return Attempt.succeeded(role, number, config, micros(start), usage, cost(usage));
    }

    private Attempt failed(long number, ProviderFailure failure, long start) {
        return Attempt.failed(role, (int) number, config, micros(start), failure);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private long micros(long startNanos) {
        return (ticker.nanoTime() - startNanos) / 1_000;
    }
}
