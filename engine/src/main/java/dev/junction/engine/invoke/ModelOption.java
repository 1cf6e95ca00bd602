package dev.junction.engine.invoke;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.RetryPolicy;
import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.Providers;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model of a variant (its primary or its fallback) and its retry policy, built once when the version is
 * activated. Failsafe policies are thread-safe and shared by every request. The adapter is looked up in the
 * provider registry on every attempt, so a changed connection takes effect without redeploying; a provider with
 * no connection becomes a failed attempt that is not retried.
 */
final class ModelOption {
    private static final Logger LOG = LoggerFactory.getLogger(ModelOption.class);

    private final String role;
    private final ModelConfig config;
    private final Providers providers;
    private final FailsafeExecutor<ChatResponse> executor;

    /** What a successful call returned, and the connection that answered it. */
    record Answer(ChatResponse response, ProviderAdapter adapter) {}

    ModelOption(String role, ModelConfig config, Providers providers, RetrySettings settings) {
        this.role = role;
        this.config = config;
        this.providers = providers;
        RetryPolicy<ChatResponse> retry = RetryPolicy.<ChatResponse>builder()
                .handleIf(e -> e instanceof ProviderException pe && pe.failure().retryable()
                        && config.retriesOn(pe.failure().reason()))
                .withMaxRetries(config.retries())
                .withBackoff(settings.baseDelay(), settings.maxDelay())
                .withJitter(settings.jitter())
                .build();
        this.executor = Failsafe.with(retry);
    }

    String role() { return role; }
    ModelConfig config() { return config; }

    /**
     * Calls the model, retrying as its policy says. Every call, successful or not, is appended to
     * {@code attempts}.
     *
     * @throws ProviderException the last failure once retries are exhausted or the failure is not retryable
     */
    Answer call(List<PromptMessage> messages, List<Attempt> attempts) {
        ProviderAdapter[] used = new ProviderAdapter[1];
        ChatResponse answer = executor.get(ctx -> {
            int number = ctx.getAttemptCount() + 1;
            ChatRequest request = new ChatRequest(config.model(), messages, config.parameters(), number);
            long start = System.nanoTime();
            ProviderAdapter adapter = providers.find(config.provider()).orElse(null);
            if (adapter == null) {
                ProviderFailure failure = new ProviderFailure.NotConnected(
                        "no provider connection named '" + config.provider() + "': add it under /api/providers");
                attempts.add(failed(number, failure, start));
                throw new ProviderException(failure);
            }
            try {
                ChatResponse response = adapter.chat(request);
                attempts.add(new Attempt(role, number, config.provider(), config.model(), true, null, null, null,
                        micros(start), response.usage().promptTokens(), response.usage().completionTokens(), null));
                used[0] = adapter;
                return response;
            } catch (ProviderException e) {
                attempts.add(failed(number, e.failure(), start));
                throw e;
            } catch (RuntimeException e) {
                // An adapter bug must not escape as a 500 with a stack trace: it becomes a failed attempt.
                LOG.warn("unexpected error in provider adapter {}", adapter.name(), e);
                ProviderFailure failure = new ProviderFailure.ServerError(0,
                        "unexpected " + e.getClass().getSimpleName() + " in the " + adapter.name() + " adapter");
                attempts.add(failed(number, failure, start));
                throw new ProviderException(failure);
            }
        });
        return new Answer(answer, used[0]);
    }

    private Attempt failed(int number, ProviderFailure failure, long start) {
        Integer status = failure.upstreamStatus() == 0 ? null : failure.upstreamStatus();
        return new Attempt(role, number, config.provider(), config.model(), false, status, failure.reason(),
                failure.message(), micros(start), null, null, null);
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000;
    }
}
