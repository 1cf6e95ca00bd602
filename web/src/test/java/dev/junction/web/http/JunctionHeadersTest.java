package dev.junction.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class JunctionHeadersTest {
    @Test
    void millis_have_three_decimals_and_never_go_negative() {
        assertThat(JunctionHeaders.millis(0)).isEqualTo("0.000");
        assertThat(JunctionHeaders.millis(5)).isEqualTo("0.005");
        assertThat(JunctionHeaders.millis(45)).isEqualTo("0.045");
        assertThat(JunctionHeaders.millis(412)).isEqualTo("0.412");
        assertThat(JunctionHeaders.millis(1_000)).isEqualTo("1.000");
        assertThat(JunctionHeaders.millis(1_234_567)).isEqualTo("1234.567");
        assertThat(JunctionHeaders.millis(-3)).isEqualTo("0.000");
        for (long micros = 0; micros < 20_000; micros += 7) {
            assertThat(JunctionHeaders.millis(micros)).isEqualTo(String.format(Locale.ROOT, "%.3f", micros / 1000.0));
        }
    }
}
