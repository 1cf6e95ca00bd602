package dev.junction.engine.invoke;

import java.time.Duration;

/**
 * The invoke path's clock: the request's deadline, the waits between retries and the circuit breakers' open time all
 * read and wait through it, so tests can use a fake one that moves on when asked to wait instead of sleeping.
 */
public interface Ticker {
    /** Nanoseconds from an arbitrary origin, as {@link System#nanoTime()}: only differences mean anything. */
    long nanoTime();

    /** Waits {@code duration}; a fake ticker moves its time on instead. */
    void sleep(Duration duration) throws InterruptedException;

    /** The machine's monotonic clock, and {@link Thread#sleep(Duration)}. */
    Ticker SYSTEM = new Ticker() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            Thread.sleep(duration);
        }
    };
}
