package dev.junction.engine.guard;

import dev.junction.engine.deployment.DeploymentSpec;
import dev.junction.engine.routing.RoutingCase;
import dev.junction.engine.routing.RoutingCaseRunner;
import dev.junction.engine.routing.RoutingRule;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Guardrails in the simulator and the rule tests. {@link #preview} runs the input guardrails of the row and variant a
 * context reaches on a sample user text (and, given a sample answer, the output guardrails on it), calling no model
 * but the judges and callouts the guardrails name. A routing case with {@code text} and {@code expect} checks what
 * they did: {@code passes} (no guardrail failed), {@code blocked by NAME}, {@code redacted by NAME},
 * {@code flagged by NAME}, {@code fallback by NAME}.
 */
public final class GuardrailCases {
    public static final Pattern EXPECT = Pattern.compile("passes|(blocked|redacted|flagged|fallback) by ([A-Za-z0-9_-]{1,128})");
    public static final int MAX_TEXT = 100_000;

    private GuardrailCases() {}

    /** What the guardrails did: {@code outcome} in the words of {@code expect}, each guardrail's record, the texts after. */
    public record Preview(String outcome, List<GuardrailRecord> guardrails, String input, String output) {}

    public static Preview preview(DeploymentSpec spec, String ruleId, String variantKey, String text, String answer,
                                  GuardEnv env) {
        List<Guardrail> guards = new ArrayList<>();
        if (ruleId != null && spec.routing() != null) {
            for (RoutingRule r : spec.routing().rules()) if (ruleId.equals(r.id())) guards.addAll(Guardrail.all(r.guardrails()));
        }
        spec.variant(variantKey).ifPresent(v -> guards.addAll(Guardrail.all(v.guardrails())));
        List<GuardrailRecord> records = new ArrayList<>();
        String input = text;
        if (text != null) {
            CheckContext context = new CheckContext(null, spec.key(), variantKey, "input", null, env);
            GuardRun.Outcome in = GuardRun.input(guards, List.of(text), context, records);
            if (!in.passed()) return new Preview(ending(in), records, null, null);
            input = in.texts().getFirst();
        }
        String output = answer;
        if (answer != null) {
            CheckContext context = new CheckContext(null, spec.key(), variantKey, "output", input, env);
            GuardRun.Outcome out = GuardRun.output(guards, answer, context, records);
            if (!out.passed()) return new Preview(ending(out), records, input, null);
            output = out.text();
        }
        return new Preview(passedOutcome(records), records, input, output);
    }

    private static String ending(GuardRun.Outcome o) {
        return (o.ending() == GuardRun.Outcome.Ending.BLOCKED ? "blocked by " : "fallback by ") + o.by().name();
    }

    /** {@code passes}, or the first action taken ({@code redacted by pii}, {@code flagged by tone}). */
    private static String passedOutcome(List<GuardrailRecord> records) {
        for (GuardrailRecord r : records) {
            if ("redact".equals(r.taken())) return "redacted by " + r.name();
            if ("flag".equals(r.taken())) return "flagged by " + r.name();
        }
        return "passes";
    }

    /** Whether {@code expect} describes what the guardrails did. */
    static boolean satisfies(String expect, Preview p) {
        Matcher m = EXPECT.matcher(expect);
        if (!m.matches()) return false;
        if (expect.equals("passes")) return p.outcome().equals("passes");
        String verb = m.group(1);
        String name = m.group(2);
        if (verb.equals("blocked") || verb.equals("fallback")) return p.outcome().equals(expect);
        String taken = verb.equals("redacted") ? "redact" : "flag";
        if (p.outcome().startsWith("blocked") || p.outcome().startsWith("fallback")) return false;
        return p.guardrails().stream().anyMatch(r -> name.equals(r.name()) && taken.equals(r.taken()));
    }

    /**
     * The routing cases' results, each case with {@code text} whose routing passed also checked on its guardrails:
     * failed, with a reason, when they did not do what it {@code expect}s.
     */
    public static List<RoutingCaseRunner.Result> check(DeploymentSpec spec, List<RoutingCaseRunner.Result> results, GuardEnv env) {
        List<RoutingCaseRunner.Result> out = new ArrayList<>(results.size());
        for (RoutingCaseRunner.Result r : results) {
            RoutingCase c = r.index() < spec.tests().size() ? spec.tests().get(r.index()) : null;
            if (!r.passed() || c == null || c.text() == null || c.expect() == null) {
                out.add(r);
                continue;
            }
            String rule = RoutingCase.DEFAULT_RULE.equals(r.actualRule()) ? null : r.actualRule();
            Preview p = preview(spec, rule, r.actualVariant(), c.text(), null, env);
            if (satisfies(c.expect(), p)) {
                out.add(r);
            } else {
                out.add(new RoutingCaseRunner.Result(r.index(), r.name(), false, r.expectVariant(), r.expectRule(),
                        r.actualVariant(), r.actualRule(), "expected the guardrails to say '" + c.expect() + "', they said '"
                        + p.outcome() + "'"));
            }
        }
        return out;
    }
}
