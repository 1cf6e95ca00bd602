package dev.junction.engine.guard;

import dev.junction.engine.deployment.GuardrailSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A guardrail compiled for a live version: its name and kind, where it looks (input, output), what it does when its
 * check fails, and whether it lets the text pass when the check itself cannot answer ({@code onError: open}).
 */
public record Guardrail(String name, String kind, boolean input, boolean output, GuardAction action, boolean failsOpen,
                        Check check) {

    public static Guardrail of(GuardrailSpec spec) {
        return new Guardrail(spec.name(), spec.kind(), spec.checksInput(), spec.checksOutput(), GuardAction.of(spec.action()),
                spec.failsOpen(), Checks.of(spec));
    }

    /** Each of {@code specs} compiled, in order. */
    public static List<Guardrail> all(List<GuardrailSpec> specs) {
        List<Guardrail> out = new ArrayList<>(specs.size());
        for (GuardrailSpec s : specs) out.add(of(s));
        return List.copyOf(out);
    }

    /** Whether it reads a text as a whole, outside the gateway (one call for all the user's text). */
    boolean remote() {
        return GuardrailSpec.REMOTE_KINDS.contains(kind);
    }

    /**
     * The reason the caller and the request's error may show: a detector's or a local check's; for a judge or a
     * callout only that it erred (their own words may quote what they read), null otherwise.
     */
    String publicReason(Verdict verdict) {
        if (!remote()) return verdict.reason();
        return verdict.outcome() == Verdict.Outcome.ERROR ? "the check could not answer" : null;
    }

    /** Runs the check; an exception is an error verdict, never a failure of the request. */
    Verdict run(String text, CheckContext context) {
        try {
            Verdict v = check.check(text, context);
            if (v.outcome() == Verdict.Outcome.SCORE) return Verdict.error("the judge gave a score but no pass or fail");
            return v;
        } catch (RuntimeException e) {
            return Verdict.error("the check failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }
}
