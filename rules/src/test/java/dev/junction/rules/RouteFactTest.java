package dev.junction.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.engine.deployment.SpecValidator;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteFactTest {
    @Test
    void every_fact_class_has_every_typed_getter_for_its_slots_and_the_validator_allows_exactly_the_largest() throws Exception {
        assertThat(SpecValidator.MAX_CONTEXT_FIELDS).isEqualTo(SlotFact.SLOTS);
        assertThat(SlotFact.SLOTS).isLessThanOrEqualTo(Long.SIZE); // presence is one bit per slot
        assertThat(SlotFact.SIZES[SlotFact.SIZES.length - 1]).isEqualTo(SlotFact.SLOTS);
        for (int size : SlotFact.SIZES) {
            SlotFact.Size kind = SlotFact.sizeFor(size);
            Class<? extends SlotFact> type = kind.type();
            assertThat(type.getSimpleName()).as("the DRL reads the same whatever the size").isEqualTo("RouteFact");
            assertThat(type.getField("SIZE").getInt(null)).isEqualTo(size);
            assertThat(kind.slots()).isEqualTo(size);
            Object[] values = new Object[size];
            values[size - 1] = Set.of("x");
            SlotFact fact = kind.create(values, 1L << (size - 1));
            assertThat(fact).isInstanceOf(type);
            for (int i = 0; i < size; i++) {
                for (String getter : new String[] {"getS", "getN", "getB", "getL", "getD", "isP", "isT"}) {
                    assertThat(type.getMethod(getter + i)).isNotNull();
                }
            }
            assertThatThrownBy(() -> type.getMethod("getS" + size)).isInstanceOf(NoSuchMethodException.class);
            assertThat(type.getMethod("getL" + (size - 1)).invoke(fact)).isEqualTo(Set.of("x"));
            assertThat(type.getMethod("isP" + (size - 1)).invoke(fact)).isEqualTo(true);
            assertThat(type.getMethod("isP0").invoke(fact)).isEqualTo(false);
            assertThat(type.getMethod("isT" + (size - 1)).invoke(fact)).isEqualTo(true);
            assertThat(type.getMethod("isT0").invoke(fact)).isEqualTo(false);
            assertThat(type.getMethod("getS" + (size - 1)).invoke(fact)).as("a getter of another type").isNull();
            assertThat((double) type.getMethod("getN" + (size - 1)).invoke(fact)).as("a number getter of another type").isNaN();
        }
    }

    @Test
    void a_table_gets_the_smallest_fact_class_with_a_slot_per_field() {
        assertThat(SlotFact.sizeFor(1).type()).isEqualTo(dev.junction.rules.fact8.RouteFact.class);
        assertThat(SlotFact.sizeFor(8).type()).isEqualTo(dev.junction.rules.fact8.RouteFact.class);
        assertThat(SlotFact.sizeFor(9).type()).isEqualTo(dev.junction.rules.fact16.RouteFact.class);
        assertThat(SlotFact.sizeFor(17).type()).isEqualTo(dev.junction.rules.fact32.RouteFact.class);
        assertThat(SlotFact.sizeFor(33).type()).isEqualTo(RouteFact.class);
        assertThat(SlotFact.sizeFor(64).type()).isEqualTo(RouteFact.class);
        assertThatThrownBy(() -> SlotFact.sizeFor(65)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rule_names_carry_the_row() {
        assertThat(DrlGenerator.rowOf("row_0")).isZero();
        assertThat(DrlGenerator.rowOf("row_12")).isEqualTo(12);
        assertThat(DrlGenerator.rowOf("row_12_3")).isEqualTo(12);
    }
}
