package dev.junction.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.deployment.SpecValidator;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteFactTest {
    @Test
    void every_slot_has_every_typed_getter_and_the_validator_allows_exactly_that_many_fields() throws Exception {
        assertThat(SpecValidator.MAX_CONTEXT_FIELDS).isEqualTo(RouteFact.SLOTS);
        assertThat(RouteFact.SLOTS).isLessThanOrEqualTo(Long.SIZE); // presence is one bit per slot
        Object[] values = new Object[RouteFact.SLOTS];
        values[RouteFact.SLOTS - 1] = Set.of("x");
        RouteFact fact = new RouteFact(values, 1L << (RouteFact.SLOTS - 1));
        for (int i = 0; i < RouteFact.SLOTS; i++) {
            for (String getter : new String[] {"getS", "getN", "getB", "getL", "getD", "isP"}) {
                assertThat(RouteFact.class.getMethod(getter + i)).isNotNull();
            }
        }
        assertThat(RouteFact.class.getMethod("getL" + (RouteFact.SLOTS - 1)).invoke(fact)).isEqualTo(Set.of("x"));
        assertThat(RouteFact.class.getMethod("isP" + (RouteFact.SLOTS - 1)).invoke(fact)).isEqualTo(true);
        assertThat(RouteFact.class.getMethod("isP0").invoke(fact)).isEqualTo(false);
        assertThat(RouteFact.class.getMethod("getS" + (RouteFact.SLOTS - 1)).invoke(fact)).as("a getter of another type").isNull();
    }
}
