package dev.junction.engine.invoke;

/**
 * An output guardrail with action {@code block} refused a model's answer: the request ends there (no retry, no
 * fallback) and the client is told which guardrail ({@link AllAttemptsFailedException#blocked}).
 */
final class GuardBlockedException extends RuntimeException {
    private final AllAttemptsFailedException.GuardrailBlock block;

    GuardBlockedException(AllAttemptsFailedException.GuardrailBlock block) {
        super(block.reason(), null, false, false);
        this.block = block;
    }

    AllAttemptsFailedException.GuardrailBlock block() {
        return block;
    }
}
