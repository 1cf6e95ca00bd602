package dev.junction.store;

/**
 * One arm (variant) of an experiment over a window: {@code n} observations of the goal's metric, their {@code sum}
 * and {@code sumSquares} (the mean and variance follow; see {@link JooqArmStats}).
 */
public record ArmTotals(String arm, long n, double sum, double sumSquares) {}
