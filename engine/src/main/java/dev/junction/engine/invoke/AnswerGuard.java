package dev.junction.engine.invoke;

import dev.junction.engine.guard.CheckContext;
import dev.junction.engine.guard.GuardRun;
import dev.junction.engine.guard.Guardrail;
import dev.junction.engine.guard.GuardrailRecord;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderFailure;
import java.util.List;

/**
 * The output guardrails of one request, as each model option runs them on its answer ({@link ModelOption}). A stream
 * is held back until its answer is checked when any of them can act on it ({@code block}, {@code redact},
 * {@code fallback}); with only {@code flag} guardrails it flows as it comes and is checked once complete.
 */
final class AnswerGuard {
    private final List<Guardrail> guards;
    private final CheckContext context;
    private final List<GuardrailRecord> records;
    private final boolean holds;

    AnswerGuard(List<Guardrail> guards, CheckContext context, List<GuardrailRecord> records) {
        this.guards = guards;
        this.context = context;
        this.records = records;
        this.holds = GuardRun.outputCanAct(guards);
    }

    /** Whether a stream must be held back until its answer is checked. */
    boolean holdsStream() {
        return holds;
    }

    /**
     * The answer as the client may get it (masked by {@code redact} guardrails), or a failure for the fallback.
     *
     * @throws GuardBlockedException a {@code block} guardrail refused it
     */
    Checked check(ChatResponse response) {
        return check(response, records);
    }

    /** {@link #check(ChatResponse)}, recording into {@code into} (a cached answer is checked apart: it may not be served). */
    Checked check(ChatResponse response, List<GuardrailRecord> into) {
        if (response.content().isEmpty() && response.hasToolCalls()) return new Checked(response, null);
        GuardRun.Outcome outcome;
        try {
            outcome = GuardRun.output(guards, response.content(), context, into);
        } catch (RuntimeException e) { // a bug in a guardrail must not pass an answer unchecked, nor look like the model's fault
            throw new GuardBlockedException(new AllAttemptsFailedException.GuardrailBlock("?", "?", "output",
                    "a guardrail failed: " + e.getClass().getSimpleName()));
        }
        return switch (outcome.ending()) {
            // masked: the reasoning, which may say what was masked, is withheld (tool calls are kept as the model made them)
            case PASSED -> new Checked(outcome.text().equals(response.content()) ? response
                    : new ChatResponse(outcome.text(), response.finishReason(), response.usage(), response.model(),
                    response.toolCalls(), null), null);
            case FALLBACK -> new Checked(null, new ProviderFailure.GuardrailRejected("guardrail '" + outcome.by().name()
                    + "' refused the answer" + (outcome.reason() == null ? "" : ": " + outcome.reason()), true));
            case BLOCKED -> throw new GuardBlockedException(new AllAttemptsFailedException.GuardrailBlock(
                    outcome.by().name(), outcome.by().kind(), "output", outcome.reason()));
        };
    }

    /** The answer to pass on, or the failure that sends the request to the next model. */
    record Checked(ChatResponse response, ProviderFailure.GuardrailRejected failure) {}
}
