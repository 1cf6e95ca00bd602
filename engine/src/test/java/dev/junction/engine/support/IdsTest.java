package dev.junction.engine.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void an_id_is_a_uuidv7_that_tells_when_it_was_made_and_ids_of_one_millisecond_differ() {
        Instant at = Instant.parse("2031-03-15T10:00:00.123Z");
        Ids ids = new Ids(Clock.fixed(at, ZoneOffset.UTC));
        UUID a = ids.next(), b = ids.next();
        assertThat(a.version()).isEqualTo(7);
        assertThat(a.variant()).isEqualTo(2);
        assertThat(a).isNotEqualTo(b);
        assertThat(Ids.timeOf(a)).contains(at);
        assertThat(Ids.timeOf(UUID.randomUUID())).isEmpty();
    }
}
