package dev.junction.engine.invoke;

import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.provider.ProviderFailure;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * What happens after a failed call to a model, decided here and only here: {@link Retry} the same model after a wait,
 * {@link MoveOn} to the variant's next option (its fallback), or {@link Stop} the request. The rules of
 * {@link #decide} are read top to bottom; the first that applies decides. Whether a failure is worth retrying at all
 * is the failure's to say ({@link ProviderFailure#retryable()}); which of those a model retries and how often is its
 * configuration's ({@link ModelConfig#retriesOn}, {@link ModelConfig#retries()}).
 *
 * <p>The wait is the provider's {@code Retry-After} when it sent one (up to {@code maxRetryAfter}), else an
 * exponential backoff from {@link RetrySettings#baseDelay()} doubling up to {@link RetrySettings#maxDelay()}; either is
 * spread by the jitter so that many clients do not retry in step, a {@code Retry-After} only ever upwards. A retry
 * whose wait would not end before the deadline is not waited for: it could only end in a 504, and the fallback gets
 * the time instead.
 */
final class RetryPolicy {
    /** What happened next. */
    sealed interface Decision {}

    /** Call the same model again once {@code after} has passed. */
    record Retry(Duration after) implements Decision {}

    /** This model is done: the variant tries its next option, if it has one. */
    record MoveOn(Because because) implements Decision {}

    /** The request is done: no further call is made for it. */
    record Stop(Because because) implements Decision {}

    enum Because {
        /** the answer had begun to reach the client: a second one cannot be spliced in */
        STREAM_STARTED,
        /** the call timed out on the request's deadline, not on its own limit */
        DEADLINE_PASSED,
        /** a failure that says nothing about the next try (bad request, unauthorized, context window...) */
        NOT_RETRYABLE,
        /** a failure the model's {@code retry_on} leaves out */
        NOT_RETRIED_ON,
        RETRIES_USED_UP,
        /** the provider asked for a wait longer than {@code maxRetryAfter} */
        RETRY_AFTER_TOO_LONG,
        /** the wait would end at or after the deadline */
        NO_TIME_TO_RETRY
    }

    /**
     * One failed call.
     *
     * @param number              the call's number on this model (1 = first try)
     * @param streamed            some of its answer had already reached the client
     * @param deadlineSetTheLimit the time the request had left, not the call's own time limit, bounded the call
     */
    record Failed(int number, ProviderFailure failure, boolean streamed, boolean deadlineSetTheLimit) {}

    private final RetrySettings settings;
    private final Duration maxRetryAfter;
    private final DoubleSupplier random;

    /** @param random a number in [0, 1) on every call, for the jitter */
    RetryPolicy(RetrySettings settings, Duration maxRetryAfter, DoubleSupplier random) {
        this.settings = settings;
        this.maxRetryAfter = maxRetryAfter;
        this.random = random;
    }

    /** @param remaining the time the request has left, now that the call has failed */
    Decision decide(ModelConfig model, Failed failed, Duration remaining) {
        ProviderFailure failure = failed.failure();
        if (failed.streamed()) return new Stop(Because.STREAM_STARTED);
        if (failure instanceof ProviderFailure.Timeout && (failed.deadlineSetTheLimit() || remaining.isNegative())) {
            return new Stop(Because.DEADLINE_PASSED);
        }
        if (!failure.retryable()) return new MoveOn(Because.NOT_RETRYABLE);
        if (!model.retriesOn(failure.reason())) return new MoveOn(Because.NOT_RETRIED_ON);
        if (failed.number() > model.retries()) return new MoveOn(Because.RETRIES_USED_UP);
        Duration retryAfter = failure instanceof ProviderFailure.RateLimited r ? r.retryAfter() : null;
        if (retryAfter != null && retryAfter.compareTo(maxRetryAfter) > 0) return new MoveOn(Because.RETRY_AFTER_TOO_LONG);
        Duration wait = retryAfter != null ? waitOut(retryAfter) : backoff(failed.number());
        if (wait.compareTo(remaining) >= 0) return new MoveOn(Because.NO_TIME_TO_RETRY);
        return new Retry(wait);
    }

    /** After call {@code number}: baseDelay × 2^(number − 1), at most maxDelay, ± the jitter. */
    private Duration backoff(int number) {
        double nanos = Math.min(settings.baseDelay().toNanos() * Math.pow(2, number - 1), settings.maxDelay().toNanos());
        return Duration.ofNanos((long) (nanos * jitterFactor()));
    }

    /** A {@code Retry-After} (at most maxRetryAfter, a day at most) waited out in full: the jitter only adds to it. */
    private Duration waitOut(Duration retryAfter) {
        return Duration.ofNanos((long) Math.ceil(retryAfter.toNanos() * jitterFactor() / (1 - settings.jitter())));
    }

    /** In (1 − jitter, 1 + jitter]. */
    private double jitterFactor() {
        return 1 + (1 - 2 * random.getAsDouble()) * settings.jitter();
    }
}
