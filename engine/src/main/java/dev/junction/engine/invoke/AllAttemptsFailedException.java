package dev.junction.engine.invoke;

import java.util.List;
import java.util.UUID;

/**
 * Every option of the variant failed. Carries every attempt, not only the last, where the request was routed, and
 * what the client is told ({@link InvokeFailure}, the one place that decides the status).
 */
public final class AllAttemptsFailedException extends RuntimeException {
    private final Routed routed;
    private final List<Attempt> attempts;
    private final InvokeFailure failure;

    public AllAttemptsFailedException(Routed routed, List<Attempt> attempts, boolean deadlinePassed) {
        this(routed, List.copyOf(attempts), InvokeFailure.of(attempts, deadlinePassed));
    }

    private AllAttemptsFailedException(Routed routed, List<Attempt> attempts, InvokeFailure failure) {
        super(failure.message(), null, false, false);
        this.routed = routed;
        this.attempts = attempts;
        this.failure = failure;
    }

    public UUID requestId() {
        return routed.requestId();
    }

    public Routed routed() {
        return routed;
    }

    public List<Attempt> attempts() {
        return attempts;
    }

    public int httpStatus() {
        return failure.httpStatus();
    }

    public InvokeErrorCode code() {
        return failure.code();
    }
}
