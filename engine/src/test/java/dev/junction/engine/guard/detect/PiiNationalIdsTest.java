package dev.junction.engine.guard.detect;

import static dev.junction.engine.guard.detect.Spans.pii;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiNationalIdsTest {
    @Test
    void ibans_with_the_right_length_and_checksum_are_found_spaced_or_not() {
        assertThat(pii("Pay DE89 3704 0044 0532 0130 00, GB82 WEST 1234 5698 7654 32 or NL91ABNA0417164300."))
                .containsExactly("iban:DE89 3704 0044 0532 0130 00", "iban:GB82 WEST 1234 5698 7654 32",
                        "iban:NL91ABNA0417164300");
        assertThat(pii("fr14 2004 1010 0505 0001 3m02 606")).containsExactly("iban:fr14 2004 1010 0505 0001 3m02 606");
    }

    @Test
    void ibans_with_a_wrong_checksum_length_or_country_are_not() {
        assertThat(pii("DE88 3704 0044 0532 0130 00, DE89 3704 0044 0532 0130 0, DE89370400440532013000X, "
                + "QQ89 3704 0044 0532 0130 00, DE89 37 04 0044 0532 0130 00")).isEmpty();
    }

    @Test
    void us_ssns_are_found_outside_the_ranges_the_ssa_never_issues() {
        assertThat(pii("SSN 123-45-6789 or 078 05 1120")).containsExactly("us_ssn:123-45-6789", "us_ssn:078 05 1120");
        assertThat(pii("000-12-3456 666-12-3456 912-34-5678 123-00-4567 123-45-0000 123-456-789 12-345-6789")).isEmpty();
    }

    @Test
    void nine_unbroken_digits_are_not_an_ssn() {
        assertThat(pii("id 123456789")).isEmpty(); // nor a BSN: it fails the 11-test
    }

    @Test
    void uk_national_insurance_numbers_follow_the_hmrc_prefix_rules() {
        assertThat(pii("NINO AB 12 34 56 C, AB123456C and JG 123456 A.")).containsExactly("uk_nino:AB 12 34 56 C",
                "uk_nino:AB123456C", "uk_nino:JG 123456 A");
        assertThat(pii("QQ123456C DA123456A AO123456A BG123456A GB123456A NK123456A AB123456E ab123456c AB1234567C AB123456CD"))
                .isEmpty();
    }

    @Test
    void spanish_dnis_and_nies_carry_the_mod_23_letter() {
        assertThat(pii("DNI 12345678Z, 12345678-z; NIE X1234567L, Y-1234567X, z 1234567 no"))
                .containsExactly("es_dni:12345678Z", "es_dni:12345678-z", "es_dni:X1234567L", "es_dni:Y-1234567X");
        assertThat(pii("12345678A 12345678ZZ 123456789Z X1234567A X12345678L")).isEmpty();
    }

    @Test
    void dutch_bsns_pass_the_eleven_test_only_as_a_whole_number() {
        assertThat(pii("BSN 111222333 and 123456782.")).containsExactly("nl_bsn:111222333", "nl_bsn:123456782");
        assertThat(pii("123456789 1234567820 0123456782 000000000 12345678-2 #123456782 INV-123456782 123456782.pdf"))
                .isEmpty();
    }
}
