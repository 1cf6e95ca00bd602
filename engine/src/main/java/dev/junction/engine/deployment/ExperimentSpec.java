package dev.junction.engine.deployment;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A split row declared an experiment: its arms (the split's variants, the first the control) are compared on
 * {@code goal} once each has {@code minSample} requests, at significance {@code alpha} (default 0.05).
 * The goal's {@code metric}: {@code feedback} (a feedback property, {@code name}), {@code score} (an evaluator's score,
 * {@code name}), {@code cost}, {@code latency} or {@code error_rate}; {@code better}: {@code higher} or {@code lower}
 * (default: lower for cost, latency and error rate, higher otherwise).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentSpec(Goal goal, Integer minSample, Double alpha) {
    public static final List<String> METRICS = List.of("feedback", "score", "cost", "latency", "error_rate");
    public static final int DEFAULT_MIN_SAMPLE = 100;
    public static final double DEFAULT_ALPHA = 0.05;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Goal(String metric, String name, String better) {
        /** Whether a higher value is better, by {@code better} or the metric's nature. */
        public boolean higherIsBetter() {
            if (better != null) return "higher".equals(better);
            return !("cost".equals(metric) || "latency".equals(metric) || "error_rate".equals(metric));
        }
    }

    public int minSampleOrDefault() {
        return minSample == null ? DEFAULT_MIN_SAMPLE : minSample;
    }

    public double alphaOrDefault() {
        return alpha == null ? DEFAULT_ALPHA : alpha;
    }
}
