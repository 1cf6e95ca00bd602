package dev.junction.engine.experiment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Successive looks at one experiment (say, the analytics job of every day), for the monotone form of the test: each
 * comparison's p-value is the smallest of all looks so far (p_n = min(p_{n-1}, 1/Lambda_n)) and its interval the
 * intersection of all looks' intervals. Both stay valid (a confidence sequence holds at every look at once, so it
 * holds for their intersection), and a difference once shown stays shown: the panel does not flip back and forth.
 * {@link ExperimentStats#analyse} alone is the same test for one look from the statistics so far.
 *
 * <p>When two looks' intervals do not overlap (the data contradict themselves: a chance of at most alpha, or the
 * arms changed under the experiment) the interval shown is the gap between them. The arms' own means and intervals are
 * the last look's. A look whose control or number of arms differs from the last one starts afresh (a new experiment).
 */
public final class ExperimentLooks {
    private final MetricKind kind;
    private final Better better;
    private final double alpha;
    private final long minSample;
    private final Map<String, ArmComparison> sofar = new HashMap<>();
    private String control;
    private int armCount;

    public ExperimentLooks(MetricKind kind, Better better, double alpha, long minSample) {
        this.kind = kind;
        this.better = better;
        this.alpha = alpha;
        this.minSample = minSample;
    }

    /** This look's result, combined with the earlier looks'. */
    public synchronized ExperimentResult look(List<ArmStats> arms) {
        Set<String> tested = new HashSet<>();
        ExperimentResult now = ExperimentStats.analyse(arms, kind, better, alpha, minSample, tested);
        if (!now.control().equals(control) || arms.size() != armCount) {
            sofar.clear();
            control = now.control();
            armCount = arms.size();
        }
        List<ArmComparison> combined = new ArrayList<>(arms.size());
        for (ArmComparison c : now.arms()) {
            // Only the test's intervals are confidence sequences: a degenerate look (no data, unknown spread,
            // constants) is not intersected nor remembered.
            boolean fromTest = tested.contains(c.arm());
            ArmComparison before = sofar.get(c.arm());
            if (before != null) {
                double low = before.differenceLow();
                double high = before.differenceHigh();
                double p = before.pValue();
                if (fromTest) {
                    low = Math.max(low, c.differenceLow());
                    high = Math.min(high, c.differenceHigh());
                    p = Math.min(p, c.pValue());
                    if (low > high) { // no overlap: the gap
                        double gapLow = high;
                        high = low;
                        low = gapLow;
                    }
                }
                c = ExperimentStats.comparison(c.arm(), c.mean(), c.meanLow(), c.meanHigh(), c.difference(), low, high,
                        p, better);
            }
            if (fromTest) sofar.put(c.arm(), c);
            combined.add(c);
        }
        return ExperimentStats.result(arms, combined, kind, better, alpha, minSample);
    }
}
