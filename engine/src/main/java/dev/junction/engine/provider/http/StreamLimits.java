package dev.junction.engine.provider.http;

import dev.junction.engine.provider.ChatRequest;
import java.time.Duration;

/**
 * A stream's two time limits: the first text must come by {@code firstDeadline} ({@link System#nanoTime()} scale,
 * {@code first} after sending), and after it every line within {@code gap} of the one before. Time the sink takes
 * (a slow client) does not count.
 */
public record StreamLimits(long firstDeadline, Duration first, Duration gap) {
    /** The request's {@code firstTokenTimeout} and {@code timeout}, else {@code fallback}, counted from now. */
    public static StreamLimits of(ChatRequest request, Duration fallback) {
        Duration first = request.firstTokenTimeoutOr(fallback);
        return new StreamLimits(System.nanoTime() + first.toNanos(), first, request.timeoutOr(fallback));
    }
}
