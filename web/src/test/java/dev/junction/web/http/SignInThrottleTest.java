package dev.junction.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    };
    final SignInThrottle throttle = new SignInThrottle(3, Duration.ofMinutes(1), 5, clock);

    @Test
    void an_address_is_refused_after_the_allowed_failures_until_its_window_ends() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.blockedForMillis("10.0.0.1")).isZero();
            throttle.failed("10.0.0.1");
        }
        now = now.plusSeconds(20);
        assertThat(throttle.blockedForMillis("10.0.0.1")).isEqualTo(40_000);
        assertThat(throttle.blockedForMillis("10.0.0.2")).as("another address").isZero();

        now = now.plusSeconds(40);
        assertThat(throttle.blockedForMillis("10.0.0.1")).isZero();
        throttle.failed("10.0.0.1");
        assertThat(throttle.blockedForMillis("10.0.0.1")).as("a new window starts from one").isZero();
    }

    @Test
    void many_addresses_never_grow_the_table_past_its_bound() {
        for (int i = 0; i < 10_000; i++) throttle.failed("10.0." + (i / 256) + "." + (i % 256));

        assertThat(throttle.tracked()).isLessThanOrEqualTo(5);
    }

    @Test
    void when_full_a_blocked_address_is_kept_while_addresses_with_fewer_failures_make_room() {
        for (int i = 0; i < 3; i++) throttle.failed("attacker");
        for (int i = 0; i < 50; i++) throttle.failed("10.1.0." + i);

        assertThat(throttle.blockedForMillis("attacker")).isPositive();
        assertThat(throttle.tracked()).isLessThanOrEqualTo(5);
    }
}
