package dev.junction.engine.invoke;

import java.time.Duration;

/** The request's overall deadline passed: no further attempt is started, and the client gets 504. */
final class DeadlineExceededException extends RuntimeException {
    DeadlineExceededException(Duration deadline) {
        super("the request's deadline of " + deadline.toSeconds() + " s passed", null, false, false);
    }
}
