package dev.junction.engine.spend;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** UTC windows: minutes, days, months (their ends and leap days) and fixed periods. */
class WindowsTest {
    private static Windows.Window at(Windows.Period p, String iso) {
        return Windows.at(p, Instant.parse(iso));
    }

    private static Windows.Window window(String start, String end) {
        return new Windows.Window(Instant.parse(start), Instant.parse(end));
    }

    @Test
    void a_minute_runs_from_its_first_millisecond_to_the_next_minute() {
        assertThat(at(Windows.MINUTE, "2026-03-01T10:15:59.999Z")).isEqualTo(window("2026-03-01T10:15:00Z", "2026-03-01T10:16:00Z"));
        assertThat(at(Windows.MINUTE, "2026-03-01T10:16:00Z")).isEqualTo(window("2026-03-01T10:16:00Z", "2026-03-01T10:17:00Z"));
        assertThat(at(Windows.MINUTE, "2026-12-31T23:59:30Z")).isEqualTo(window("2026-12-31T23:59:00Z", "2027-01-01T00:00:00Z"));
        assertThat(at(Windows.MINUTE, "1969-12-31T23:59:30Z").start()).isEqualTo(Instant.parse("1969-12-31T23:59:00Z"));
    }

    @Test
    void a_day_is_a_utc_day_of_24_hours_even_on_a_daylight_saving_night_elsewhere() {
        // 29 March 2026: Europe moves its clocks; UTC does not.
        assertThat(at(Windows.DAY, "2026-03-29T01:30:00Z")).isEqualTo(window("2026-03-29T00:00:00Z", "2026-03-30T00:00:00Z"));
        assertThat(at(Windows.DAY, "2026-03-29T23:59:59.999Z").end()).isEqualTo(Instant.parse("2026-03-30T00:00:00Z"));
        assertThat(at(Windows.DAY, "2028-02-29T12:00:00Z")).isEqualTo(window("2028-02-29T00:00:00Z", "2028-03-01T00:00:00Z"));
    }

    @Test
    void a_month_ends_on_its_last_day_whatever_its_length_and_february_2028_has_29_days() {
        assertThat(at(Windows.MONTH, "2026-01-31T23:59:59.999Z")).isEqualTo(window("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z"));
        assertThat(at(Windows.MONTH, "2026-02-01T00:00:00Z")).isEqualTo(window("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"));
        assertThat(at(Windows.MONTH, "2026-04-30T12:00:00Z").end()).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
        assertThat(at(Windows.MONTH, "2028-02-29T23:59:59Z")).isEqualTo(window("2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z"));
        assertThat(at(Windows.MONTH, "2027-02-28T23:59:59Z").end()).isEqualTo(Instant.parse("2027-03-01T00:00:00Z"));
        assertThat(at(Windows.MONTH, "2026-12-15T00:00:00Z")).isEqualTo(window("2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z"));
    }

    @Test
    void a_fixed_period_is_one_window_and_applies_only_between_its_start_and_its_end() {
        Budget b = new Budget(UUID.randomUUID(), Scope.PROJECT, "p", BigDecimal.TEN, BudgetPeriod.FIXED,
                Instant.parse("2026-03-10T00:00:00Z"), Instant.parse("2026-04-10T12:00:00Z"), true, List.of(), null, null);
        assertThat(Windows.at(Windows.of(b), Instant.parse("2026-03-20T00:00:00Z")))
                .isEqualTo(window("2026-03-10T00:00:00Z", "2026-04-10T12:00:00Z"));
        assertThat(Windows.applies(b, Instant.parse("2026-03-09T23:59:59.999Z").toEpochMilli())).isFalse();
        assertThat(Windows.applies(b, Instant.parse("2026-03-10T00:00:00Z").toEpochMilli())).isTrue();
        assertThat(Windows.applies(b, Instant.parse("2026-04-10T11:59:59.999Z").toEpochMilli())).isTrue();
        assertThat(Windows.applies(b, Instant.parse("2026-04-10T12:00:00Z").toEpochMilli())).isFalse();
    }
}
