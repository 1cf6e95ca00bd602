package dev.junction.engine.guard.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MaskingTest {
    @Test
    void each_finding_becomes_its_kind_in_capitals() {
        String text = "Mail john@example.com, card 4111 1111 1111 1111.";
        assertThat(Masking.mask(text, PiiDetector.of(Set.of()).find(text))).isEqualTo("Mail [EMAIL], card [CARD].");
        assertThat(Masking.mask("x 123-45-6789", List.of(new Finding(2, 13, "us_ssn")))).isEqualTo("x [US_SSN]");
    }

    @Test
    void findings_of_several_detectors_are_merged_in_any_order() {
        String text = "Ask bob@example.com about secret plans";
        List<Finding> findings = List.of(new Finding(26, 32, "deny"), new Finding(4, 19, "email"), new Finding(8, 15, "deny"),
                new Finding(29, 38, "regex"));
        assertThat(Masking.mask(text, findings)).isEqualTo("Ask [EMAIL] about [REGEX]");
    }

    @Test
    void touching_findings_stay_apart_and_empty_ones_mask_nothing() {
        assertThat(Masking.mask("abcdef", List.of(new Finding(3, 6, "b"), new Finding(0, 3, "a"), new Finding(1, 1, "x"))))
                .isEqualTo("[A][B]");
        assertThat(Masking.mask("abc", List.of(new Finding(1, 1, "x")))).isEqualTo("abc");
        assertThat(Masking.mask("abc", List.of())).isEqualTo("abc");
    }

    @Test
    void a_finding_past_the_text_is_refused() {
        assertThatThrownBy(() -> Masking.mask("abc", List.of(new Finding(1, 4, "x")))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Finding(3, 2, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
