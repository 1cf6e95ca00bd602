package dev.junction.engine.experiment;

/**
 * One arm against the control (the control itself is listed too, with difference 0 and p-value 1).
 *
 * @param mean           the arm's mean (a rate for a proportion; 0 for an arm without data)
 * @param meanLow        the arm's own always-valid confidence interval at level 1 - alpha (not Bonferroni-corrected:
 *                       it is a display of one arm, not one of the comparisons); within [0, 1] for a proportion
 * @param difference     arm mean minus control mean
 * @param differenceLow  the always-valid confidence interval of the difference at level 1 - alpha / (k - 1)
 * @param pValue         the always-valid p-value of "no difference", Bonferroni-adjusted: min(1, (k - 1) p), so it
 *                       is compared with alpha itself
 * @param significant    the interval of the difference excludes 0 (equivalently pValue &lt; alpha)
 * @param better         significant and in the good direction
 */
public record ArmComparison(String arm, double mean, double meanLow, double meanHigh,
                            double difference, double differenceLow, double differenceHigh, double pValue,
                            boolean significant, boolean better) {}
