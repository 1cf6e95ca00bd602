package dev.junction.engine.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UserRegexTest {
    @Test
    void a_pattern_whose_program_is_too_large_is_refused_after_compiling() {
        UserRegex big = UserRegex.of("a{1,1000}b{1,1000}c{1,1000}"); // about 6,000 instructions, each repeat allowed
        assertThat(big.problem()).matches("regex not supported: too large: \\d+ instructions, at most 5000");
        assertThat(big.matches("abc")).isFalse();
        assertThat(UserRegex.of("a{1,1000}b{1,1000}").problem()).isNull();
    }

    @Test
    void a_pattern_longer_than_the_cap_is_refused() {
        assertThat(UserRegex.of("a".repeat(UserRegex.MAX_LENGTH)).problem()).isNull();
        assertThat(UserRegex.of("a".repeat(UserRegex.MAX_LENGTH + 1)).problem()).isEqualTo("at most 1000 characters");
    }

    /**
     * Random patterns over the syntax both engines share decide like java.util.regex's matches() on every value that
     * holds none of the characters where RE2 is documented to differ (line terminators other than \n for '.', the
     * vertical tab for \s, non-ASCII letters under (?i)).
     */
    @Test
    void every_pattern_it_accepts_decides_like_java_on_ordinary_values() {
        String[] pieces = {"a", "b", "-", ".", "*", "+", "?", "|", "(", ")", "(?:", "[ab]", "[^a]", "[a-]", "^", "$", "\\d",
                "\\w", "\\s", "\\S", "\\W", "\\b", "\\B", "{2}", "{1,2}", "{0,}", "*?", "(?i)", "(?s)", "(?m)", "\\.", "\\p{L}",
                "\\x41", "\\Qa.\\E", "A", "\n", "é", "(?<n>", "\\z", "\\A", "[\\d-z]"};
        String[] values = {"", "a", "b", "ab", "ba", "aa", "bb", "aab", "A", "a-b", "1", "a1", " ", "a b", "\n", "a\n", "\na",
                "é", "-", ".", "a.", "abab", "Aa", "\t"};
        Random random = new Random(17);
        int accepted = 0;
        List<String> differ = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            StringBuilder p = new StringBuilder();
            for (int k = 1 + random.nextInt(6); k > 0; k--) p.append(pieces[random.nextInt(pieces.length)]);
            String pattern = p.toString();
            UserRegex regex = UserRegex.of(pattern);
            if (regex.problem() != null) continue;
            accepted++;
            java.util.regex.Pattern reference = java.util.regex.Pattern.compile(pattern);
            for (String v : values) {
                if (reference.matcher(v).matches() != regex.matches(v)) differ.add(pattern + " on " + v);
            }
        }
        assertThat(accepted).isGreaterThan(10_000);
        assertThat(differ).isEmpty();
    }
}
