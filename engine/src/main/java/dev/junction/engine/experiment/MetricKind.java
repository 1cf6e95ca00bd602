package dev.junction.engine.experiment;

/**
 * What the values of a metric are. {@code MEAN}: any number (latency, cost, tokens, a 1 to 5 rating).
 * {@code PROPORTION}: 0 or 1 per request (an error, a thumbs up), so the mean is a rate and its variance p(1 - p).
 */
public enum MetricKind { MEAN, PROPORTION }
