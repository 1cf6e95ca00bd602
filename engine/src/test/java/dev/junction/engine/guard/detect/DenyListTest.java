package dev.junction.engine.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class DenyListTest {
    private static List<String> found(DenyList list, String text) {
        return Spans.of(text, list.find(text));
    }

    @Test
    void whole_words_match_at_word_boundaries_only() {
        DenyList list = DenyList.of(List.of("ass", "project x"), true);
        assertThat(found(list, "Ass! The class of project x, not project xy, nor ass2.")).containsExactly("deny:Ass",
                "deny:project x");
        assertThat(found(list, "a_ass-hat (ass)")).containsExactly("deny:ass", "deny:ass");
    }

    @Test
    void substrings_match_inside_words_when_whole_words_are_off() {
        DenyList list = DenyList.of(List.of("ass"), false);
        assertThat(found(list, "The class passed")).containsExactly("deny:ass", "deny:ass");
    }

    @Test
    void case_folding_and_nfkc_make_spellings_equal_but_keep_accents() {
        DenyList list = DenyList.of(List.of("café", "strasse", "ΣΟΦΙΑ", "bad"), true);
        assertThat(found(list, "CAFÉ, Cafe\u0301, Straße, σοφίας, σοφια, ｂａｄ, b\u200Bad, BAD")).containsExactly(
                "deny:CAFÉ", "deny:Cafe\u0301", "deny:Straße", "deny:σοφια", "deny:ｂａｄ", "deny:b\u200Bad", "deny:BAD");
        assertThat(found(list, "cafe, café\u0301x, badé")).isEmpty(); // the accent counts, and belongs to its letter
        assertThat(found(list, "x\u200Bbad, bad\u00ADly")).isEmpty(); // invisible characters join words too
    }

    @Test
    void a_match_covers_whole_characters() {
        DenyList list = DenyList.of(List.of("s", "ﬁ"), false);
        assertThat(found(list, "ß")).isEmpty(); // folds to "ss", but no single s was written
        assertThat(found(list, "ﬁne fine")).containsExactly("deny:ﬁ", "deny:fi");
    }

    @Test
    void overlapping_terms_give_the_longest() {
        DenyList list = DenyList.of(List.of("york", "new york city", "new"), true);
        assertThat(found(list, "I love New York City and new york.")).containsExactly("deny:New York City", "deny:new",
                "deny:york");
    }

    @Test
    void punctuation_at_the_edge_of_a_term_needs_no_boundary() {
        DenyList list = DenyList.of(List.of("c++", "$$$"), true);
        assertThat(found(list, "I like c++, and $$$x")).containsExactly("deny:c++", "deny:$$$");
    }

    @Test
    void many_terms_are_found_in_one_pass() {
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < 1000; i++) terms.add("term" + i);
        DenyList list = DenyList.of(terms, true);
        assertThat(found(list, "term999 term1000 term0 xterm5 term12")).containsExactly("deny:term999", "deny:term0",
                "deny:term12");
        assertThat(list.find("nothing to see")).isSameAs(List.of());
    }

    @Test
    void substring_matches_agree_with_a_naive_search_on_random_terms() {
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 2_000; round++) {
            List<String> terms = new ArrayList<>();
            for (int k = 1 + random.nextInt(6); k > 0; k--) terms.add(randomWord(random, "abAB", 1 + random.nextInt(4)));
            String text = randomWord(random, "abAB c", random.nextInt(40));
            List<Finding> naive = new ArrayList<>();
            for (String term : terms) {
                for (int at = text.toLowerCase().indexOf(term.toLowerCase()); at >= 0; at = text.toLowerCase().indexOf(term.toLowerCase(), at + 1)) {
                    naive.add(new Finding(at, at + term.length(), DenyList.KIND));
                }
            }
            assertThat(DenyList.of(terms, false).find(text)).as("%s in %s", terms, text).isEqualTo(Overlaps.resolve(naive));
        }
    }

    private static String randomWord(java.util.Random random, String letters, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) s.append(letters.charAt(random.nextInt(letters.length())));
        return s.toString();
    }

    @Test
    void problems_name_the_term() {
        assertThat(DenyList.problem(List.of("ok", "  "))).isEqualTo("terms[1]: must not be blank");
        assertThat(DenyList.problem(List.of("\u200B"))).isEqualTo("terms[0]: must not be blank");
        assertThat(DenyList.problem(List.of("a".repeat(201)))).isEqualTo("terms[0]: at most 200 characters");
        assertThat(DenyList.problem(Collections.nCopies(1001, "x"))).isEqualTo("terms: at most 1000 terms, got 1001");
        assertThat(DenyList.problem(java.util.Arrays.asList("x", null))).isEqualTo("terms[1]: required");
        assertThat(DenyList.problem(List.of("a".repeat(200)))).isNull();
        assertThatThrownBy(() -> DenyList.of(List.of(""), true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("terms[0]: must not be blank");
    }
}
