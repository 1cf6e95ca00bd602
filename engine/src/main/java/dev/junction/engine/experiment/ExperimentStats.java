package dev.junction.engine.experiment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The statistics of an experiment: a split row's arms on one goal metric, each arm against the control.
 *
 * <h2>The test</h2>
 * The mixture sequential probability ratio test (mSPRT, {@link Msprt}; Johari, Pekelis and Walsh, "Always valid
 * inference", the test behind Optimizely's Stats Engine) on the difference of means, with the normal approximation:
 * the estimate is the difference of the arms' means, its variance Welch's V = s_a²/n_a + s_b²/n_b. Its p-values and
 * confidence intervals stay valid when people look at the results every day and stop when they like what they see
 * (peeking): the chance that an A/A experiment <em>ever</em> shows a difference is at most alpha. A fixed-sample
 * z-test looked at 50 times says "significant" in about a third of A/A experiments (see ExperimentPeekingTest).
 *
 * <h2>The mixture: tau = 0.1 pooled standard deviations</h2>
 * The mSPRT weighs the alternatives by a normal N(0, tau²) over the true difference. Any tau keeps the test valid;
 * tau only moves where it is quickest: it is tightest when the variance of the estimate is about tau², so it finds
 * effects of the size of tau soonest, and pays for much smaller or larger ones in sample size. We take tau = 0.1 times
 * the pooled standard deviation sqrt((s_a² + s_b²) / 2) of the two arms: effects of a tenth of a standard deviation,
 * about 4.6 points on a 30% rate, which is the size of effect a prompt or model change makes and an experiment of a
 * few thousand requests per arm can see. Being relative to the spread, the test does not depend on the metric's
 * unit (milliseconds or seconds, dollars or cents).
 *
 * <h2>More than two arms</h2>
 * Each arm is compared with the control (the first arm) only, at alpha / (k - 1) (Bonferroni over the k - 1
 * comparisons), so the chance of any false difference among them stays at most alpha. Reported p-values are
 * Bonferroni-adjusted (min(1, (k - 1) p)) so they are read against alpha itself; the intervals of the differences are
 * at level 1 - alpha / (k - 1). The arms' own intervals are always-valid intervals of one mean at level 1 - alpha.
 *
 * <h2>Proportions</h2>
 * A binary metric (values 0 and 1) is the same test with the variance p(1 - p), where p is Agresti and Caffo's
 * p = (ones + 1) / (n + 2): an arm at 0% or 100% still has a spread, so two arms without errors are not "certainly
 * equal" and one error in ten requests is not "certainly different". Its intervals are clipped to [0, 1] (the rate) and
 * [-1, 1] (the difference).
 *
 * <h2>Degenerate arms (every figure is finite)</h2>
 * <ul>
 *   <li>An arm without data has mean, interval and difference 0 and p-value 1 (there is nothing to show; the panel
 *       knows its count). A control without data makes every comparison so.</li>
 *   <li>A metric with one value in an arm borrows the pooled variance of the arms that have two or more; when no arm
 *       has two, the spread is unknown: p-value 1, the difference's interval spans 0 and the estimate, the arm's
 *       interval is its mean.</li>
 *   <li>Two arms with no spread at all (constants): the same constant is no difference (p 1, interval 0 to 0); two
 *       different constants are a certain one (p 0, the interval is the difference), the limit of the test as the
 *       variance goes to 0.</li>
 * </ul>
 */
public final class ExperimentStats {
    private ExperimentStats() {}

    /** tau in pooled standard deviations (see the class comment). */
    static final double TAU_IN_SD = 0.1;
    /** Two means of constant arms that differ by less than this, relatively, are equal (rounding of sum / n). */
    private static final double SAME_CONSTANT = 1e-9;

    /**
     * Each arm against the control, the winner and a verdict.
     *
     * <p>The winner, only once every arm has {@code minSample} values: among the arms significantly better than the
     * control, the one with the best mean (the verdict names the others that beat the control too); when no arm is
     * better and every other arm is significantly worse, the control; else null.
     *
     * @param arms      the control first; distinct arm keys
     * @param alpha     the chance of a false difference over the whole experiment and all its looks, in (0, 1)
     * @param minSample the values per arm before a winner is named (the analyst's guard against early novelty)
     */
    public static ExperimentResult analyse(List<ArmStats> arms, MetricKind kind, Better better, double alpha,
                                           long minSample) {
        return analyse(arms, kind, better, alpha, minSample, new HashSet<>());
    }

    /**
     * {@link #analyse}, adding to {@code tested} the arms whose comparison is the mSPRT's (a confidence sequence that
     * later looks may intersect), not one of the degenerate cases.
     */
    static ExperimentResult analyse(List<ArmStats> arms, MetricKind kind, Better better, double alpha, long minSample,
                                    Set<String> tested) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(better, "better");
        if (arms == null || arms.isEmpty()) throw new IllegalArgumentException("an experiment needs an arm");
        if (!(alpha > 0 && alpha < 1)) throw new IllegalArgumentException("alpha must be in (0, 1): " + alpha);
        if (minSample < 0) throw new IllegalArgumentException("minSample must not be negative: " + minSample);
        var keys = new HashSet<String>();
        for (ArmStats arm : arms) {
            if (!keys.add(arm.arm())) throw new IllegalArgumentException("arm " + arm.arm() + " is listed twice");
            if (kind == MetricKind.PROPORTION && (arm.sum() < 0 || arm.sum() > arm.n())) {
                throw new IllegalArgumentException("arm " + arm.arm() + ": a proportion's sum is the number of ones, "
                        + "between 0 and n, not " + arm.sum());
            }
        }
        int comparisons = Math.max(1, arms.size() - 1);
        double pairAlpha = alpha / comparisons;
        double borrowed = kind == MetricKind.MEAN ? pooledVariance(arms) : Double.NaN;
        ArmStats control = arms.getFirst();
        double controlVariance = spread(control, kind, borrowed);

        List<ArmComparison> out = new ArrayList<>(arms.size());
        for (int i = 0; i < arms.size(); i++) {
            ArmStats arm = arms.get(i);
            if (arm.n() == 0) {
                out.add(new ArmComparison(arm.arm(), 0, 0, 0, 0, 0, 0, 1, false, false));
                continue;
            }
            double variance = spread(arm, kind, borrowed);
            double[] meanInterval = meanInterval(arm.mean(), variance, arm.n(), kind, alpha);
            if (i == 0 || control.n() == 0) {
                out.add(new ArmComparison(arm.arm(), arm.mean(), meanInterval[0], meanInterval[1], 0, 0, 0, 1, false,
                        false));
                continue;
            }
            out.add(compare(control, controlVariance, arm, variance, meanInterval, kind, better, pairAlpha,
                    comparisons, tested));
        }
        return result(arms, out, kind, better, alpha, minSample);
    }

    /** The arm's variance per value for the test: NaN when unknown. */
    private static double spread(ArmStats arm, MetricKind kind, double borrowed) {
        if (kind == MetricKind.PROPORTION) {
            double p = (arm.sum() + 1) / (arm.n() + 2);
            return p * (1 - p);
        }
        return arm.n() >= 2 ? arm.variance() : borrowed;
    }

    /** The variance pooled over the arms with two values or more (weights n - 1); NaN when there is none. */
    private static double pooledVariance(List<ArmStats> arms) {
        double squares = 0;
        long df = 0;
        for (ArmStats arm : arms) {
            if (arm.n() < 2) continue;
            squares += arm.variance() * (arm.n() - 1);
            df += arm.n() - 1;
        }
        return df == 0 ? Double.NaN : squares / df;
    }

    private static double[] meanInterval(double mean, double variance, long n, MetricKind kind, double alpha) {
        double tau2 = TAU_IN_SD * TAU_IN_SD * variance;
        // No spread (a constant, or one below 1e-306 that underflows) or an unknown one: the mean itself.
        if (Double.isNaN(variance) || tau2 == 0 || variance / n == 0) return new double[] {mean, mean};
        double half = Msprt.halfWidth(variance / n, tau2, alpha);
        return kind == MetricKind.PROPORTION ? clip(mean - half, mean + half, 0, 1)
                : new double[] {mean - half, mean + half};
    }

    private static ArmComparison compare(ArmStats control, double controlVariance, ArmStats arm, double variance,
                                         double[] meanInterval, MetricKind kind, Better better, double pairAlpha,
                                         int comparisons, Set<String> tested) {
        double delta = arm.mean() - control.mean();
        double p;
        double low;
        double high;
        if (Double.isNaN(variance) || Double.isNaN(controlVariance)) { // unknown spread: no evidence either way
            p = 1;
            low = Math.min(0, delta);
            high = Math.max(0, delta);
        } else {
            double v = controlVariance / control.n() + variance / arm.n();
            double tau2 = TAU_IN_SD * TAU_IN_SD * (controlVariance + variance) / 2;
            if (tau2 == 0 || v == 0) { // two constants (or spreads below 1e-306, which underflow)
                if (Math.abs(delta) <= SAME_CONSTANT * Math.max(Math.abs(arm.mean()), Math.abs(control.mean()))) {
                    delta = 0;
                }
                p = delta == 0 ? 1 : 0;
                low = delta;
                high = delta;
            } else {
                tested.add(arm.arm());
                p = Msprt.pValue(delta, v, tau2);
                double half = Msprt.halfWidth(v, tau2, pairAlpha);
                low = delta - half;
                high = delta + half;
                if (kind == MetricKind.PROPORTION) {
                    double[] clipped = clip(low, high, -1, 1);
                    low = clipped[0];
                    high = clipped[1];
                }
            }
        }
        return comparison(arm.arm(), arm.mean(), meanInterval[0], meanInterval[1], delta, low, high,
                Math.min(1, p * comparisons), better);
    }

    /** Significance from the interval of the difference, so that the two never disagree. */
    static ArmComparison comparison(String arm, double mean, double meanLow, double meanHigh, double delta,
                                    double low, double high, double pValue, Better better) {
        boolean significant = low > 0 || high < 0;
        boolean good = better == Better.HIGHER ? low > 0 : high < 0;
        return new ArmComparison(arm, mean, meanLow, meanHigh, delta, low, high, pValue, significant,
                significant && good);
    }

    private static double[] clip(double low, double high, double min, double max) {
        return new double[] {Math.max(min, low), Math.min(max, high)};
    }

    /** The winner, the verdict and the rest, from the comparisons (also after {@link ExperimentLooks} combined them). */
    static ExperimentResult result(List<ArmStats> arms, List<ArmComparison> comparisons, MetricKind kind,
                                   Better better, double alpha, long minSample) {
        int others = arms.size() - 1;
        String control = arms.getFirst().arm();
        String test = "mSPRT (always valid), normal mixture tau=" + TAU_IN_SD + " pooled sd, "
                + (others == 0 ? "nothing to compare" : others == 1 ? "one comparison with the control"
                        : "Bonferroni over " + others + " comparisons with the control (alpha " + number(alpha / others)
                        + " each)");
        boolean enough = arms.stream().allMatch(a -> a.n() >= minSample);

        List<ArmComparison> betterArms = new ArrayList<>();
        List<ArmComparison> worseArms = new ArrayList<>();
        for (ArmComparison c : comparisons.subList(1, comparisons.size())) {
            if (c.better()) betterArms.add(c);
            else if (c.significant()) worseArms.add(c);
        }
        betterArms.sort((a, b) -> better == Better.HIGHER ? Double.compare(b.mean(), a.mean())
                : Double.compare(a.mean(), b.mean()));
        String winner = null;
        if (enough && !betterArms.isEmpty()) winner = betterArms.getFirst().arm();
        else if (enough && others > 0 && worseArms.size() == others) winner = control;

        String ciLevel = number(100 * (1 - alpha / Math.max(1, others))) + "% CI ";
        String counts = counts(arms);
        String verdict;
        if (others == 0) {
            verdict = "only one arm: nothing to compare";
        } else if (!enough) {
            verdict = "not enough data yet: " + counts + " requests, " + minSample + " per arm needed";
        } else if (winner != null && !winner.equals(control)) {
            verdict = winner + " is better than " + control + ": " + detail(betterArms.getFirst(), kind, ciLevel);
            for (ArmComparison also : betterArms.subList(1, betterArms.size())) {
                verdict += "; " + also.arm() + " also beats " + control;
            }
        } else if (winner != null) {
            verdict = control + " is better than " + names(worseArms) + ": " + details(worseArms, kind, ciLevel);
        } else if (!worseArms.isEmpty()) {
            verdict = "no winner yet after " + counts + " requests; " + names(worseArms)
                    + (worseArms.size() == 1 ? " is" : " are") + " worse than " + control + ": "
                    + details(worseArms, kind, ciLevel);
        } else {
            verdict = "no significant difference yet after " + counts + " requests";
        }
        return new ExperimentResult(test, alpha, minSample, enough, control, comparisons, winner, verdict);
    }

    private static String counts(List<ArmStats> arms) {
        return join(arms.stream().map(a -> Long.toString(a.n())).toList());
    }

    private static String names(List<ArmComparison> arms) {
        return join(arms.stream().map(ArmComparison::arm).toList());
    }

    private static String join(List<String> items) {
        if (items.size() == 1) return items.getFirst();
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    }

    private static String details(List<ArmComparison> arms, MetricKind kind, String ciLevel) {
        if (arms.size() == 1) return arms.getFirst().arm() + " " + detail(arms.getFirst(), kind, ciLevel);
        List<String> each = new ArrayList<>();
        for (ArmComparison c : arms) each.add(c.arm() + " " + detail(c, kind, ciLevel));
        return String.join("; ", each);
    }

    /** "+4.1 points (95% CI +1.2 to +7.0), p=0.003", with as many decimals as the interval's width calls for. */
    private static String detail(ArmComparison c, MetricKind kind, String ciLevel) {
        double scale = kind == MetricKind.PROPORTION ? 100 : 1;
        double half = scale * (c.differenceHigh() - c.differenceLow()) / 2;
        double reference = half > 0 ? half : Math.abs(scale * c.difference()) > 0 ? Math.abs(scale * c.difference()) : 1;
        int decimals = (int) Math.max(kind == MetricKind.PROPORTION ? 1 : 0,
                Math.min(12, 1 - Math.floor(Math.log10(reference))));
        String format = "%+." + decimals + "f";
        String unit = kind == MetricKind.PROPORTION ? " points" : "";
        return String.format(Locale.ROOT, format, scale * c.difference()) + unit + " (" + ciLevel
                + String.format(Locale.ROOT, format, scale * c.differenceLow()) + " to "
                + String.format(Locale.ROOT, format, scale * c.differenceHigh()) + "), "
                + (c.pValue() < 0.001 ? "p<0.001" : "p=" + number(c.pValue()));
    }

    /** At most three decimals, no trailing zeros: 0.025, 97.5, 1. */
    private static String number(double x) {
        String s = String.format(Locale.ROOT, "%.3f", x);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
