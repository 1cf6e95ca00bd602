package dev.junction.engine.experiment;

import java.util.Objects;

/**
 * Sufficient statistics of one arm for a metric: count, sum, sum of squares. Mergeable: the statistics of two
 * instances, two days or two shards of the same arm add up ({@link #merge}). For a binary metric (error, thumbs up)
 * the values are 0 and 1, so {@code sum} is the number of ones.
 *
 * <p>Every field is finite, {@code n} and {@code sumSquares} are not negative: a non-finite value would poison every
 * later figure, so {@link #plus} and the constructor refuse it.
 */
public record ArmStats(String arm, long n, double sum, double sumSquares) {
    /**
     * Relative variance below which a variance is rounding noise of {@code sumSquares - sum * mean} (a constant
     * metric whose squares do not add up exactly): a standard deviation of a hundred-thousandth of the mean.
     */
    private static final double NOISE = 1e-10;

    public ArmStats {
        Objects.requireNonNull(arm, "arm");
        if (n < 0) throw new IllegalArgumentException("n must not be negative: " + n);
        if (!Double.isFinite(sum) || !Double.isFinite(sumSquares) || sumSquares < 0) {
            throw new IllegalArgumentException("sum and sumSquares must be finite, sumSquares not negative: "
                    + sum + ", " + sumSquares);
        }
    }

    public static ArmStats empty(String arm) {
        return new ArmStats(arm, 0, 0, 0);
    }

    /** The mean, 0 when {@code n} is 0. */
    public double mean() {
        return n == 0 ? 0 : sum / n;
    }

    /** The sample variance (denominator n - 1), 0 when n &lt; 2 and when what is left is rounding noise. */
    public double variance() {
        if (n < 2) return 0;
        double mean = mean();
        double v = (sumSquares - sum * mean) / (n - 1);
        return v <= NOISE * mean * mean ? 0 : v;
    }

    /** This arm with one more value. */
    public ArmStats plus(double value) {
        if (!Double.isFinite(value)) throw new IllegalArgumentException("value must be finite: " + value);
        return new ArmStats(arm, n + 1, sum + value, sumSquares + value * value);
    }

    /** The statistics of both, for the same arm. */
    public ArmStats merge(ArmStats other) {
        if (!arm.equals(other.arm)) throw new IllegalArgumentException("cannot merge arm " + other.arm + " into " + arm);
        return new ArmStats(arm, n + other.n, sum + other.sum, sumSquares + other.sumSquares);
    }
}
