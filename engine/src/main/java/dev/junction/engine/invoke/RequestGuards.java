package dev.junction.engine.invoke;

import dev.junction.engine.eval.Evaluator;
import dev.junction.engine.eval.EvaluatorRunner;
import dev.junction.engine.guard.CheckContext;
import dev.junction.engine.guard.GuardEnv;
import dev.junction.engine.guard.GuardRun;
import dev.junction.engine.guard.Guardrail;
import dev.junction.engine.guard.GuardrailRecord;
import dev.junction.engine.log.LogSink;
import dev.junction.engine.log.LogStatus;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.routing.RoutingDecision;
import java.util.ArrayList;
import java.util.List;

/**
 * The guardrails and evaluators of the invoke path ({@link InvokeService}): the input guardrails before any model
 * (blocking, masking and re-rendering, or skipping the primary), the output guardrails prepared for the model options
 * ({@link AnswerGuard}) and re-run on a cached answer, and the hand-off of answered requests to the evaluators.
 */
final class RequestGuards {
    private final LogSink logSink;
    private final LogEntries entries;
    /** Where sampled answers are scored; null: evaluators do not run. */
    private final EvaluatorRunner evaluators;

    RequestGuards(LogSink logSink, LogEntries entries, EvaluatorRunner evaluators) {
        this.logSink = logSink;
        this.entries = entries;
        this.evaluators = evaluators;
    }

    /**
     * The request's guardrails on its input ({@link GuardRun#input}), before it is admitted or sent anywhere: a
     * {@code block} ends it here (400 {@code guardrail_blocked}, logged); {@code redact} masks the messages the model
     * gets; {@code fallback} skips the primary model. Also prepares the output guardrails for the model options.
     */
    void guardInput(InvokeTrace t, ActiveDeployment active, VariantPlan plan, Deadline deadline) {
        String ruleId = t.decision instanceof RoutingDecision.Matched m ? m.ruleId() : null;
        List<Guardrail> guards = active.guardrails(ruleId, t.decision.variant());
        if (guards.isEmpty()) return;
        boolean judging = t.request.source() == Source.JUDGE;
        GuardEnv env = active.guardEnv();
        java.util.function.LongSupplier remaining = () -> deadline.remaining().toMillis();
        java.util.UUID key = t.request.apiKeyId();
        String identity = t.request.options().identityId();
        CheckContext input = new CheckContext(t.id, t.version.key(), t.decision.variant(), "input", null, env, judging,
                key, identity, remaining);
        List<String> sent = CallerTexts.of(t.request);
        GuardRun.Outcome outcome = GuardRun.input(guards, sent, input, t.guardrails);
        if (!outcome.texts().equals(sent)) { // masked: the prompt is rendered again from what the guardrails left
            t.request = CallerTexts.with(t.request, outcome.texts());
            t.messages = plan.render(t.request);
        }
        if (outcome.ending() == GuardRun.Outcome.Ending.BLOCKED) {
            AllAttemptsFailedException blocked = AllAttemptsFailedException.blocked(t.routed(), List.of(),
                    new AllAttemptsFailedException.GuardrailBlock(outcome.by().name(), outcome.by().kind(), "input", outcome.reason()));
            logSink.record(entries.entry(t, null, LogStatus.ERROR, 400, blocked.getMessage(), null, List.of()));
            throw blocked;
        }
        t.skipPrimary = outcome.ending() == GuardRun.Outcome.Ending.FALLBACK;
        t.callerText = String.join("\n", outcome.texts().stream().filter(x -> x != null && !x.isEmpty()).toList());
        for (Guardrail g : guards) {
            if (g.output()) {
                CheckContext output = new CheckContext(t.id, t.version.key(), t.decision.variant(), "output",
                        t.callerText, env, judging, key, identity, remaining);
                t.answerGuard = new AnswerGuard(guards, output, t.guardrails);
                break;
            }
        }
    }

    /** The primary model, skipped because an input guardrail with action fallback failed: a failed attempt, never sent. */
    static Attempt guardSkipped(InvokeTrace t, ModelOption primary) {
        GuardrailRecord why = lastFallback(t);
        String reason = why == null ? null : why.publicReason();
        String message = "guardrail '" + (why == null ? "?" : why.name()) + "' refused the input for this model"
                + (reason == null ? "" : ": " + reason) + ": not sent";
        return Attempt.failed(primary.role(), 1, primary.config(), 0,
                new dev.junction.engine.provider.ProviderFailure.GuardrailRejected(message, false));
    }

    /**
     * Whether a cached answer passes the request's output guardrails unchanged (it was stored as the client got it,
     * so it does unless the guardrails changed since): one that a guardrail would mask or send to the fallback is
     * not served, the models are asked instead; one a guardrail blocks blocks the request.
     */
    boolean hitPassesGuards(InvokeTrace t) {
        if (t.answerGuard == null) return true;
        ChatResponse hit = t.cache.hit().response();
        List<GuardrailRecord> scratch = new ArrayList<>();
        try {
            AnswerGuard.Checked checked = t.answerGuard.check(hit, scratch);
            boolean served = checked.failure() == null && checked.response() == hit;
            if (served) t.guardrails.addAll(scratch); // else the models are asked, and their answer checked and recorded
            return served;
        } catch (GuardBlockedException e) {
            t.guardrails.addAll(scratch);
            AllAttemptsFailedException blocked = AllAttemptsFailedException.blocked(t.routed(), List.of(), e.block());
            logSink.record(entries.entry(t, null, LogStatus.ERROR, 400, blocked.getMessage(), null, List.of()));
            throw blocked;
        }
    }

    /**
     * Hands an answered request to the evaluators that sample it ({@link EvaluatorRunner}); a judge's own requests are
     * not scored. Returns at once.
     */
    void evaluate(InvokeTrace t, ChatResponse response) {
        if (evaluators == null || t.request.source() == Source.JUDGE) return;
        // the version that served the request, compiled when it went live (even if another replaced it since)
        List<Evaluator> sampled = EvaluatorRunner.sampled(t.active.evaluators(t.decision.variant()), t.id);
        if (sampled.isEmpty()) return;
        String ruleId = t.decision instanceof RoutingDecision.Matched m ? m.ruleId() : null;
        evaluators.submit(new EvaluatorRunner.Job(t.id, t.created, t.version.key(), t.version.number(),
                t.decision.variant(), ruleId, t.callerText != null ? t.callerText
                : String.join("\n", CallerTexts.of(t.request).stream().filter(x -> x != null && !x.isEmpty()).toList()),
                response.content(), sampled, t.version.spec().masksPiiInLogs()));
    }

    /** The last guardrail that sent the request to the next model, or null. */
    static GuardrailRecord lastFallback(InvokeTrace t) {
        GuardrailRecord last = null;
        for (GuardrailRecord r : t.guardrails) if ("fallback".equals(r.taken())) last = r;
        return last;
    }
}
