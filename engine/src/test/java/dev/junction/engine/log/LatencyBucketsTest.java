package dev.junction.engine.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyBucketsTest {
    @Test
    void every_value_from_100_us_to_39_minutes_is_estimated_within_the_documented_error() {
        for (long v = 100; v < 2_300_000_000L; v = v + 1 + v / 997) {
            double estimate = LatencyBuckets.estimate(LatencyBuckets.index(v));
            assertThat(Math.abs(estimate - v) / v).as("value %d", v).isLessThanOrEqualTo(LatencyBuckets.RELATIVE_ERROR);
        }
    }

    @Test
    void a_percentile_of_a_histogram_is_within_the_error_of_the_nearest_rank_value() {
        Random random = new Random(42);
        long[] values = new long[10_001];
        long[] counts = new long[LatencyBuckets.COUNT];
        for (int i = 0; i < values.length; i++) {
            values[i] = (long) Math.exp(Math.log(800_000) + 0.8 * random.nextGaussian());
            counts[LatencyBuckets.index(values[i])]++;
        }
        Arrays.sort(values);
        for (double p : new double[] {0.5, 0.95, 0.99, 1.0}) {
            long exact = values[(int) Math.ceil(p * values.length) - 1];
            Double estimate = LatencyBuckets.percentile(counts, p, values[0], values[values.length - 1]);
            assertThat(Math.abs(estimate - exact) / exact).as("p%s", p).isLessThanOrEqualTo(LatencyBuckets.RELATIVE_ERROR);
        }
        assertThat(LatencyBuckets.percentile(new long[LatencyBuckets.COUNT], 0.5, 0, 0)).isNull();
    }

    @Test
    void values_below_100_us_and_beyond_the_last_bucket_are_clamped_to_the_exact_extremes() {
        long[] counts = new long[LatencyBuckets.COUNT];
        counts[LatencyBuckets.index(40)]++;
        assertThat(LatencyBuckets.percentile(counts, 0.5, 40, 40)).isEqualTo(40.0);
        long[] huge = new long[LatencyBuckets.COUNT];
        huge[LatencyBuckets.index(Long.MAX_VALUE / 2)]++;
        assertThat(LatencyBuckets.index(Long.MAX_VALUE / 2)).isEqualTo(LatencyBuckets.COUNT - 1);
        assertThat(LatencyBuckets.percentile(huge, 0.99, 5_000_000_000L, 5_000_000_000L)).isEqualTo(5e9);
    }
}
