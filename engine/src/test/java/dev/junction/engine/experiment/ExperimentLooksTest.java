package dev.junction.engine.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentLooksTest {
    private static ArmStats rate(String arm, long ones, long n) {
        return new ArmStats(arm, n, ones, ones);
    }

    private static ExperimentLooks looks() {
        return new ExperimentLooks(MetricKind.PROPORTION, Better.HIGHER, 0.05, 1000);
    }

    @Test
    void a_difference_once_shown_stays_shown_at_later_looks() {
        ExperimentLooks looks = looks();
        List<ArmStats> first = List.of(rate("A", 600, 2000), rate("B", 720, 2000));
        List<ArmStats> second = List.of(rate("A", 1250, 4000), rate("B", 1300, 4000));
        ExperimentResult alone = ExperimentStats.analyse(second, MetricKind.PROPORTION, Better.HIGHER, 0.05, 1000);
        assertThat(alone.winner()).isNull();

        ExperimentResult one = looks.look(first);
        ExperimentResult two = looks.look(second);
        assertThat(one.winner()).isEqualTo("B");
        assertThat(two.winner()).isEqualTo("B");
        ArmComparison b1 = one.arms().get(1);
        ArmComparison b2 = two.arms().get(1);
        ArmComparison now = alone.arms().get(1);
        assertThat(b2.pValue()).isEqualTo(Math.min(b1.pValue(), now.pValue()));
        assertThat(b2.differenceLow()).isEqualTo(Math.max(b1.differenceLow(), now.differenceLow()));
        assertThat(b2.differenceHigh()).isEqualTo(Math.min(b1.differenceHigh(), now.differenceHigh()));
        assertThat(b2.difference()).isEqualTo(now.difference()); // the estimate and the means are the last look's
        assertThat(b2.mean()).isEqualTo(now.mean());
    }

    @Test
    void a_look_without_data_does_not_hold_back_later_ones() {
        ExperimentLooks looks = looks();
        looks.look(List.of(ArmStats.empty("A"), ArmStats.empty("B")));
        looks.look(List.of(rate("A", 0, 1), rate("B", 1, 1)));
        List<ArmStats> real = List.of(rate("A", 600, 2000), rate("B", 720, 2000));
        assertThat(looks.look(real))
                .isEqualTo(ExperimentStats.analyse(real, MetricKind.PROPORTION, Better.HIGHER, 0.05, 1000));
    }

    @Test
    void another_control_or_another_number_of_arms_is_a_new_experiment() {
        ExperimentLooks looks = looks();
        looks.look(List.of(rate("A", 600, 2000), rate("B", 720, 2000)));
        List<ArmStats> swapped = List.of(rate("B", 1300, 4000), rate("A", 1250, 4000));
        assertThat(looks.look(swapped))
                .isEqualTo(ExperimentStats.analyse(swapped, MetricKind.PROPORTION, Better.HIGHER, 0.05, 1000));
        List<ArmStats> three = List.of(rate("B", 1300, 4000), rate("A", 1250, 4000), rate("C", 1250, 4000));
        assertThat(looks.look(three))
                .isEqualTo(ExperimentStats.analyse(three, MetricKind.PROPORTION, Better.HIGHER, 0.05, 1000));
    }
}
