package dev.junction.engine.invoke;

import java.time.Duration;

/** The point in time, on {@code ticker}, by which a request must be done, retries and fallback included. */
record Deadline(Ticker ticker, long endNanos, Duration total) {
    static Deadline in(Duration total, Ticker ticker) {
        return new Deadline(ticker, ticker.nanoTime() + total.toNanos(), total);
    }

    Duration remaining() {
        return Duration.ofNanos(endNanos - ticker.nanoTime());
    }
}
