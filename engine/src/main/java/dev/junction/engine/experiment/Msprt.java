package dev.junction.engine.experiment;

/**
 * The mixture sequential probability ratio test of Johari, Pekelis and Walsh ("Always valid inference: continuous
 * monitoring of A/B tests", Operations Research 2022), for an estimate {@code delta} of an effect that is normal
 * with variance {@code v} around the true effect, and a normal mixture N(0, tau2) over the alternatives:
 *
 * <pre>
 *   Lambda = sqrt(v / (v + tau2)) * exp(tau2 * delta^2 / (2 v (v + tau2)))
 * </pre>
 *
 * Under "no effect" Lambda is a martingale with mean 1, so by Ville's inequality the chance that it ever reaches
 * 1/alpha, however often one looks, is at most alpha: the p-value min(1, 1/Lambda) and the confidence sequence (the
 * effects whose Lambda stays below 1/alpha) are valid at every look, not only at a sample size fixed in advance.
 */
final class Msprt {
    private Msprt() {}

    /** log Lambda; {@code v} and {@code tau2} positive. Written so that no ratio is 0/0 or inf/inf. */
    static double logLikelihoodRatio(double delta, double v, double tau2) {
        double z2 = delta == 0 ? 0 : delta * delta / v;
        return -0.5 * Math.log1p(tau2 / v) + 0.5 * z2 * (tau2 / (v + tau2));
    }

    /** The always-valid p-value of one look: min(1, 1/Lambda). */
    static double pValue(double delta, double v, double tau2) {
        return Math.min(1, Math.exp(-logLikelihoodRatio(delta, v, tau2)));
    }

    /**
     * The half-width of the confidence sequence around the estimate: the true effect d is outside exactly when
     * Lambda(delta - d) reaches 1/alpha, which solves to sqrt((v (v + tau2) / tau2) (log((v + tau2) / v) + 2 log(1/alpha))).
     */
    static double halfWidth(double v, double tau2, double alpha) {
        return Math.sqrt(v * (1 + v / tau2) * (Math.log1p(tau2 / v) - 2 * Math.log(alpha)));
    }
}
