package dev.junction.engine.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.support.Jackson;

/**
 * Reads a judge deployment's answer. Either JSON (a code fence around it is allowed):
 * {@code {"pass": true|false, "reason": "...", "score": 0.8}} ({@code "passed"} is taken for {@code "pass"}, and a
 * {@code "verdict"} of {@code "pass"}/{@code "fail"} too), or text whose first word is {@code PASS} or {@code FAIL}
 * (any case), the rest being the reason, or text that starts with a number (a score). A guardrail needs a pass or a
 * fail; an evaluator takes the score, or 1 for a pass and 0 for a fail. An answer that says neither is an error.
 * An {@code http} callout's JSON answer is read by {@link #fromJson} too.
 */
final class JudgeAnswer {
    private static final ObjectMapper JSON = Jackson.mapper().build();

    private JudgeAnswer() {}

    /** {@code null} pass when the judge gave only a score; an ERROR verdict when it said nothing usable. */
    static Verdict read(String answer) {
        if (answer == null) return Verdict.error("the judge gave no answer");
        String text = answer.strip();
        if (text.startsWith("```")) {
            int open = text.indexOf('\n');
            int close = text.lastIndexOf("```");
            if (open > 0 && close > open) text = text.substring(open + 1, close).strip();
        }
        if (text.startsWith("{")) {
            Verdict v = fromJson(text);
            return v.outcome() == Verdict.Outcome.FAIL && v.reason() == null ? Verdict.fail("the judge said fail") : v;
        }
        String[] words = text.split("\\s+", 2);
        String first = words[0].replaceAll("[^A-Za-z0-9.+-]", "");
        String rest = words.length > 1 ? words[1].strip() : null;
        if (first.equalsIgnoreCase("pass")) return new Verdict(Verdict.Outcome.PASS, rest, null, null);
        if (first.equalsIgnoreCase("fail")) return Verdict.fail(rest == null || rest.isEmpty() ? "the judge said fail" : rest);
        try {
            double score = Double.parseDouble(first);
            if (Double.isFinite(score)) return Verdict.score(score, rest);
        } catch (NumberFormatException e) {
            // not a score either
        }
        return Verdict.error("the judge's answer says neither PASS nor FAIL nor a score");
    }

    static Verdict fromJson(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (Exception e) {
            return Verdict.error("the answer is not valid JSON");
        }
        String reason = node.path("reason").isTextual() ? node.path("reason").asText() : null;
        Double score = node.path("score").isNumber() && Double.isFinite(node.path("score").asDouble())
                ? node.path("score").asDouble() : null;
        Boolean pass = null;
        if (node.path("pass").isBoolean()) pass = node.path("pass").asBoolean();
        else if (node.path("passed").isBoolean()) pass = node.path("passed").asBoolean();
        else if (node.path("verdict").isTextual()) {
            String v = node.path("verdict").asText();
            if (v.equalsIgnoreCase("pass")) pass = true;
            else if (v.equalsIgnoreCase("fail")) pass = false;
        }
        if (pass == null && score == null) return Verdict.error("the answer has no \"pass\" and no \"score\"");
        if (pass == null) return Verdict.score(score, reason);
        if (pass) return new Verdict(Verdict.Outcome.PASS, reason, null, score);
        return new Verdict(Verdict.Outcome.FAIL, reason, null, score); // no reason: the caller says whose fail it was
    }
}
