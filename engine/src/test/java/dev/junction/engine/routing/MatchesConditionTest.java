package dev.junction.engine.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The {@code matches} operator as the reference semantics (explainer, simulator, deploy checks) decide it. */
class MatchesConditionTest {
    private static final Condition CATASTROPHIC = Condition.of("q", Operator.MATCHES, "(.*a){12}");

    @Test
    void a_pattern_that_backtracks_catastrophically_in_java_is_decided_in_linear_time() {
        RoutingTable table = new RoutingTable(List.of(RoutingRule.of("evil", "a", CATASTROPHIC)), "default");
        // java.util.regex took 13.5 s on one of these (a* 33 + c); thirty of them, longer ones too
        List<RoutingDecision> decisions = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            List<RoutingDecision> out = new java.util.ArrayList<>();
            for (int n = 33; n < 63; n++) {
                out.add(RoutingExplainer.decide(table, RoutingSchema.STRINGS, Map.of("q", "a".repeat(n) + "c")));
            }
            return out;
        });

        assertThat(decisions).hasSize(30).allMatch(d -> d instanceof RoutingDecision.DefaultMatched);
        assertThat(RoutingExplainer.decide(table, RoutingSchema.STRINGS, Map.of("q", "a".repeat(12))))
                .isEqualTo(new RoutingDecision.Matched("a", "evil"));
    }

    /** Each row: pattern, value, whether the whole value matches (as java.util.regex's matches() decided it). */
    @ParameterizedTest(name = "{0} on \"{1}\" -> {2}")
    @CsvSource(delimiterString = " ~ ", quoteCharacter = '\'', value = {
            "gold ~ gold ~ true", "gold ~ xgold ~ false", "gold ~ golden ~ false", "g[a-z]+d ~ good ~ true", "g[a-z]+d ~ g1d ~ false",
            "e.* ~ es ~ true", "e.* ~ fr ~ false", "(es|NL) ~ NL ~ true", "(es|NL) ~ esNL ~ false", "a\\.b ~ a.b ~ true", "a\\.b ~ axb ~ false",
            "\\d+ ~ 123 ~ true", "\\d+ ~ 12a ~ false", "\\d{3}-\\d{4} ~ 555-1234 ~ true", "\\d{3}-\\d{4} ~ 555-12345 ~ false",
            "[\\w.+-]+@example\\.com ~ ann.b+c@example.com ~ true", "[\\w.+-]+@example\\.com ~ ann@example.org ~ false",
            "^gpt-4.*$ ~ gpt-4o ~ true", "^gpt-4.*$ ~ xgpt-4 ~ false", "(?i)GOLD ~ gold ~ true", "(?i:g)old ~ Gold ~ true", "gold ~ GOLD ~ false",
            "[^abc]+ ~ xyz ~ true", "[^abc]+ ~ xaz ~ false", "\\s*x\\s* ~ ' x ' ~ true", "\\bx\\b ~ x ~ true", "a|b ~ b ~ true", "a?b+ ~ bbb ~ true",
            "a*?b ~ aab ~ true", "a{2,3} ~ aaaa ~ false", "a{2,} ~ aaaa ~ true", "\\p{L}+ ~ café ~ true", "\\p{Lu}\\p{Ll}+ ~ Ok ~ true",
            "\\Qa.b\\E ~ a.b ~ true", "\\Qa.b\\E ~ axb ~ false", "(?<year>\\d{4})-\\d{2} ~ 2026-11 ~ true", "\\x41 ~ A ~ true", "'' ~ '' ~ true",
            "(?s)a.b ~ 'a\nb' ~ true", "a.b ~ 'a\nb' ~ false", "^a$|^b$ ~ b ~ true", "(a$|b$) ~ b ~ true", "[a-]+ ~ a-a ~ true", "\\t ~ '\t' ~ true",
            ".* ~ '' ~ true", "[]a]+ ~ ]a ~ true", "a{0} ~ '' ~ true", "(?-i)a ~ a ~ true"})
    void ordinary_patterns_keep_their_meaning(String pattern, String value, boolean matches) {
        Condition c = Condition.of("q", Operator.MATCHES, pattern);
        assertThat(ConditionSemantics.holds(c, FieldType.STRING, value)).isEqualTo(matches);
        assertThat(java.util.regex.Pattern.compile(pattern).matcher(value).matches()).as("the table is Java's meaning").isEqualTo(matches);
    }

    @Test
    void a_stored_pattern_the_linear_engine_refuses_never_holds_and_the_explanation_says_why() {
        Condition lookahead = Condition.of("q", Operator.MATCHES, "(?=a)a"); // java.util.regex: "a" matches
        RoutingTable table = new RoutingTable(List.of(RoutingRule.of("old", "a", lookahead)), "default");

        assertThat(ConditionSemantics.holds(lookahead, FieldType.STRING, "a")).isFalse();
        RoutingExplainer.ConditionResult c = RoutingExplainer.explain(table, RoutingSchema.STRINGS, Map.of("q", "a"))
                .getFirst().conditions().getFirst();
        assertThat(c.held()).isFalse();
        assertThat(c.reason()).isEqualTo("regex not supported: lookahead (?=...); the condition never holds");
    }
}
