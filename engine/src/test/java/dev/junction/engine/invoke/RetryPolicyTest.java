package dev.junction.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.invoke.RetryPolicy.Because;
import dev.junction.engine.invoke.RetryPolicy.Decision;
import dev.junction.engine.invoke.RetryPolicy.MoveOn;
import dev.junction.engine.invoke.RetryPolicy.Retry;
import dev.junction.engine.invoke.RetryPolicy.Stop;
import dev.junction.engine.provider.ProviderFailure;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The retry decision as a table. Backoff from 100 ms doubling up to 1 s, jitter ± 25 %, a {@code Retry-After} waited
 * out up to 10 s; the model retries twice on every retryable failure unless a row says otherwise; a minute left
 * unless a row says otherwise; random 0.5 (the middle of the jitter: × 1) unless a row says otherwise.
 */
class RetryPolicyTest {
    private static final RetrySettings SETTINGS = new RetrySettings(Duration.ofMillis(100), Duration.ofSeconds(1), 0.25);
    private static final ModelConfig TWICE = ModelConfig.of("p", "m").withRetries(2);
    private static final ModelConfig TEN_TIMES = ModelConfig.of("p", "m").withRetries(10);
    private static final ModelConfig ONLY_ON_RATE_LIMITS = new ModelConfig("p", "m", null, 2, List.of("rate_limited"));
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private static final ProviderFailure SERVER_ERROR = new ProviderFailure.ServerError(503, "busy");
    private static final ProviderFailure TIMEOUT = new ProviderFailure.Timeout("no answer in time");

    private static ProviderFailure rateLimited(Duration retryAfter) {
        return new ProviderFailure.RateLimited(retryAfter, "slow down");
    }

    private static RetryPolicy.Failed call(int number, ProviderFailure failure) {
        return new RetryPolicy.Failed(number, failure, false, false);
    }

    private static Arguments row(String why, ModelConfig model, RetryPolicy.Failed failed, Duration remaining, double random,
                                 Decision expected) {
        return Arguments.of(why, model, failed, remaining, random, expected);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                row("a stream that has begun is never retried", TWICE,
                        new RetryPolicy.Failed(1, SERVER_ERROR, true, false), MINUTE, 0.5, new Stop(Because.STREAM_STARTED)),
                row("nor sent to the fallback, whatever the failure", TWICE,
                        new RetryPolicy.Failed(1, new ProviderFailure.BadRequest(400, "no"), true, true), MINUTE, 0.5,
                        new Stop(Because.STREAM_STARTED)),
                row("a timeout the deadline set ends the request", TWICE,
                        new RetryPolicy.Failed(1, TIMEOUT, false, true), MINUTE, 0.5, new Stop(Because.DEADLINE_PASSED)),
                row("so does one after which the deadline has passed", TWICE, call(1, TIMEOUT), Duration.ofNanos(-1), 0.5,
                        new Stop(Because.DEADLINE_PASSED)),
                row("a timeout on the call's own limit is retried", TWICE, call(1, TIMEOUT), MINUTE, 0.5,
                        new Retry(Duration.ofMillis(100))),
                row("a server error the deadline bounded is retried all the same", TWICE,
                        new RetryPolicy.Failed(1, SERVER_ERROR, false, true), MINUTE, 0.5, new Retry(Duration.ofMillis(100))),
                row("a bad request moves on", TWICE, call(1, new ProviderFailure.BadRequest(400, "bad")), MINUTE, 0.5,
                        new MoveOn(Because.NOT_RETRYABLE)),
                row("unauthorized moves on", TWICE, call(1, new ProviderFailure.Unauthorized(401, "key")), MINUTE, 0.5,
                        new MoveOn(Because.NOT_RETRYABLE)),
                row("an unknown model moves on", TWICE, call(1, new ProviderFailure.ModelNotFound("gone")), MINUTE, 0.5,
                        new MoveOn(Because.NOT_RETRYABLE)),
                row("the provider's context-window error moves on", TWICE,
                        call(1, new ProviderFailure.ContextLengthExceeded(400, "too long")), MINUTE, 0.5,
                        new MoveOn(Because.NOT_RETRYABLE)),
                row("no connection moves on", TWICE, call(1, new ProviderFailure.NotConnected("none")), MINUTE, 0.5,
                        new MoveOn(Because.NOT_RETRYABLE)),
                row("a failure the model's retry_on leaves out moves on", ONLY_ON_RATE_LIMITS, call(1, SERVER_ERROR), MINUTE,
                        0.5, new MoveOn(Because.NOT_RETRIED_ON)),
                row("one it names is retried", ONLY_ON_RATE_LIMITS, call(1, rateLimited(null)), MINUTE, 0.5,
                        new Retry(Duration.ofMillis(100))),
                row("the second call of a model with two retries is retried", TWICE, call(2, SERVER_ERROR), MINUTE, 0.5,
                        new Retry(Duration.ofMillis(200))),
                row("the third is its last", TWICE, call(3, SERVER_ERROR), MINUTE, 0.5, new MoveOn(Because.RETRIES_USED_UP)),
                row("a model with no retries moves on at once", ModelConfig.of("p", "m"), call(1, SERVER_ERROR), MINUTE, 0.5,
                        new MoveOn(Because.RETRIES_USED_UP)),
                row("the backoff doubles up to its max", TEN_TIMES, call(5, SERVER_ERROR), MINUTE, 0.5,
                        new Retry(Duration.ofSeconds(1))),
                row("the jitter at its top", TWICE, call(1, SERVER_ERROR), MINUTE, 0.0, new Retry(Duration.ofMillis(125))),
                row("the jitter below its middle", TWICE, call(2, SERVER_ERROR), MINUTE, 0.75, new Retry(Duration.ofMillis(175))),
                row("a rate limit that said nothing backs off", TWICE, call(1, rateLimited(null)), MINUTE, 0.5,
                        new Retry(Duration.ofMillis(100))),
                row("a Retry-After at the jitter's bottom (random 1, its limit) is waited out exactly", TWICE,
                        call(1, rateLimited(Duration.ofSeconds(3))), MINUTE, 1.0, new Retry(Duration.ofSeconds(3))),
                row("the jitter only adds to it: × 1 / 0.75 in its middle", TWICE,
                        call(1, rateLimited(Duration.ofSeconds(3))), MINUTE, 0.5, new Retry(Duration.ofSeconds(4))),
                row("a Retry-After of nothing retries at once", TWICE, call(1, rateLimited(Duration.ZERO)), MINUTE, 0.5,
                        new Retry(Duration.ZERO)),
                row("a Retry-After at the cap is waited out", TWICE, call(1, rateLimited(Duration.ofSeconds(10))), MINUTE, 1.0,
                        new Retry(Duration.ofSeconds(10))),
                row("one beyond the cap moves on", TWICE, call(1, rateLimited(Duration.ofMillis(10_001))), MINUTE, 0.5,
                        new MoveOn(Because.RETRY_AFTER_TOO_LONG)),
                row("one of centuries too, without overflowing", TWICE, call(1, rateLimited(Duration.ofDays(365L * 10_000))),
                        MINUTE, 0.5, new MoveOn(Because.RETRY_AFTER_TOO_LONG)),
                row("a Retry-After that would end at the deadline moves on", TWICE,
                        call(1, rateLimited(Duration.ofSeconds(3))), Duration.ofSeconds(4), 0.5, new MoveOn(Because.NO_TIME_TO_RETRY)),
                row("one that ends just before it is waited out (Retry-After)", TWICE, call(1, rateLimited(Duration.ofSeconds(3))),
                        Duration.ofSeconds(4).plusNanos(1), 0.5, new Retry(Duration.ofSeconds(4))),
                row("a backoff that would end at the deadline moves on", TWICE, call(1, SERVER_ERROR), Duration.ofMillis(100),
                        0.5, new MoveOn(Because.NO_TIME_TO_RETRY)),
                row("one that ends just before it is waited out (backoff)", TWICE, call(1, SERVER_ERROR),
                        Duration.ofMillis(100).plusNanos(1), 0.5, new Retry(Duration.ofMillis(100))),
                row("retries used up come before the time left", TWICE, call(3, rateLimited(Duration.ofSeconds(60))),
                        Duration.ZERO, 0.5, new MoveOn(Because.RETRIES_USED_UP)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String why, ModelConfig model, RetryPolicy.Failed failed, Duration remaining, double random, Decision expected) {
        RetryPolicy policy = new RetryPolicy(SETTINGS, Duration.ofSeconds(10), () -> random);

        assertThat(policy.decide(model, failed, remaining)).as(why).isEqualTo(expected);
    }
}
