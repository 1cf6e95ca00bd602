package dev.junction.engine.guard;

import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.guard.detect.Finding;
import dev.junction.engine.guard.detect.Masking;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs guardrails in order on one request's input or on its answer, recording what each did.
 *
 * <p><b>Input</b>: what the user said, the text of every {@code user} message sent to the model (the variant's own
 * user messages as rendered, and the request's); system, assistant and tool messages are not read, so a variant's own
 * system prompt never trips its guardrails. Detectors ({@code pii}, {@code deny_list}, {@code regex}) and the local
 * checks read each text on its own ({@code maxChars} is per message); a judge or a callout gets them all at once,
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

    /** How a run ended: passed (with the text or messages as they now are), blocked, or moved to the fallback. */
    public record Outcome(Ending ending, Guardrail by, String reason, List<PromptMessage> messages, String text) {
        public enum Ending { PASSED, BLOCKED, FALLBACK }

        public boolean passed() {
            return ending == Ending.PASSED;
        }
    }

    /** The input guardrails among {@code guards}, on the user's messages of {@code messages}. */
    public static Outcome input(List<Guardrail> guards, List<PromptMessage> messages, CheckContext context,
                                List<GuardrailRecord> records) {
        List<PromptMessage> current = messages;
        for (Guardrail g : guards) {
            if (!g.input()) continue;
            long start = System.nanoTime();
            List<String> texts = userTexts(current);
            if (texts.isEmpty()) continue;
            Verdict verdict;
            List<List<Finding>> perText = null;
            if (g.remote()) {
                verdict = g.run(String.join("\n", texts), context);
            } else {
                verdict = Verdict.PASS;
                perText = new ArrayList<>(texts.size());
                List<Finding> all = new ArrayList<>();
                for (String t : texts) {
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
                case BLOCK -> { return new Outcome(Outcome.Ending.BLOCKED, g, verdict.reason(), current, null); }
                case FALLBACK -> { return new Outcome(Outcome.Ending.FALLBACK, g, verdict.reason(), current, null); }
                case REDACT -> current = redactUserTexts(current, perText);
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
                case BLOCK -> { return new Outcome(Outcome.Ending.BLOCKED, g, verdict.reason(), null, text); }
                case FALLBACK -> { return new Outcome(Outcome.Ending.FALLBACK, g, verdict.reason(), null, text); }
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

    /** The texts of the user messages, in order: a message's content, or each of its text parts. */
    static List<String> userTexts(List<PromptMessage> messages) {
        List<String> out = new ArrayList<>();
        for (PromptMessage m : messages) {
            if (m.role() != Role.USER) continue;
            if (m.parts() == null) {
                if (!m.content().isEmpty()) out.add(m.content());
            } else {
                for (ContentPart p : m.parts()) if (p instanceof ContentPart.Text t && !t.text().isEmpty()) out.add(t.text());
            }
        }
        return out;
    }

    /** The user's texts joined by line breaks: what a judge of the answer is told the user said. */
    public static String userText(List<PromptMessage> messages) {
        return String.join("\n", userTexts(messages));
    }

    /** The messages with each user text masked by its findings (same order as {@link #userTexts}). */
    private static List<PromptMessage> redactUserTexts(List<PromptMessage> messages, List<List<Finding>> perText) {
        List<PromptMessage> out = new ArrayList<>(messages.size());
        int next = 0;
        for (PromptMessage m : messages) {
            if (m.role() != Role.USER) {
                out.add(m);
                continue;
            }
            if (m.parts() == null) {
                if (m.content().isEmpty()) {
                    out.add(m);
                } else {
                    List<Finding> f = perText.get(next++);
                    out.add(f.isEmpty() ? m : m.withContent(Masking.mask(m.content(), f)));
                }
                continue;
            }
            List<ContentPart> parts = new ArrayList<>(m.parts().size());
            for (ContentPart p : m.parts()) {
                if (p instanceof ContentPart.Text t && !t.text().isEmpty()) {
                    List<Finding> f = perText.get(next++);
                    parts.add(f.isEmpty() ? p : new ContentPart.Text(Masking.mask(t.text(), f)));
                } else {
                    parts.add(p);
                }
            }
            out.add(m.withParts(parts));
        }
        return out;
    }
}
