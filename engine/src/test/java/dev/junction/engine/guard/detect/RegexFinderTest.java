package dev.junction.engine.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegexFinderTest {
    @Test
    void every_occurrence_is_found_with_the_given_kind() {
        RegexFinder finder = RegexFinder.of("TICKET-\\d+", "ticket");
        String text = "See TICKET-12 and TICKET-345, not ticket-6.";
        assertThat(finder.problem()).isNull();
        assertThat(Spans.of(text, finder.find(text))).containsExactly("ticket:TICKET-12", "ticket:TICKET-345");
    }

    @Test
    void a_pattern_that_can_match_empty_text_inside_a_text_is_refused() {
        String refused = "regex not supported: it can match empty text (like \\d* or a|), so it would match between every "
                + "two characters; write one that takes at least one character, like \\d+";
        for (String pattern : List.of("\\d*", "a|", "(?:a*b)?", "\\b", "\\B", "$", "x?\\z", "(?i)(?:ab)*")) {
            assertThat(RegexFinder.of(pattern, "x").problem()).as(pattern).isEqualTo(refused);
        }
        assertThat(RegexFinder.of("\\d+|x\\b", "x").problem()).isNull();
    }

    @Test
    void an_empty_match_at_the_start_is_skipped() {
        RegexFinder finder = RegexFinder.of("^|x", "x");
        assertThat(finder.problem()).isNull();
        assertThat(finder.find("xax")).containsExactly(new Finding(2, 3, "x"));
    }

    @Test
    void backreferences_and_lookaround_are_refused_and_find_nothing() {
        assertThat(RegexFinder.of("(a)\\1", "x").problem()).isEqualTo("regex not supported: backreference \\1");
        assertThat(RegexFinder.of("a(?=b)", "x").problem()).isEqualTo("regex not supported: lookahead (?=...)");
        assertThat(RegexFinder.of("(?<!a)b", "x").problem()).isEqualTo("regex not supported: negative lookbehind (?<!...)");
        assertThat(RegexFinder.of("a".repeat(1001), "x").problem()).isEqualTo("at most 1000 characters");
        assertThat(RegexFinder.of("a{1,1000}b{1,1000}c{1,1000}", "x").problem()).startsWith("regex not supported: too large");
        assertThat(RegexFinder.of("(", "x").problem()).startsWith("not a valid regular expression");
        assertThat(RegexFinder.of("(a)\\1", "x").find("aa")).isEmpty();
    }

    @Test
    void a_catastrophic_pattern_runs_in_linear_time_on_10_kb() {
        RegexFinder finder = RegexFinder.of("(a+)+$", "x");
        assertThat(finder.problem()).isNull();
        String noMatch = "a".repeat(10_000) + "!";
        assertThat(finder.find(noMatch)).isEmpty(); // java.util.regex would not return
        String match = "b" + "a".repeat(10_000);
        assertThat(finder.find(match)).containsExactly(new Finding(1, 10_001, "x"));
    }

    @Test
    void findings_stop_at_the_cap() {
        List<Finding> findings = RegexFinder.of("a", "x").find("a".repeat(5000));
        assertThat(findings).hasSize(RegexFinder.MAX_FINDINGS);
        assertThat(findings.get(999)).isEqualTo(new Finding(999, 1000, "x"));
    }
}
