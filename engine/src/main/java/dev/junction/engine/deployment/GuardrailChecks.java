package dev.junction.engine.deployment;

import dev.junction.engine.guard.GuardEnv;
import dev.junction.engine.guard.detect.DenyList;
import dev.junction.engine.guard.detect.PiiKind;
import dev.junction.engine.guard.detect.RegexFinder;
import dev.junction.engine.guard.detect.TextLanguage;
import dev.junction.engine.routing.RoutingRule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the guardrails and evaluators of a spec, naming each problem by its path
 * ({@code variants[0].guardrails[1].pattern: regex not supported: backreference \1}). A guardrail needs a kind, a
 * stage and an action, and only the fields its kind reads; an evaluator needs a kind and a {@code sampleRate} from 0 to
 * 1, and no stage or action. {@code redact} is for the kinds that find things in the text ({@code pii},
 * {@code deny_list}, {@code regex}). A judge must be another live deployment and must not call back, through its own
 * judges, the deployment being checked; a callout must reach a host the operator allows.
 */
public final class GuardrailChecks {
    public static final int MAX_PER_LIST = 20;
    public static final int MAX_CHARS_LIMIT = 10_000_000;
    private static final Set<String> FINDERS = Set.of("pii", "deny_list", "regex");
    /** The fields each kind reads (besides name, kind, stage, action, onError, sampleRate). */
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "pii", Set.of("pii"),
            "deny_list", Set.of("terms", "wholeWords"),
            "regex", Set.of("pattern"),
            "json_schema", Set.of("schema"),
            "length", Set.of("minChars", "maxChars"),
            "language", Set.of("languages"),
            "judge", Set.of("deployment", "timeoutMs"),
            "http", Set.of("url", "timeoutMs"));

    private GuardrailChecks() {}

    /** The guardrails at {@code path} ({@code variants[0].guardrails}, {@code routing.rules[2].guardrails}). */
    public static void guardrails(String path, List<GuardrailSpec> list, DeploymentSpec own, GuardEnv env, List<FieldError> errors) {
        each(path, list, own, env, errors, false);
    }

    /** The evaluators at {@code path} ({@code variants[0].evaluators}). */
    public static void evaluators(String path, List<GuardrailSpec> list, DeploymentSpec own, GuardEnv env, List<FieldError> errors) {
        each(path, list, own, env, errors, true);
    }

    private static void each(String path, List<GuardrailSpec> list, DeploymentSpec own, GuardEnv env, List<FieldError> errors,
                             boolean evaluator) {
        if (list.size() > MAX_PER_LIST) errors.add(new FieldError(path, "at most " + MAX_PER_LIST));
        Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            String at = path + "[" + i + "]";
            GuardrailSpec g = list.get(i);
            if (g == null) {
                errors.add(new FieldError(at, "must not be null"));
                continue;
            }
            SpecValidator.uniqueKey(at + ".name", g.name(), names, evaluator ? "evaluator" : "guardrail", errors);
            one(at, g, own, env, errors, evaluator);
        }
    }

    private static void one(String at, GuardrailSpec g, DeploymentSpec own, GuardEnv env, List<FieldError> errors, boolean evaluator) {
        if (g.kind() == null || !GuardrailSpec.KINDS.contains(g.kind())) {
            errors.add(new FieldError(at + ".kind", "must be one of " + String.join(", ", GuardrailSpec.KINDS)));
            return;
        }
        if (evaluator) {
            if (g.stage() != null) errors.add(new FieldError(at + ".stage", "an evaluator reads the answer: no stage"));
            if (g.action() != null) errors.add(new FieldError(at + ".action", "an evaluator only scores: no action"));
            if (g.onError() != null) errors.add(new FieldError(at + ".onError", "an evaluator that fails records no score: no onError"));
            if (g.sampleRate() == null || !(g.sampleRate() >= 0 && g.sampleRate() <= 1)) {
                errors.add(new FieldError(at + ".sampleRate", "required: the share of answered requests to score, from 0 to 1"));
            }
        } else {
            if (g.sampleRate() != null) errors.add(new FieldError(at + ".sampleRate", "only evaluators are sampled"));
            if (g.stage() == null || !GuardrailSpec.STAGES.contains(g.stage())) {
                errors.add(new FieldError(at + ".stage", "must be one of " + String.join(", ", GuardrailSpec.STAGES)));
            }
            if (g.action() == null || !GuardrailSpec.ACTIONS.contains(g.action())) {
                errors.add(new FieldError(at + ".action", "must be one of " + String.join(", ", GuardrailSpec.ACTIONS)));
            } else if ("redact".equals(g.action()) && !FINDERS.contains(g.kind())) {
                errors.add(new FieldError(at + ".action", "a " + g.kind() + " guardrail finds nothing to mask: redact is for "
                        + "pii, deny_list and regex; use block, fallback or flag"));
            }
            if (g.onError() != null && !GuardrailSpec.ON_ERROR.contains(g.onError())) {
                errors.add(new FieldError(at + ".onError", "must be open or closed"));
            }
        }
        unread(at, g, errors);
        switch (g.kind()) {
            case "pii" -> pii(at, g, errors);
            case "deny_list" -> {
                if (g.terms() == null || g.terms().isEmpty()) errors.add(new FieldError(at + ".terms", "required: at least one term"));
                else {
                    String problem = DenyList.problem(g.terms());
                    if (problem != null) {
                        int colon = problem.indexOf(": ");
                        errors.add(colon < 0 ? new FieldError(at + ".terms", problem)
                                : new FieldError(at + "." + problem.substring(0, colon), problem.substring(colon + 2)));
                    }
                }
            }
            case "regex" -> {
                if (g.pattern() == null || g.pattern().isEmpty()) errors.add(new FieldError(at + ".pattern", "required"));
                else {
                    String problem = RegexFinder.of(g.pattern(), "redacted").problem();
                    if (problem != null) errors.add(new FieldError(at + ".pattern", problem));
                }
            }
            case "json_schema" -> {
                if (g.schema() == null) errors.add(new FieldError(at + ".schema", "required: a JSON Schema object"));
                else errors.addAll(JsonSchemas.problems(at + ".schema", g.schema()));
            }
            case "length" -> length(at, g, errors);
            case "language" -> {
                if (g.languages() == null || g.languages().isEmpty()) {
                    errors.add(new FieldError(at + ".languages", "required: the ISO 639-1 codes allowed (en, de...)"));
                } else {
                    for (int l = 0; l < g.languages().size(); l++) {
                        String code = g.languages().get(l);
                        if (code == null || !TextLanguage.known(code)) {
                            errors.add(new FieldError(at + ".languages[" + l + "]", "not a language the detector knows: " + code));
                        }
                    }
                }
            }
            case "judge" -> {
                timeout(at, g, errors);
                judge(at, g.deployment(), own, env, errors);
            }
            case "http" -> {
                timeout(at, g, errors);
                if (g.url() == null) errors.add(new FieldError(at + ".url", "required"));
                else {
                    String refusal = env.calloutRefusal(g.url());
                    if (refusal != null) errors.add(new FieldError(at + ".url", refusal));
                }
            }
            default -> { }
        }
    }

    private static void pii(String at, GuardrailSpec g, List<FieldError> errors) {
        if (g.pii() == null) return;
        for (int p = 0; p < g.pii().size(); p++) {
            String k = g.pii().get(p);
            if (k == null || PiiKind.fromWire(k).isEmpty()) {
                List<String> known = new ArrayList<>();
                for (PiiKind kind : PiiKind.values()) known.add(kind.wireName());
                errors.add(new FieldError(at + ".pii[" + p + "]", "must be one of " + String.join(", ", known)));
            }
        }
    }

    private static void length(String at, GuardrailSpec g, List<FieldError> errors) {
        if (g.minChars() == null && g.maxChars() == null) {
            errors.add(new FieldError(at + ".maxChars", "a length guardrail needs minChars, maxChars or both"));
            return;
        }
        if (g.minChars() != null && (g.minChars() < 0 || g.minChars() > MAX_CHARS_LIMIT)) {
            errors.add(new FieldError(at + ".minChars", "must be between 0 and " + MAX_CHARS_LIMIT));
        }
        if (g.maxChars() != null && (g.maxChars() < 1 || g.maxChars() > MAX_CHARS_LIMIT)) {
            errors.add(new FieldError(at + ".maxChars", "must be between 1 and " + MAX_CHARS_LIMIT));
        }
        if (g.minChars() != null && g.maxChars() != null && g.minChars() > g.maxChars()) {
            errors.add(new FieldError(at + ".minChars", "must not be more than maxChars"));
        }
    }

    private static void timeout(String at, GuardrailSpec g, List<FieldError> errors) {
        if (g.timeoutMs() != null && (g.timeoutMs() < 1 || g.timeoutMs() > GuardrailSpec.MAX_TIMEOUT_MS)) {
            errors.add(new FieldError(at + ".timeoutMs", "must be between 1 and " + GuardrailSpec.MAX_TIMEOUT_MS));
        }
    }

    /** A field set that the kind does not read: most likely a typo or a kind changed half-way. */
    private static void unread(String at, GuardrailSpec g, List<FieldError> errors) {
        Set<String> reads = FIELDS.get(g.kind());
        Object[][] fields = {{"pii", g.pii()}, {"terms", g.terms()}, {"wholeWords", g.wholeWords()}, {"pattern", g.pattern()},
                {"schema", g.schema()}, {"minChars", g.minChars()}, {"maxChars", g.maxChars()}, {"languages", g.languages()},
                {"deployment", g.deployment()}, {"url", g.url()}, {"timeoutMs", g.timeoutMs()}};
        for (Object[] f : fields) {
            if (f[1] != null && !reads.contains((String) f[0])) {
                errors.add(new FieldError(at + "." + f[0], "not read by a " + g.kind() + " guardrail"));
            }
        }
    }

    /**
     * The judge must be another deployment that is live, in the same project (it reads this deployment's prompts and
     * answers, and its own words reach this deployment's logs: the people of one project must not borrow another's
     * prompt), that calls no judge itself (a judge's own request may not call another), and no chain of judges from it
     * may lead back to this deployment.
     */
    private static void judge(String at, String judgeKey, DeploymentSpec own, GuardEnv env, List<FieldError> errors) {
        String ownKey = own.key();
        if (judgeKey == null || !SpecValidator.KEY.matcher(judgeKey).matches()) {
            errors.add(new FieldError(at + ".deployment", "required: the key of the judge deployment"));
            return;
        }
        if (judgeKey.equals(ownKey)) {
            errors.add(new FieldError(at + ".deployment", "a deployment cannot be its own judge"));
            return;
        }
        DeploymentSpec judge = env.liveSpec(judgeKey).orElse(null);
        if (judge == null) {
            errors.add(new FieldError(at + ".deployment", "no live deployment '" + judgeKey + "': deploy the judge first"));
            return;
        }
        if (!judge.project().equals(own.project())) {
            errors.add(new FieldError(at + ".deployment", "the judge must be in this deployment's project ('" + own.project()
                    + "'); '" + judgeKey + "' is in '" + judge.project() + "'"));
            return;
        }
        if (!judgesOf(judge).isEmpty()) {
            errors.add(new FieldError(at + ".deployment", "'" + judgeKey + "' calls judges itself (" + String.join(", ",
                    new java.util.TreeSet<>(judgesOf(judge))) + "): a judge's own request may not call another judge"));
            return;
        }
        List<String> cycle = pathBack(judgeKey, ownKey, env);
        if (cycle != null) {
            errors.add(new FieldError(at + ".deployment", "the judge would call this deployment back: "
                    + ownKey + " -> " + String.join(" -> ", cycle)));
        }
    }

    /** The chain of judges from {@code from} to {@code target}, or null when there is none. */
    private static List<String> pathBack(String from, String target, GuardEnv env) {
        Deque<List<String>> todo = new ArrayDeque<>();
        todo.add(List.of(from));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            List<String> path = todo.poll();
            String at = path.getLast();
            if (!seen.add(at) || seen.size() > 1000) continue;
            for (String next : judgesOf(env.liveSpec(at).orElse(null))) {
                List<String> longer = new ArrayList<>(path);
                longer.add(next);
                if (next.equals(target)) return longer;
                todo.add(longer);
            }
        }
        return null;
    }

    /** A split row's experiment at {@code path} ({@code routing.rules[1].experiment}). */
    public static void experiment(String path, RoutingRule rule, List<FieldError> errors) {
        ExperimentSpec e = rule.experiment();
        if (e == null) return;
        if (!rule.isSplit()) {
            errors.add(new FieldError(path, "only a split row can be an experiment: its arms are the split's variants"));
            return;
        }
        ExperimentSpec.Goal goal = e.goal();
        if (goal == null) {
            errors.add(new FieldError(path + ".goal", "required: {\"metric\": feedback | score | cost | latency | error_rate}"));
        } else {
            if (goal.metric() == null || !ExperimentSpec.METRICS.contains(goal.metric())) {
                errors.add(new FieldError(path + ".goal.metric", "must be one of " + String.join(", ", ExperimentSpec.METRICS)));
            } else if (("feedback".equals(goal.metric()) || "score".equals(goal.metric()))
                    && (goal.name() == null || goal.name().isBlank() || goal.name().length() > 128)) {
                errors.add(new FieldError(path + ".goal.name", "required for a " + goal.metric()
                        + " goal: the " + ("feedback".equals(goal.metric()) ? "feedback property" : "evaluator") + " to compare"));
            } else if (goal.name() != null && !("feedback".equals(goal.metric()) || "score".equals(goal.metric()))) {
                errors.add(new FieldError(path + ".goal.name", "not read by a " + goal.metric() + " goal"));
            }
            if (goal.better() != null && !"higher".equals(goal.better()) && !"lower".equals(goal.better())) {
                errors.add(new FieldError(path + ".goal.better", "must be higher or lower"));
            }
        }
        if (e.minSample() != null && (e.minSample() < 10 || e.minSample() > 10_000_000)) {
            errors.add(new FieldError(path + ".minSample", "must be between 10 and 10000000 requests per arm"));
        }
        if (e.alpha() != null && !(e.alpha() > 0 && e.alpha() <= 0.2)) {
            errors.add(new FieldError(path + ".alpha", "must be above 0 and at most 0.2"));
        }
    }

    /** The routing cases' {@code text} and {@code expect}: both or neither, a known guardrail named. */
    public static void cases(DeploymentSpec spec, List<FieldError> errors) {
        Set<String> names = new HashSet<>();
        for (Variant v : spec.variants()) if (v != null) v.guardrails().forEach(g -> { if (g != null) names.add(g.name()); });
        if (spec.routing() != null) {
            for (RoutingRule r : spec.routing().rules()) if (r != null) r.guardrails().forEach(g -> { if (g != null) names.add(g.name()); });
        }
        for (int i = 0; i < spec.tests().size(); i++) {
            var c = spec.tests().get(i);
            if (c == null) continue;
            String at = "tests[" + i + "]";
            if (c.expect() != null && c.text() == null) errors.add(new FieldError(at + ".text", "required with expect: the user's message to check"));
            if (c.text() != null && c.expect() == null) errors.add(new FieldError(at + ".expect", "required with text: passes, blocked by NAME, "
                    + "redacted by NAME, flagged by NAME or fallback by NAME"));
            if (c.text() != null && c.text().length() > dev.junction.engine.guard.GuardrailCases.MAX_TEXT) {
                errors.add(new FieldError(at + ".text", "at most " + dev.junction.engine.guard.GuardrailCases.MAX_TEXT + " characters"));
            }
            if (c.expect() == null) continue;
            var m = dev.junction.engine.guard.GuardrailCases.EXPECT.matcher(c.expect());
            if (!m.matches()) {
                errors.add(new FieldError(at + ".expect", "must be passes, blocked by NAME, redacted by NAME, flagged by NAME or fallback by NAME"));
            } else if (m.group(2) != null && !names.contains(m.group(2))) {
                errors.add(new FieldError(at + ".expect", "no guardrail named '" + m.group(2) + "' in this deployment"));
            }
        }
    }

    /** The judge deployments a spec's guardrails and evaluators call. */
    public static Set<String> judgesOf(DeploymentSpec spec) {
        Set<String> out = new HashSet<>();
        if (spec == null) return out;
        for (Variant v : spec.variants()) {
            if (v == null) continue;
            addJudges(v.guardrails(), out);
            addJudges(v.evaluators(), out);
        }
        if (spec.routing() != null) {
            for (RoutingRule r : spec.routing().rules()) if (r != null) addJudges(r.guardrails(), out);
        }
        return out;
    }

    private static void addJudges(List<GuardrailSpec> list, Set<String> out) {
        for (GuardrailSpec g : list) if (g != null && "judge".equals(g.kind()) && g.deployment() != null) out.add(g.deployment());
    }
}
