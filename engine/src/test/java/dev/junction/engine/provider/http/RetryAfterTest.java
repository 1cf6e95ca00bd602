package dev.junction.engine.provider.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
    private final Instant now = Instant.parse("2026-12-02T08:00:00Z");

    @Test
    void secondsDatesAndMilliseconds() {
        assertEquals(Duration.ofSeconds(7), RetryAfter.parse("7", now));
        assertEquals(Duration.ofMillis(250), RetryAfter.parse("0.25", now));
        assertEquals(Duration.ofSeconds(30), RetryAfter.parse("Wed, 02 Dec 2026 08:00:30 GMT", now));
        assertEquals(Duration.ZERO, RetryAfter.parse("Wed, 02 Dec 2026 07:59:00 GMT", now));
        assertEquals(Duration.ofMillis(1500), RetryAfter.decimal("1500", 1));
        assertNull(RetryAfter.parse("soon", now));
        assertNull(RetryAfter.parse("-1", now));
    }

    @Test
    void anAbsurdlyLongWaitIsReadAsSentTheCapDecidesWhatIsWaited() {
        // no overflow here (Duration holds it); the invoke loop caps it before any arithmetic (InvokeResilienceTest)
        assertEquals(Duration.ofSeconds(999_999_999_999L), RetryAfter.parse("999999999999", now));
        assertEquals(Duration.between(now, Instant.parse("9999-12-31T23:59:59Z")), RetryAfter.parse("Fri, 31 Dec 9999 23:59:59 GMT", now));
        assertEquals(Duration.ofSeconds(999_999_999_999L), RetryAfter.decimal("999999999999", 1000));
        assertEquals(Duration.ofHours(23), RetryAfter.parse("82800", now));
    }
}
