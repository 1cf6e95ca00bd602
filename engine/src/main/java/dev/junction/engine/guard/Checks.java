package dev.junction.engine.guard;

import dev.junction.engine.deployment.GuardrailSpec;
import dev.junction.engine.deployment.JsonSchemas;
import dev.junction.engine.guard.detect.DenyList;
import dev.junction.engine.guard.detect.Finding;
import dev.junction.engine.guard.detect.PiiDetector;
import dev.junction.engine.guard.detect.PiiKind;
import dev.junction.engine.guard.detect.RegexFinder;
import dev.junction.engine.guard.detect.TextLanguage;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Compiles a guardrail's or an evaluator's spec (validated: {@link dev.junction.engine.deployment.GuardrailChecks})
 * into its {@link Check}: detectors and schemas are built here, once per deployment version. What each kind fails on:
 * <ul>
 *   <li>{@code pii}, {@code deny_list}, {@code regex}: something found (the findings say where, for {@code redact});</li>
 *   <li>{@code json_schema}: text that is not JSON valid against the schema;</li>
 *   <li>{@code length}: fewer than {@code minChars} or more than {@code maxChars} characters (Unicode code points);</li>
 *   <li>{@code language}: a language the detector is sure of that is not one of {@code languages} (text too short to
 *       tell passes);</li>
 *   <li>{@code judge}: the judge deployment's answer says fail ({@link JudgeAnswer});</li>
 *   <li>{@code http}: the team's service says {@code "pass": false} ({@link HttpCallout}).</li>
 * </ul>
 */
public final class Checks {
    private Checks() {}

    public static Check of(GuardrailSpec spec) {
        return switch (spec.kind()) {
            case "pii" -> pii(spec.pii());
            case "deny_list" -> finder(DenyList.of(spec.terms(), spec.wholeWords() == null || spec.wholeWords())::find,
                    "a denied term");
            case "regex" -> capped(finder(RegexFinder.of(spec.pattern(), "redacted")::find, "text matching the pattern"));
            case "json_schema" -> schema(JsonSchemas.compile(spec.schema()));
            case "length" -> length(spec.minChars(), spec.maxChars());
            case "language" -> language(Set.copyOf(spec.languages()));
            case "judge" -> judge(spec.deployment(), spec.name(), spec.timeoutMsOrDefault());
            case "http" -> (text, context) -> {
                long millis = context.timeoutMillis(spec.timeoutMsOrDefault());
                if (millis <= 0) return Verdict.error("the request's deadline passed: not called");
                return context.env().callout().call(spec.url(), spec.name(), text, context, GuardEnv.timeout((int) millis));
            };
            default -> throw new IllegalArgumentException("unknown guardrail kind " + spec.kind());
        };
    }

    private static Check pii(List<String> kinds) {
        Set<PiiKind> set = EnumSet.noneOf(PiiKind.class);
        if (kinds != null) for (String k : kinds) PiiKind.fromWire(k).ifPresent(set::add);
        PiiDetector detector = PiiDetector.of(set);
        return (text, context) -> {
            List<Finding> found = detector.find(text);
            if (found.isEmpty()) return Verdict.PASS;
            Set<String> what = new LinkedHashSet<>();
            for (Finding f : found) what.add(f.kind());
            return Verdict.fail("found " + String.join(", ", what), found);
        };
    }

    private static Check finder(java.util.function.Function<CharSequence, List<Finding>> find, String what) {
        return (text, context) -> {
            List<Finding> found = find.apply(text);
            return found.isEmpty() ? Verdict.PASS : Verdict.fail("found " + what + (found.size() > 1 ? " (" + found.size() + " times)" : ""), found);
        };
    }

    /**
     * At {@link RegexFinder#MAX_FINDINGS} matches the finder stops looking, so masking what it found would leave the
     * rest: a failure with no findings, which a {@code redact} guardrail turns into a block.
     */
    private static Check capped(Check check) {
        return (text, context) -> {
            Verdict v = check.check(text, context);
            if (v.findings().size() < RegexFinder.MAX_FINDINGS) return v;
            return Verdict.fail("more than " + RegexFinder.MAX_FINDINGS + " matches: too many to mask");
        };
    }

    private static Check schema(JsonSchemas.Compiled schema) {
        return (text, context) -> {
            List<JsonSchemas.Problem> problems = schema.validate(text);
            if (problems.isEmpty()) return Verdict.PASS;
            StringBuilder reason = new StringBuilder("does not match the schema: ");
            for (int i = 0; i < Math.min(3, problems.size()); i++) reason.append(i == 0 ? "" : "; ").append(problems.get(i));
            return Verdict.fail(reason.toString());
        };
    }

    private static Check length(Integer min, Integer max) {
        return (text, context) -> {
            int chars = text.codePointCount(0, text.length());
            if (max != null && chars > max) return Verdict.fail(chars + " characters, more than " + max);
            if (min != null && chars < min) return Verdict.fail(chars + " characters, fewer than " + min);
            return Verdict.PASS;
        };
    }

    private static Check language(Set<String> allowed) {
        // the shared detector loads its models once per process (about a second): here, when a version that uses it is
        // built (at deploy, or at start), not on the first request that reaches it
        TextLanguage.shared().detect("warming up the language models of the detector");
        return (text, context) -> {
            var detected = TextLanguage.shared().detect(text);
            if (detected.isEmpty() || allowed.contains(detected.get())) return Verdict.PASS;
            return Verdict.fail("the text is in '" + detected.get() + "', not " + String.join(", ", allowed.stream().sorted().toList()));
        };
    }

    /**
     * Asks the judge deployment with the inputs {@code text} (what is checked), {@code input} (the user's text, for an
     * answer), {@code stage} and {@code guardrail}; waits at most the timeout (the judge's request goes on and is logged
     * under its own deployment, its answer unused).
     */
    private static Check judge(String deployment, String name, int timeoutMs) {
        return (text, context) -> {
            Map<String, Object> inputs = new LinkedHashMap<>();
            inputs.put("text", text);
            inputs.put("input", context.userText() == null ? "" : context.userText());
            inputs.put("stage", context.stage());
            inputs.put("guardrail", name);
            long millis = context.timeoutMillis(timeoutMs);
            if (millis <= 0) return Verdict.error("the request's deadline passed: the judge was not asked");
            GuardEnv env = context.env();
            GuardEnv.Judge judge = env.judge();
            if (!env.startJudgeCall()) {
                return Verdict.error(GuardEnv.MAX_JUDGE_CALLS + " judge calls are in flight: not asked");
            }
            CompletableFuture<String> answer = new CompletableFuture<>();
            Thread.ofVirtual().name("judge-" + deployment).start(() -> {
                try {
                    answer.complete(judge.ask(deployment, inputs, context));
                } catch (Throwable t) {
                    answer.completeExceptionally(t);
                } finally {
                    env.endJudgeCall();
                }
            });
            try {
                return JudgeAnswer.read(answer.get(millis, TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                return Verdict.error("the judge '" + deployment + "' did not answer within " + millis + " ms");
            } catch (ExecutionException e) {
                String why = e.getCause() == null ? "failed" : e.getCause().getMessage();
                return Verdict.error("the judge '" + deployment + "' failed: " + why);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Verdict.error("interrupted while waiting for the judge");
            }
        };
    }
}
