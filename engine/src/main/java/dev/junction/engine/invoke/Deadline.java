package dev.junction.engine.invoke;

import java.time.Duration;

/** The point in time by which a request must be done, retries and fallback included. */
record Deadline(long endNanos, Duration total) {
    static Deadline in(Duration total) {
        return new Deadline(System.nanoTime() + total.toNanos(), total);
    }

    Duration remaining() {
        return Duration.ofNanos(endNanos - System.nanoTime());
    }
}
