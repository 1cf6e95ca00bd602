package dev.junction.engine.experiment;

import java.util.List;

/**
 * What analytics shows for an experiment on one goal metric.
 *
 * @param test       how it was tested, for the panel's footnote
 * @param enoughData every arm has at least {@code minSample} values; before that there is no winner, but the intervals
 *                   and p-values are shown (they are valid at any sample size: the test is always valid)
 * @param arms       control first, with difference 0
 * @param winner     the arm key, or null: see {@link ExperimentStats#analyse}
 * @param verdict    one sentence for the panel
 */
public record ExperimentResult(String test, double alpha, long minSample, boolean enoughData,
                               String control, List<ArmComparison> arms, String winner, String verdict) {
    public ExperimentResult {
        arms = List.copyOf(arms);
    }
}
