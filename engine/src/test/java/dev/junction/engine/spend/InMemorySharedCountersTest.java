package dev.junction.engine.spend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemorySharedCountersTest {
    private final MutableClock clock = MutableClock.at("2026-03-01T10:00:00Z");
    private final InMemorySharedCounters counters = new InMemorySharedCounters(clock);
    private final SharedCounters.Key key = new SharedCounters.Key("rpm:x", Instant.parse("2026-03-01T10:00:00Z"));
    private final Instant later = Instant.parse("2026-03-01T10:02:00Z");

    @Test
    void a_claim_grants_up_to_the_cap_and_never_past_it() {
        assertThat(counters.claim(key, 6, 10, later)).isEqualTo(new SharedCounters.Grant(6, 6));
        assertThat(counters.claim(key, 6, 10, later)).isEqualTo(new SharedCounters.Grant(4, 10));
        assertThat(counters.claim(key, 1, 10, later)).isEqualTo(new SharedCounters.Grant(0, 10));
        assertThat(counters.add(Map.of(key, 5L), later)).containsEntry(key, 15L); // add has no cap
        assertThat(counters.claim(key, 1, 10, later)).isEqualTo(new SharedCounters.Grant(0, 15));
        assertThat(counters.add(Map.of(key, -8L), later)).containsEntry(key, 7L);
        assertThat(counters.claim(key, 5, 10, later)).isEqualTo(new SharedCounters.Grant(3, 10));
    }

    @Test
    void read_answers_zero_for_a_counter_that_does_not_exist_and_purge_drops_expired_ones() {
        SharedCounters.Key other = new SharedCounters.Key("rpm:y", key.window());
        counters.claim(key, 3, 10, later);
        assertThat(counters.read(List.of(key, other))).containsEntry(key, 3L).containsEntry(other, 0L);
        counters.purge(Instant.parse("2026-03-01T10:01:59Z"));
        assertThat(counters.total(key)).isEqualTo(3);
        counters.purge(Instant.parse("2026-03-01T10:02:01Z"));
        assertThat(counters.total(key)).isZero();
    }

    @Test
    void a_lease_grants_what_other_instances_unexpired_leases_leave_and_replaces_what_the_instance_held() {
        Instant in10s = clock.instant().plusSeconds(10);
        assertThat(counters.lease("conc:x", "a", 3, 4, in10s)).isEqualTo(3);
        assertThat(counters.lease("conc:x", "b", 3, 4, in10s)).isEqualTo(1);
        assertThat(counters.lease("conc:x", "a", 1, 4, in10s)).isEqualTo(1); // shrinks
        assertThat(counters.lease("conc:x", "b", 3, 4, in10s)).isEqualTo(3);
        clock.advance(Duration.ofSeconds(11)); // both expired
        assertThat(counters.lease("conc:x", "a", 4, 4, clock.instant().plusSeconds(10))).isEqualTo(4);
    }
}
