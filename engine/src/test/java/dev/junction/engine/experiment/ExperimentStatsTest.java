package dev.junction.engine.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExperimentStatsTest {
    private static final double ALPHA = 0.05;

    /** An arm of a binary metric: {@code ones} ones in {@code n} values. */
    private static ArmStats rate(String arm, long ones, long n) {
        return new ArmStats(arm, n, ones, ones);
    }

    private static ArmStats values(String arm, double... values) {
        ArmStats stats = ArmStats.empty(arm);
        for (double v : values) stats = stats.plus(v);
        return stats;
    }

    private static ExperimentResult rates(Better better, long minSample, ArmStats... arms) {
        return ExperimentStats.analyse(List.of(arms), MetricKind.PROPORTION, better, ALPHA, minSample);
    }

    /** Two arms A (the control) and B of 2000 values each, with these numbers of ones. */
    private static ExperimentResult twoRates(Better better, long minSample, long a, long b) {
        return rates(better, minSample, rate("A", a, 2000), rate("B", b, 2000));
    }

    /** Three arms A (the control), B and C of 2000 values each, with these numbers of ones, higher is better. */
    private static ExperimentResult threeRates(long a, long b, long c) {
        return rates(Better.HIGHER, 1000, rate("A", a, 2000), rate("B", b, 2000), rate("C", c, 2000));
    }

    private static ExperimentResult means(long minSample, ArmStats... arms) {
        return ExperimentStats.analyse(List.of(arms), MetricKind.MEAN, Better.HIGHER, ALPHA, minSample);
    }

    /** Every number of the result is finite, the intervals are ordered and hold their estimates. */
    private static void assertWellFormed(ExperimentResult result) {
        assertThat(result.arms().getFirst().arm()).isEqualTo(result.control());
        assertThat(result.arms().getFirst().difference()).isZero();
        for (ArmComparison c : result.arms()) {
            assertThat(List.of(c.mean(), c.meanLow(), c.meanHigh(), c.difference(), c.differenceLow(),
                    c.differenceHigh(), c.pValue())).as(c.toString()).allMatch(Double::isFinite);
            assertThat(c.meanLow()).isLessThanOrEqualTo(c.mean());
            assertThat(c.meanHigh()).isGreaterThanOrEqualTo(c.mean());
            assertThat(c.differenceLow()).isLessThanOrEqualTo(c.difference());
            assertThat(c.differenceHigh()).isGreaterThanOrEqualTo(c.difference());
            assertThat(c.pValue()).isBetween(0.0, 1.0);
            assertThat(c.significant()).isEqualTo(c.differenceLow() > 0 || c.differenceHigh() < 0);
            if (c.pValue() < 0.999 * result.alpha()) assertThat(c.significant()).as(c.toString()).isTrue();
            if (c.pValue() > 1.001 * result.alpha()) assertThat(c.significant()).as(c.toString()).isFalse();
            if (c.better()) assertThat(c.significant()).isTrue();
        }
        assertThat(result.verdict()).isNotBlank().doesNotContain("NaN").doesNotContain("Infinity");
    }

    // The maths

    @Test
    void the_likelihood_ratio_is_the_normal_mixture_formula() {
        // delta 0.05, V 0.0004, tau² 0.0025: sqrt(V/(V+tau²)) exp(tau² delta² / (2 V (V+tau²))), computed by hand.
        assertThat(Msprt.logLikelihoodRatio(0.05, 0.0004, 0.0025)).isCloseTo(1.7034647828080873, within(1e-12));
        assertThat(Msprt.pValue(0.05, 0.0004, 0.0025)).isCloseTo(0.1820516605862257, within(1e-12));
        assertThat(Msprt.halfWidth(0.0004, 0.0025, 0.05)).isCloseTo(0.06082124819018596, within(1e-12));
        assertThat(Msprt.pValue(0, 0.0004, 0.0025)).isEqualTo(1);
    }

    @Test
    void the_confidence_interval_ends_exactly_where_the_test_reaches_one_over_alpha() {
        for (double v : new double[] {1e-9, 1e-4, 0.3, 50}) {
            for (double tau2 : new double[] {1e-6, 0.01, 4}) {
                for (double alpha : new double[] {0.01, 0.05, 0.025}) {
                    double edge = Msprt.halfWidth(v, tau2, alpha);
                    assertThat(Msprt.logLikelihoodRatio(edge, v, tau2)).isCloseTo(Math.log(1 / alpha), within(1e-9));
                }
            }
        }
    }

    @Test
    void huge_evidence_is_a_p_value_of_zero_not_an_overflow() {
        assertThat(Msprt.pValue(1, 1e-300, 1e-3)).isZero();
        assertThat(Msprt.halfWidth(1e-300, 1e-302, 0.05)).isFinite().isPositive();
        assertThat(Msprt.logLikelihoodRatio(1e150, 1e-300, 1e-302)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(Msprt.pValue(1e150, 1e-300, 1e-302)).isZero();
    }

    // Two arms

    @Test
    void a_comparison_of_two_rates_matches_the_formula_worked_by_hand() {
        // 300/1000 against 345/1000: variances from (ones + 1) / (n + 2), tau² = 0.01 (va + vb) / 2.
        ExperimentResult result = rates(Better.HIGHER, 1000, rate("A", 300, 1000), rate("B", 345, 1000));
        ArmComparison b = result.arms().get(1);
        assertThat(b.difference()).isCloseTo(0.045, within(1e-12));
        assertThat(b.differenceLow()).isCloseTo(-0.018830510669254494, within(1e-12));
        assertThat(b.differenceHigh()).isCloseTo(0.10883051066925446, within(1e-12));
        assertThat(b.pValue()).isCloseTo(0.3540543381237509, within(1e-12));
        assertThat(b.significant()).isFalse();
        assertThat(result.winner()).isNull();
        assertThat(result.enoughData()).isTrue();
        assertThat(result.verdict()).isEqualTo("no significant difference yet after 1000 and 1000 requests");
        assertThat(result.test()).isEqualTo("mSPRT (always valid), normal mixture tau=0.1 pooled sd, one comparison with the control");
        assertWellFormed(result);
    }

    @Test
    void a_clear_winner_reads_as_one_sentence_with_its_interval_and_p_value() {
        ExperimentResult result = twoRates(Better.HIGHER, 1000, 600, 720);
        assertThat(result.winner()).isEqualTo("B");
        assertThat(result.arms().get(1).better()).isTrue();
        assertThat(result.arms().get(1).pValue()).isCloseTo(0.001968850539691253, within(1e-12));
        assertThat(result.verdict()).isEqualTo("B is better than A: +6.0 points (95% CI +1.5 to +10.5), p=0.002");
        assertWellFormed(result);

        ExperimentResult clear = rates(Better.HIGHER, 1000, rate("A", 900, 3000), rate("B", 1080, 3000));
        assertThat(clear.verdict()).isEqualTo("B is better than A: +6.0 points (95% CI +2.3 to +9.7), p<0.001");
    }

    @Test
    void when_lower_is_better_the_arm_with_the_lower_mean_wins() {
        ExperimentResult errors = twoRates(Better.LOWER, 1000, 720, 600);
        assertThat(errors.winner()).isEqualTo("B");
        assertThat(errors.verdict()).startsWith("B is better than A: -6.0 points (95% CI -10.5 to -1.5)");

        // The same data the other way round: the control is the lower one, so the control wins.
        ExperimentResult control = twoRates(Better.LOWER, 1000, 600, 720);
        assertThat(control.winner()).isEqualTo("A");
        assertThat(control.arms().get(1).significant()).isTrue();
        assertThat(control.arms().get(1).better()).isFalse();
        assertThat(control.verdict()).isEqualTo("A is better than B: B +6.0 points (95% CI +1.5 to +10.5), p=0.002");

        SplittableRandom random = new SplittableRandom(7);
        ArmStats fast = ArmStats.empty("fast");
        ArmStats slow = ArmStats.empty("slow");
        for (int i = 0; i < 3000; i++) {
            slow = slow.plus(1000 + 200 * random.nextGaussian());
            fast = fast.plus(950 + 200 * random.nextGaussian());
        }
        ExperimentResult latency = ExperimentStats.analyse(List.of(slow, fast), MetricKind.MEAN, Better.LOWER, ALPHA, 100);
        assertThat(latency.winner()).isEqualTo("fast");
        assertThat(latency.verdict()).matches("fast is better than slow: -[\\d.]+ \\(95% CI -[\\d.]+ to -[\\d.]+\\), p[<=]0\\.\\d+");
        assertWellFormed(latency);
    }

    @Test
    void before_the_minimum_sample_there_is_no_winner_but_the_intervals_are_shown() {
        ExperimentResult result = twoRates(Better.HIGHER, 5000, 600, 720);
        assertThat(result.enoughData()).isFalse();
        assertThat(result.winner()).isNull();
        ArmComparison b = result.arms().get(1);
        assertThat(b.significant()).isTrue(); // the interval is valid now; the minimum sample only holds back the name
        assertThat(b.differenceHigh() - b.differenceLow()).isPositive();
        assertThat(result.arms().getFirst().meanHigh() - result.arms().getFirst().meanLow()).isPositive();
        assertThat(result.verdict()).isEqualTo("not enough data yet: 2000 and 2000 requests, 5000 per arm needed");
        assertWellFormed(result);
    }

    // More than two arms

    @Test
    void three_arms_are_each_compared_with_the_control_at_half_alpha() {
        ExperimentResult result = threeRates(600, 720, 690);
        assertThat(result.test()).endsWith("Bonferroni over 2 comparisons with the control (alpha 0.025 each)");
        ArmComparison b = result.arms().get(1);
        ArmComparison c = result.arms().get(2);
        // p-values doubled, intervals at 97.5%: C would be a winner on its own (p 0.049) but not among two.
        assertThat(b.pValue()).isCloseTo(0.003937701079382506, within(1e-12));
        assertThat(b.differenceLow()).isCloseTo(0.011332773989484096, within(1e-12));
        assertThat(c.pValue()).isCloseTo(0.09737576817673148, within(1e-12));
        assertThat(c.significant()).isFalse();
        assertThat(rates(Better.HIGHER, 1000, rate("A", 600, 2000), rate("C", 690, 2000)).winner()).isEqualTo("C");
        assertThat(result.winner()).isEqualTo("B");
        assertThat(result.verdict()).isEqualTo("B is better than A: +6.0 points (97.5% CI +1.1 to +10.9), p=0.004");
        assertWellFormed(result);
    }

    @Test
    void of_several_arms_better_than_the_control_the_best_one_wins_and_the_others_are_named() {
        ExperimentResult result = threeRates(600, 700, 720);
        assertThat(result.arms()).filteredOn(ArmComparison::better).extracting(ArmComparison::arm)
                .containsExactly("B", "C");
        assertThat(result.winner()).isEqualTo("C");
        assertThat(result.verdict()).startsWith("C is better than A: +6.0 points").endsWith("; B also beats A");
    }

    @Test
    void the_control_wins_only_when_every_other_arm_is_significantly_worse() {
        ExperimentResult bothWorse = threeRates(600, 480, 470);
        assertThat(bothWorse.winner()).isEqualTo("A");
        assertThat(bothWorse.verdict()).startsWith("A is better than B and C: B -6.0 points (97.5% CI ");

        ExperimentResult oneWorse = threeRates(600, 480, 610);
        assertThat(oneWorse.winner()).isNull();
        assertThat(oneWorse.verdict()).startsWith("no winner yet after 2000, 2000 and 2000 requests; B is worse than A: "
                + "B -6.0 points");
        assertWellFormed(oneWorse);
    }

    // Degenerate arms

    @Test
    void arms_without_data_read_zero_and_p_one() {
        ExperimentResult none = means(0, ArmStats.empty("A"), ArmStats.empty("B"));
        assertThat(none.arms()).allSatisfy(c -> {
            assertThat(List.of(c.mean(), c.meanLow(), c.meanHigh(), c.difference())).containsOnly(0.0);
            assertThat(c.pValue()).isEqualTo(1);
        });
        assertThat(none.winner()).isNull();
        assertWellFormed(none);

        ExperimentResult noControl = rates(Better.HIGHER, 0, ArmStats.empty("A"), rate("B", 40, 100));
        assertThat(noControl.arms().get(1).mean()).isEqualTo(0.4);
        assertThat(noControl.arms().get(1).difference()).isZero();
        assertThat(noControl.winner()).isNull();
        assertWellFormed(noControl);

        ExperimentResult noTreatment = rates(Better.HIGHER, 100, rate("A", 40, 100), ArmStats.empty("B"));
        assertThat(noTreatment.enoughData()).isFalse();
        assertWellFormed(noTreatment);
    }

    @Test
    void one_value_per_arm_proves_nothing() {
        ExperimentResult rate = rates(Better.HIGHER, 1, rate("A", 0, 1), rate("B", 1, 1));
        assertThat(rate.arms().get(1).difference()).isEqualTo(1);
        assertThat(rate.arms().get(1).significant()).isFalse();
        assertThat(rate.winner()).isNull();
        assertWellFormed(rate);

        // One value each of a continuous metric: no spread at all to go on.
        ExperimentResult mean = means(1, values("A", 3), values("B", 5));
        assertThat(mean.arms().get(1).pValue()).isEqualTo(1);
        assertThat(mean.arms().get(1).differenceLow()).isZero();
        assertThat(mean.arms().get(1).differenceHigh()).isEqualTo(2);
        assertThat(mean.winner()).isNull();
        assertWellFormed(mean);

        // One value in one arm borrows the other arm's spread.
        ExperimentResult borrowed = means(1, values("A", 3, 4, 5, 4, 3, 5), values("B", 4.5));
        assertThat(borrowed.arms().get(1).differenceHigh() - borrowed.arms().get(1).differenceLow()).isPositive();
        assertThat(borrowed.arms().get(1).significant()).isFalse();
        assertWellFormed(borrowed);
    }

    @Test
    void identical_constants_are_no_difference_and_different_constants_a_certain_one() {
        double[] tenths = new double[700];
        java.util.Arrays.fill(tenths, 0.1);
        ExperimentResult same = means(100, values("A", tenths), values("B", java.util.Arrays.copyOf(tenths, 300)));
        assertThat(same.arms().get(1).difference()).isZero();
        assertThat(same.arms().get(1).pValue()).isEqualTo(1);
        assertThat(same.winner()).isNull();
        assertThat(same.verdict()).isEqualTo("no significant difference yet after 700 and 300 requests");
        assertWellFormed(same);

        double[] costs = new double[300];
        java.util.Arrays.fill(costs, 0.002);
        double[] dearer = new double[300];
        java.util.Arrays.fill(dearer, 0.003);
        ExperimentResult cost = ExperimentStats.analyse(List.of(values("A", costs), values("B", dearer)),
                MetricKind.MEAN, Better.LOWER, ALPHA, 100);
        assertThat(cost.arms().get(1).pValue()).isZero();
        assertThat(cost.arms().get(1).differenceLow()).isCloseTo(0.001, within(1e-12));
        assertThat(cost.winner()).isEqualTo("A");
        assertWellFormed(cost);

        // All requests fine in both arms: a rate of 0 still has a spread, so no certainty either way.
        ExperimentResult noErrors = rates(Better.LOWER, 100, rate("A", 0, 500), rate("B", 0, 500));
        assertThat(noErrors.arms().get(1).pValue()).isEqualTo(1);
        assertThat(noErrors.arms().get(1).differenceHigh()).isPositive();
        assertThat(noErrors.arms().getFirst().meanLow()).isZero();
        assertWellFormed(noErrors);
    }

    @Test
    void a_constant_arm_against_a_varying_one_is_tested_on_the_varying_spread() {
        SplittableRandom random = new SplittableRandom(3);
        ArmStats varying = ArmStats.empty("B");
        for (int i = 0; i < 400; i++) varying = varying.plus(10 + random.nextGaussian());
        double[] tens = new double[400];
        java.util.Arrays.fill(tens, 10);
        ExperimentResult result = means(100, values("A", tens), varying);
        ArmComparison b = result.arms().get(1);
        assertThat(b.differenceHigh() - b.differenceLow()).isPositive();
        assertThat(b.significant()).isFalse();
        assertThat(result.arms().getFirst().meanLow()).isEqualTo(10); // the constant arm's own interval is its value
        assertWellFormed(result);
    }

    @Test
    void nothing_non_finite_comes_out_of_random_and_extreme_arms() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 2000; i++) {
            List<ArmStats> arms = new ArrayList<>();
            int k = 1 + random.nextInt(4);
            boolean proportion = random.nextBoolean();
            for (int a = 0; a < k; a++) {
                long n = random.nextInt(4) == 0 ? random.nextInt(3) : random.nextLong(1, 1_000_000);
                if (proportion) {
                    long ones = random.nextInt(3) == 0 ? (random.nextBoolean() ? 0 : n) : random.nextLong(n + 1);
                    arms.add(rate("arm" + a, ones, n));
                } else {
                    double scale = Math.pow(10, random.nextInt(-8, 9));
                    double mean = scale * random.nextGaussian();
                    double sd = random.nextInt(3) == 0 ? 0 : scale * random.nextDouble();
                    double sum = mean * n;
                    double squares = n < 2 ? sum * sum : sd * sd * (n - 1) + sum * sum / n;
                    arms.add(new ArmStats("arm" + a, n, sum, squares));
                }
            }
            ExperimentResult result = ExperimentStats.analyse(arms, proportion ? MetricKind.PROPORTION : MetricKind.MEAN,
                    random.nextBoolean() ? Better.HIGHER : Better.LOWER, ALPHA, random.nextInt(3) * 100);
            assertWellFormed(result);
        }
    }

    @Test
    void one_arm_alone_has_nothing_to_compare() {
        ExperimentResult result = rates(Better.HIGHER, 10, rate("A", 5, 20));
        assertThat(result.winner()).isNull();
        assertThat(result.verdict()).isEqualTo("only one arm: nothing to compare");
        assertWellFormed(result);
    }

    @Test
    void malformed_input_is_refused() {
        assertThatThrownBy(() -> rates(Better.HIGHER, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExperimentStats.analyse(List.of(rate("A", 1, 2)), MetricKind.PROPORTION, Better.HIGHER,
                1.0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> rates(Better.HIGHER, 0, rate("A", 1, 2), rate("A", 1, 2)))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> rates(Better.HIGHER, 0, rate("A", 3, 2))).hasMessageContaining("between 0 and n");
        assertThatThrownBy(() -> ArmStats.empty("A").plus(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ArmStats("A", -1, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ArmStats.empty("A").merge(ArmStats.empty("B"))).hasMessageContaining("cannot merge");
    }

    // The statistics

    @Test
    void arm_statistics_merge_and_give_the_sample_mean_and_variance() {
        ArmStats day1 = values("A", 2, 4, 4);
        ArmStats day2 = values("A", 4, 5, 5, 7, 9);
        ArmStats both = day1.merge(day2);
        assertThat(both).isEqualTo(values("A", 2, 4, 4, 4, 5, 5, 7, 9));
        assertThat(both.mean()).isEqualTo(5);
        assertThat(both.variance()).isCloseTo(32.0 / 7, within(1e-12));
        assertThat(values("A", 3).variance()).isZero();
        assertThat(ArmStats.empty("A").mean()).isZero();
        double[] tenths = new double[1000];
        java.util.Arrays.fill(tenths, 0.1);
        assertThat(values("A", tenths).variance()).isZero(); // not the rounding of the sum of squares
    }
}
