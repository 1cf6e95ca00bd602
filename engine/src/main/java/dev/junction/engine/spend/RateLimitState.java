package dev.junction.engine.spend;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What OpenAI's {@code x-ratelimit-*} headers say, for the tightest request limit and the tightest token limit that
 * applied to a request (null members: no such limit). Remaining counts are after this request.
 */
public record RateLimitState(Long limitRequests, Long remainingRequests, Duration resetRequests,
                             Long limitTokens, Long remainingTokens, Duration resetTokens) {

    /** The headers, spelled as OpenAI does ({@code x-ratelimit-reset-requests: 12s}, {@code 1m5s}, {@code 250ms}). */
    public Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        if (limitRequests != null) {
            h.put("x-ratelimit-limit-requests", Long.toString(limitRequests));
            h.put("x-ratelimit-remaining-requests", Long.toString(Math.max(0, remainingRequests)));
            h.put("x-ratelimit-reset-requests", duration(resetRequests));
        }
        if (limitTokens != null) {
            h.put("x-ratelimit-limit-tokens", Long.toString(limitTokens));
            h.put("x-ratelimit-remaining-tokens", Long.toString(Math.max(0, remainingTokens)));
            h.put("x-ratelimit-reset-tokens", duration(resetTokens));
        }
        return h;
    }

    /** OpenAI's spelling of a reset time: {@code 1m5s}, {@code 12s}, {@code 250ms}. */
    public static String duration(Duration d) {
        long ms = Math.max(0, d.toMillis());
        if (ms < 1_000) return ms + "ms";
        long s = ms / 1_000;
        long frac = ms % 1_000;
        String secs = frac == 0 ? Long.toString(s % 60) : String.format(java.util.Locale.ROOT, "%.3f", (s % 60) + frac / 1000.0).replaceAll("0+$", "");
        return s >= 60 ? (s / 60) + "m" + secs + "s" : secs + "s";
    }
}
