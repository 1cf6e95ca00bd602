package dev.junction.engine.experiment;

import java.time.Instant;
import java.util.List;

/**
 * Where an experiment's numbers come from (the store): for the requests a split row sent to each arm between
 * {@code from} and {@code to}, the count, sum and sum of squares of the goal metric. Arms with no request may be absent.
 */
@FunctionalInterface
public interface ArmData {
    List<ArmStats> arms(String deploymentKey, String ruleId, Instant from, Instant to, String metric, String name);
}
