package dev.junction.engine.invoke;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One call to one model: which option of the variant it was ({@code primary} or {@code fallback}), its
 * number on that model (1 = first try), the outcome, and, when it failed, why and what happened next
 * ({@code retry}, {@code fallback} or {@code none}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Attempt(
        String option,
        int number,
        String provider,
        String model,
        boolean success,
        Integer upstreamStatus,
        String reason,
        String error,
        long latencyMicros,
        Integer promptTokens,
        Integer completionTokens,
        String next) {

    public Attempt withReason(String newReason) {
        return new Attempt(option, number, provider, model, success, upstreamStatus, newReason, error,
                latencyMicros, promptTokens, completionTokens, next);
    }

    public Attempt withNext(String next) {
        return new Attempt(option, number, provider, model, success, upstreamStatus, reason, error,
                latencyMicros, promptTokens, completionTokens, next);
    }
}
