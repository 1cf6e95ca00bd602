package dev.junction.engine.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** One model's circuit, on a fake clock: failures in a row, the open time, the single probe. */
class CircuitBreakersTest {
    private final FakeTicker ticker = new FakeTicker();
    private final CircuitBreakers breakers = new CircuitBreakers(
            new InvokeLimits(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(1), 3,
                    Duration.ofSeconds(30)), ticker);
    private final CircuitBreakers.Breaker breaker = breakers.of("p", "m");

    private void calls(boolean... failed) {
        for (boolean f : failed) {
            assertThat(breaker.tryAcquire()).as("a call may start").isTrue();
            breaker.record(f);
        }
    }

    @Test
    void it_opens_after_the_threshold_of_failures_in_a_row_and_a_success_between_starts_the_count_again() {
        calls(true, true, false, true, true);
        assertThat(breakers.state("p", "m")).isEqualTo("closed");

        calls(true);

        assertThat(breakers.state("p", "m")).isEqualTo("open");
        assertThat(breaker.tryAcquire()).isFalse();
    }

    @Test
    void each_model_has_its_own_circuit_and_one_never_called_is_closed() {
        calls(true, true, true);

        assertThat(breakers.of("p", "m")).isSameAs(breaker);
        assertThat(breakers.of("p", "other").tryAcquire()).isTrue();
        assertThat(breakers.state("q", "m")).isEqualTo("closed");
    }

    @Test
    void after_its_open_time_one_probe_goes_through_at_a_time_and_its_success_closes_the_circuit() {
        calls(true, true, true);
        ticker.advance(Duration.ofSeconds(30).minusNanos(1));
        assertThat(breaker.tryAcquire()).as("still open").isFalse();
        assertThat(breakers.state("p", "m")).isEqualTo("open");

        ticker.advance(Duration.ofNanos(1));
        assertThat(breaker.tryAcquire()).as("the probe").isTrue();
        assertThat(breakers.state("p", "m")).isEqualTo("half-open");
        assertThat(breaker.tryAcquire()).as("a second call while the probe runs").isFalse();
        breaker.record(false);

        assertThat(breakers.state("p", "m")).isEqualTo("closed");
        calls(true, true);
        assertThat(breakers.state("p", "m")).as("the count starts again from nothing").isEqualTo("closed");
    }

    @Test
    void a_failed_probe_opens_the_circuit_for_another_open_time() {
        calls(true, true, true);
        ticker.advance(Duration.ofSeconds(30));
        calls(true);

        assertThat(breakers.state("p", "m")).isEqualTo("open");
        ticker.advance(Duration.ofSeconds(29));
        assertThat(breaker.tryAcquire()).isFalse();
        ticker.advance(Duration.ofSeconds(1));
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void a_call_that_started_before_the_circuit_opened_does_not_change_it_when_it_ends() {
        assertThat(breaker.tryAcquire()).isTrue(); // a long call starts
        calls(true, true, true);
        breaker.record(false); // ...and ends well after the circuit opened

        assertThat(breakers.state("p", "m")).isEqualTo("open");
        assertThat(breaker.tryAcquire()).isFalse();
    }
}
