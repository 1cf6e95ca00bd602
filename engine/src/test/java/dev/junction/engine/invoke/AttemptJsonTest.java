package dev.junction.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.log.RequestLog;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An attempt's JSON (the attempts column, the simulator's answer) is flat and the same as before the typed records. */
class AttemptJsonTest {
    /** Written by the code before typed records (positional Attempt with string option and next). */
    static final String BEFORE = """
            [{"option":"primary","number":1,"provider":"openai","model":"gpt-4o","success":false,"upstreamStatus":429,"reason":"rate_limited","error":"slow down","latencyMicros":1200,"next":"retry"},{"option":"primary","number":2,"provider":"openai","model":"gpt-4o","success":false,"reason":"connection_failed","error":"no route","latencyMicros":300,"next":"fallback","sent":false},{"option":"fallback","number":1,"provider":"anthropic","model":"claude","success":true,"latencyMicros":81000,"promptTokens":412,"completionTokens":96,"cachedTokens":7,"costUsd":0.0001194000,"priceSource":"2026-11-01"}]""";

    static List<Attempt> attempts() {
        return List.of(
                Attempt.failed(Attempt.Option.PRIMARY, 1, "openai", "gpt-4o", 1200,
                        new Attempt.Failure(429, "rate_limited", "slow down", true)).withNext(Attempt.Next.RETRY),
                Attempt.failed(Attempt.Option.PRIMARY, 2, "openai", "gpt-4o", 300,
                        new Attempt.Failure(null, "connection_failed", "no route", true)).notSent()
                        .withNext(Attempt.Next.FALLBACK),
                Attempt.succeeded(Attempt.Option.FALLBACK, 1, "anthropic", "claude", 81_000,
                        new RequestLog.Usage(412, 96, 7, new BigDecimal("0.0001194000"), "2026-11-01")));
    }

    @Test
    void the_json_is_the_one_written_before_typed_records() throws Exception {
        assertThat(new ObjectMapper().writeValueAsString(attempts())).isEqualTo(BEFORE);
    }

    @Test
    void a_failed_attempt_says_why_and_a_successful_one_does_not() {
        Attempt failed = attempts().getFirst();
        assertThat(failed.success()).isFalse();
        assertThat(failed.withReason("client_cancelled").reason()).isEqualTo("client_cancelled");
        assertThat(failed.withReason("client_cancelled").upstreamStatus()).isEqualTo(429);
        assertThat(failed.sent()).isNull();
        assertThat(attempts().get(1).sent()).isFalse();
        assertThatThrownBy(() -> new Attempt(Attempt.Option.PRIMARY, 1, "p", "m", Attempt.Outcome.FAILED, null, 1,
                null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
