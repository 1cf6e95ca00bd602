package dev.junction.engine.invoke;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * One call to one model: which option of the variant it was ({@code primary} or {@code fallback}), its
 * number on that model (1 = first try), the outcome, and, when it failed, why and what happened next
 * ({@code retry}, {@code fallback} or {@code none}). A call that reported its usage carries its cost in US dollars
 * from the model garden's prices and where those prices came from ({@code priceSource}); a failed call costs
 * nothing as far as the gateway knows (providers do not bill refused calls; a stream cut short reports no usage).
 * {@code sent} is false for an attempt that never reached the provider (a prompt too large for the context window
 * by the gateway's count, no connection, an open circuit), and absent otherwise.
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
        String next,
        Integer cachedTokens,
        BigDecimal costUsd,
        String priceSource,
        Boolean sent) {

    public Attempt(String option, int number, String provider, String model, boolean success, Integer upstreamStatus,
                   String reason, String error, long latencyMicros, Integer promptTokens, Integer completionTokens,
                   String next) {
        this(option, number, provider, model, success, upstreamStatus, reason, error, latencyMicros, promptTokens,
                completionTokens, next, null, null, null, null);
    }

    /** An attempt that reached the provider ({@code sent} absent). */
    public Attempt(String option, int number, String provider, String model, boolean success, Integer upstreamStatus,
                   String reason, String error, long latencyMicros, Integer promptTokens, Integer completionTokens,
                   String next, Integer cachedTokens, BigDecimal costUsd, String priceSource) {
        this(option, number, provider, model, success, upstreamStatus, reason, error, latencyMicros, promptTokens,
                completionTokens, next, cachedTokens, costUsd, priceSource, null);
    }

    public Attempt withReason(String newReason) {
        return new Attempt(option, number, provider, model, success, upstreamStatus, newReason, error,
                latencyMicros, promptTokens, completionTokens, next, cachedTokens, costUsd, priceSource, sent);
    }

    /** The same attempt marked as one that never reached the provider. */
    public Attempt notSent() {
        return new Attempt(option, number, provider, model, success, upstreamStatus, reason, error,
                latencyMicros, promptTokens, completionTokens, next, cachedTokens, costUsd, priceSource, false);
    }

    public Attempt withNext(String next) {
        return new Attempt(option, number, provider, model, success, upstreamStatus, reason, error,
                latencyMicros, promptTokens, completionTokens, next, cachedTokens, costUsd, priceSource, sent);
    }
}
