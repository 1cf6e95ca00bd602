package dev.junction.engine.guard;

import dev.junction.engine.guard.detect.Finding;
import java.util.List;

/**
 * What a check said about one text: it passed, it failed (with a reason, and for the kinds that find things in the
 * text, where), or the check itself could not answer ({@code ERROR}: a judge that did not answer in time, a callout that
 * failed). {@code score}: a judge's or a callout's number, when it gave one (evaluators record it); {@code SCORE}: a
 * judge that gave a number and no pass or fail (an evaluator's answer; a guardrail takes it as an error).
 */
public record Verdict(Outcome outcome, String reason, List<Finding> findings, Double score) {
    public enum Outcome { PASS, FAIL, SCORE, ERROR }

    public static final Verdict PASS = new Verdict(Outcome.PASS, null, List.of(), null);

    public Verdict {
        findings = findings == null ? List.of() : findings;
    }

    public static Verdict fail(String reason, List<Finding> findings) {
        return new Verdict(Outcome.FAIL, reason, findings, null);
    }

    public static Verdict fail(String reason) {
        return new Verdict(Outcome.FAIL, reason, List.of(), null);
    }

    public static Verdict score(double score, String reason) {
        return new Verdict(Outcome.SCORE, reason, List.of(), score);
    }

    public static Verdict error(String reason) {
        return new Verdict(Outcome.ERROR, reason, List.of(), null);
    }

    public boolean passed() {
        return outcome == Outcome.PASS;
    }
}
