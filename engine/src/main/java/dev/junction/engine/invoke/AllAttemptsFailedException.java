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
    /** The guardrail that blocked the request; null for any other failure. */
    private GuardrailBlock blocked;

    /** A guardrail that blocked: its name, kind, stage ({@code input}, {@code output}) and reason. */
    public record GuardrailBlock(String name, String kind, String stage, String reason) {}

    /** A request a guardrail blocked with action {@code block}: 400 {@code guardrail_blocked} naming it. */
    public static AllAttemptsFailedException blocked(Routed routed, List<Attempt> attempts, GuardrailBlock block) {
        AllAttemptsFailedException e = new AllAttemptsFailedException(routed, List.copyOf(attempts),
                new InvokeFailure(400, InvokeErrorCode.GUARDRAIL_BLOCKED, "blocked by guardrail '" + block.name() + "' ("
                        + block.kind() + ", " + block.stage() + ")" + (block.reason() == null ? "" : ": " + block.reason())));
        e.blocked = block;
        return e;
    }

    /** The guardrail that blocked the request, or null. */
    public GuardrailBlock guardrail() {
        return blocked;
    }

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
