package dev.junction.engine.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ContextValuesTest {
    @Test
    void numbersFromJsonNumbersAndDecimalStrings() {
        assertEquals(12.5, ContextValues.read(FieldType.NUMBER, 12.5));
        assertEquals(12.5, ContextValues.read(FieldType.NUMBER, "12.5"));
        assertEquals(1200.0, ContextValues.read(FieldType.NUMBER, "1.2e3"));
        assertEquals(0.0, ContextValues.read(FieldType.NUMBER, "-0"));
        assertNull(ContextValues.read(FieldType.NUMBER, "twelve"));
    }

    @Test
    void aNumberStringWithAnExponentBeyondRangeIsNotANumberRatherThanAnError() {
        // BigDecimal threw NumberFormatException on these: the request became a 500
        assertNull(ContextValues.read(FieldType.NUMBER, "1e99999999999"));
        assertEquals("expected a number, got \"1e99999999999\"", ContextValues.problem(FieldType.NUMBER, "1e99999999999"));
        assertEquals(0.0, ContextValues.read(FieldType.NUMBER, "1e-99999999999"));
    }

    @Test
    void datesAndDateTimesWithOrWithoutSecondsAndOffsets() {
        long minute = Instant.parse("2026-11-22T10:30:00Z").toEpochMilli();
        assertEquals(minute, ContextValues.read(FieldType.DATE, "2026-11-22T10:30Z"));
        assertEquals(minute, ContextValues.read(FieldType.DATE, "2026-11-22T10:30z"));
        assertEquals(minute, ContextValues.read(FieldType.DATE, "2026-11-22T10:30:00Z"));
        assertEquals(minute, ContextValues.read(FieldType.DATE, "2026-11-22T11:30+01:00"));
        assertEquals(minute, ContextValues.read(FieldType.DATE, "2026-11-22T10:30"));
        assertEquals(Instant.parse("2026-11-22T00:00:00Z").toEpochMilli(), ContextValues.read(FieldType.DATE, "2026-11-22"));
        assertNull(ContextValues.read(FieldType.DATE, "22/11/2026"));
    }
}
