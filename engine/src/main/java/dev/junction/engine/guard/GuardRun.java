package dev.junction.engine.guard;

import dev.junction.engine.guard.detect.Finding;
import dev.junction.engine.guard.detect.Masking;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs guardrails in order on one request's input or on its answer, recording what each did.
 *
 * <p><b>Input</b>: what the caller sent ({@code invoke.CallerTexts}): every text input and the text of every
 * message of the request, whatever its role; the variant's own prompt is not read, so its system prompt never trips
 * its guardrails, but an input rendered into it is. Detectors ({@code pii}, {@code deny_list}, {@code regex}) and the
 * local checks read each text on its own ({@code maxChars} is per text); a judge or a callout gets them all at once,
 * joined by line breaks. <b>Output</b>: the answer's text (an answer made only of tool calls is not read).
 *
 * <p>A failing check does what its guardrail's action says: {@code block} stops here; {@code redact} masks what was
 * found and the next guardrails read the masked text; {@code fallback} stops here and the request moves to the
 * variant's next model; {@code flag} records and goes on. A check that cannot answer (a judge that timed out, a
 * callout that failed) lets the text pass with {@code onError: open}, and with {@code closed} (the default) counts as a
 * failure: its action is taken, except that nothing can be masked without findings, so a {@code redact} guardrail
 * that fails closed blocks.
 */
public final class GuardRun {
    private GuardRun() {}

    /**
     * How a run ended: passed (with the text or messages as they now are), blocked, or moved to the fallback.
     * {@code reason} is what the caller may be told: a detector's ({@code found email}), never a judge's or a
     * callout's (their words may quote a prompt or the answer; they stay in the guardrail's log record).
     */
    public record Outcome(Ending ending, Guardrail by, String reason, List<String> texts, String text) {
        public enum Ending { PASSED, BLOCKED, FALLBACK }

        public boolean passed() {
            return ending == Ending.PASSED;
        }
    }

    /**
     * The input guardrails among {@code guards}, on what the caller sent ({@code texts}, each on its own for the
     * detectors, joined for a judge or a callout); the outcome's {@code texts} are those texts as masked, in order.
     */
    public static Outcome input(List<Guardrail> guards, List<String> texts, CheckContext context, List<GuardrailRecord> records) {
        List<String> current = texts;
        for (Guardrail g : guards) {
            if (!g.input()) continue;
            long start = System.nanoTime();
            List<String> present = current.stream().filter(t -> t != null && !t.isEmpty()).toList();
            if (present.isEmpty()) continue;
            Verdict verdict;
            List<List<Finding>> perText = null;
            if (g.remote()) {
                verdict = g.run(String.join("\n", present), context);
            } else {
                verdict = Verdict.PASS;
                perText = new ArrayList<>(current.size());
                List<Finding> all = new ArrayList<>();
                for (String t : current) {
                    if (t == null || t.isEmpty()) {
                        perText.add(List.of());
                        continue;
                    }
                    Verdict v = g.run(t, context);
                    perText.add(v.findings());
                    all.addAll(v.findings());
                    if (v.outcome() == Verdict.Outcome.ERROR) verdict = v;
                    else if (!v.passed() && verdict.passed()) verdict = v;
                }
                if (verdict.outcome() == Verdict.Outcome.FAIL && !all.isEmpty()) verdict = Verdict.fail(verdict.reason(), all);
            }
            Step step = decide(g, verdict, "input", start, records);
            switch (step) {
                case PASS -> { }
                case BLOCK -> { return new Outcome(Outcome.Ending.BLOCKED, g, g.publicReason(verdict), current, null); }
                case FALLBACK -> { return new Outcome(Outcome.Ending.FALLBACK, g, g.publicReason(verdict), current, null); }
                case REDACT -> {
                    List<String> masked = new ArrayList<>(current.size());
                    for (int k = 0; k < current.size(); k++) {
                        List<Finding> f = perText.get(k);
                        masked.add(f.isEmpty() ? current.get(k) : Masking.mask(current.get(k), f));
                    }
                    current = masked;
                }
            }
        }
        return new Outcome(Outcome.Ending.PASSED, null, null, current, null);
    }

    /** The output guardrails among {@code guards}, on the answer's text. */
    public static Outcome output(List<Guardrail> guards, String answer, CheckContext context, List<GuardrailRecord> records) {
        String text = answer;
        for (Guardrail g : guards) {
            if (!g.output()) continue;
            long start = System.nanoTime();
            Verdict verdict = g.run(text, context);
            Step step = decide(g, verdict, "output", start, records);
            switch (step) {
                case PASS -> { }
                case BLOCK -> { return new Outcome(Outcome.Ending.BLOCKED, g, g.publicReason(verdict), null, text); }
                case FALLBACK -> { return new Outcome(Outcome.Ending.FALLBACK, g, g.publicReason(verdict), null, text); }
                case REDACT -> text = Masking.mask(text, verdict.findings());
            }
        }
        return new Outcome(Outcome.Ending.PASSED, null, null, null, text);
    }

    /** Whether any of {@code guards} on the output can change or stop the answer (not only flag it). */
    public static boolean outputCanAct(List<Guardrail> guards) {
        for (Guardrail g : guards) if (g.output() && g.action() != GuardAction.FLAG) return true;
        return false;
    }

    private enum Step { PASS, BLOCK, FALLBACK, REDACT }

    private static Step decide(Guardrail g, Verdict verdict, String stage, long start, List<GuardrailRecord> records) {
        long micros = (System.nanoTime() - start) / 1_000;
        List<String> found = found(verdict.findings());
        if (verdict.passed()) {
            records.add(new GuardrailRecord(g.name(), g.kind(), stage, GuardrailRecord.PASS, null, null, null, micros));
            return Step.PASS;
        }
        boolean error = verdict.outcome() == Verdict.Outcome.ERROR;
        if (error && g.failsOpen()) {
            records.add(new GuardrailRecord(g.name(), g.kind(), stage, GuardrailRecord.ERROR, null,
                    verdict.reason() + " (fails open: passed)", null, micros));
            return Step.PASS;
        }
        GuardAction action = g.action();
        if (action == GuardAction.REDACT && verdict.findings().isEmpty()) action = GuardAction.BLOCK;
        records.add(new GuardrailRecord(g.name(), g.kind(), stage, error ? GuardrailRecord.ERROR : GuardrailRecord.FAIL,
                action.wire(), verdict.reason(), found, micros));
        return switch (action) {
            case BLOCK -> Step.BLOCK;
            case FALLBACK -> Step.FALLBACK;
            case REDACT -> Step.REDACT;
            case FLAG -> Step.PASS;
        };
    }

    private static List<String> found(List<Finding> findings) {
        if (findings.isEmpty()) return null;
        Set<String> kinds = new LinkedHashSet<>();
        for (Finding f : findings) kinds.add(f.kind());
        return List.copyOf(kinds);
    }
}
