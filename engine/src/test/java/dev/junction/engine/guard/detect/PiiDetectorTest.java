package dev.junction.engine.guard.detect;

import static dev.junction.engine.guard.detect.Spans.pii;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PiiDetectorTest {
    @Test
    void emails_are_found_without_the_dot_that_ends_the_sentence() {
        assertThat(pii("Write to john.doe@example.com.")).containsExactly("email:john.doe@example.com");
        assertThat(pii("(mail: a.b+tag@sub.example.co.uk, or Zoë@münchen.de)"))
                .containsExactly("email:a.b+tag@sub.example.co.uk", "email:Zoë@münchen.de");
        assertThat(pii("see: bob_1@mail-host.io")).containsExactly("email:bob_1@mail-host.io");
    }

    @Test
    void things_with_an_at_sign_that_are_not_emails_are_left_alone() {
        assertThat(pii("ping @handle, or root@localhost, or a@b.c, or john..doe@x.com, or x@example.c0m, or x@-bad.com"))
                .isEmpty();
        assertThat(pii("meet me @ 5, price 3@4.50")).isEmpty();
    }

    @Test
    void international_and_national_phone_numbers_are_found() {
        assertThat(pii("Call +44 20 7946 0958 or +1 (415) 555-2671 or +14155552671."))
                .containsExactly("phone:+44 20 7946 0958", "phone:+1 (415) 555-2671", "phone:+14155552671");
        assertThat(pii("US (555) 123-4567, 555-123-4567, 555.123.4567, 1-800-555-0199"))
                .containsExactly("phone:(555) 123-4567", "phone:555-123-4567", "phone:555.123.4567", "phone:1-800-555-0199");
        assertThat(pii("UK 020 7946 0958, NL 06-12345678, FR 01 23 45 67 89, ES 612 34 56 78, DE 030 12345678"))
                .containsExactly("phone:020 7946 0958", "phone:06-12345678", "phone:01 23 45 67 89",
                        "phone:612 34 56 78", "phone:030 12345678");
    }

    @Test
    void dates_amounts_order_numbers_and_plain_numbers_are_not_phone_numbers() {
        assertThat(pii("On 2026-12-06 at 10:30, or 06.12.2026, or 2026-12-06 1030, we paid 1,234,567.89 EUR "
                + "(1.234.567,89 or 12.345.678.901), order 4512-88930, ORD-2026-000123, ticket #5551234567, "
                + "tracking 12345678901, version 1.2.3, 3.14159265358979, 0.1234567890, page 20-30, 123 456 789 items"))
                .isEmpty();
        assertThat(pii("+0 123 456 789, +12 34, 5+44 20 7946 0958")).isEmpty();
    }

    @Test
    void cards_pass_luhn_in_groups_or_unbroken() {
        assertThat(pii("Visa 4111 1111 1111 1111, MC 5555-5555-5555-4444, Amex 3782 822463 10005, Disc 6011111111111117."))
                .containsExactly("card:4111 1111 1111 1111", "card:5555-5555-5555-4444", "card:3782 822463 10005",
                        "card:6011111111111117");
        assertThat(pii("card 4111 1111 1111 1111 12/28")).containsExactly("card:4111 1111 1111 1111");
    }

    @Test
    void numbers_that_fail_luhn_or_look_like_timestamps_are_not_cards() {
        assertThat(pii("4111 1111 1111 1112, 4111-1111 1111-1111, 4111  1111 1111 1111, 0000 0000 0000 0000")).isEmpty();
        assertThat(pii("ts 1733443200000 and 1000000000000000")).isEmpty(); // Luhn-valid, but 1 starts no card
        assertThat(pii("41111 11111 11111 1, 4111111111111111x")).isEmpty();
    }

    @Test
    void ipv4_and_ipv6_addresses_are_found() {
        assertThat(pii("hosts 192.168.0.1, 10.0.0.255:8080 and 255.255.255.255."))
                .containsExactly("ip_address:192.168.0.1", "ip_address:10.0.0.255", "ip_address:255.255.255.255");
        assertThat(pii("v6 2001:0db8:85a3:0000:0000:8a2e:0370:7334, [2001:db8::1]:443, ::1, fe80::1ff:fe23:4567:890a, ::ffff:192.0.2.1"))
                .containsExactly("ip_address:2001:0db8:85a3:0000:0000:8a2e:0370:7334", "ip_address:2001:db8::1",
                        "ip_address:::1", "ip_address:fe80::1ff:fe23:4567:890a", "ip_address:::ffff:192.0.2.1");
    }

    @Test
    void things_shaped_like_addresses_that_are_not_are_left_alone() {
        assertThat(pii("256.1.1.1, 1.2.3, 1.2.3.4.5, 01.02.03.04, at 10:30:00, mac 00:1A:2B:3C:4D:5E, std::vector, a :: b, "
                + "1:2:3:4:5:6:7:8:9, 2001:db8::1::2, v1.2.3.4")).isEmpty();
    }

    @Test
    void where_candidates_overlap_the_longest_wins() {
        assertThat(pii("mail 123456782@example.com")).containsExactly("email:123456782@example.com");
        assertThat(pii("IBAN DE89 3704 0044 0532 0130 00 paid")).containsExactly("iban:DE89 3704 0044 0532 0130 00");
        assertThat(pii("call +31 123456782")).containsExactly("phone:+31 123456782");
    }

    @Test
    void only_the_kinds_asked_for_are_found_and_the_empty_set_means_all() {
        String text = "john@example.com 4111 1111 1111 1111 123-45-6789";
        assertThat(Spans.of(text, PiiDetector.of(EnumSet.of(PiiKind.CARD)).find(text)))
                .containsExactly("card:4111 1111 1111 1111");
        assertThat(Spans.of(text, PiiDetector.of(EnumSet.of(PiiKind.EMAIL, PiiKind.US_SSN)).find(text)))
                .containsExactly("email:john@example.com", "us_ssn:123-45-6789");
        assertThat(PiiDetector.of(Set.of()).find(text)).hasSize(3);
    }

    @Test
    void text_without_findings_gives_the_shared_empty_list() {
        assertThat(PiiDetector.of(Set.of()).find("Nothing personal here, just 42 apples on 2026-12-06.")).isSameAs(List.of());
        assertThat(PiiDetector.of(Set.of()).find("")).isEmpty();
    }

    @Test
    void findings_carry_utf16_indices_of_the_text() {
        String text = "😀 héllo: bob@example.com";
        Finding f = PiiDetector.of(Set.of()).find(text).get(0);
        assertThat(text.substring(f.start(), f.end())).isEqualTo("bob@example.com");
        assertThat(f.start()).isEqualTo(text.indexOf('b'));
    }

    @Test
    void random_text_never_breaks_the_scanner_and_findings_stay_sorted_apart_and_inside() {
        String[] pieces = {"0", "1", "4", "9", "4111", "1111", "12", "123", " ", "  ", "+", "+44", "-", ".", ",", "/", "(", ")",
                "@", "@example.com", "bob", ":", "::", "#", "_", "a", "fe80", "X", "Z", "DE89", "AB", "C", "\u00e9", "\u00a0",
                "\ud83d\ude00", "\ud83d", "\u0301"};
        PiiDetector all = PiiDetector.of(Set.of());
        java.util.Random random = new java.util.Random(22);
        int found = 0;
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(30); k > 0; k--) text.append(pieces[random.nextInt(pieces.length)]);
            List<Finding> findings = all.find(text);
            found += findings.size();
            for (int k = 0; k < findings.size(); k++) {
                Finding f = findings.get(k);
                assertThat(f.end()).isLessThanOrEqualTo(text.length()).isGreaterThan(f.start());
                if (k > 0) assertThat(f.start()).isGreaterThanOrEqualTo(findings.get(k - 1).end());
            }
        }
        assertThat(found).isPositive();
    }

    @Test
    void wire_names_are_lower_snake_case_and_read_back() {
        assertThat(PiiKind.US_SSN.wireName()).isEqualTo("us_ssn");
        assertThat(PiiKind.fromWire("ip_address")).contains(PiiKind.IP_ADDRESS);
        for (PiiKind kind : PiiKind.values()) assertThat(PiiKind.fromWire(kind.wireName())).contains(kind);
        assertThat(PiiKind.fromWire("EMAIL")).isEqualTo(Optional.empty());
        assertThat(PiiKind.fromWire(null)).isEmpty();
    }
}
