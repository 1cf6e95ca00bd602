package dev.junction.engine.experiment;

/** Which direction of the goal metric is good: {@code HIGHER} (thumbs up) or {@code LOWER} (cost, latency, errors). */
public enum Better { HIGHER, LOWER }
