package dev.junction.engine.provider.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.support.Jackson;

/** The small JSON helpers every adapter's mapper uses on its wire format. */
public final class WireJson {
    private WireJson() {}

    /** A mapper that ignores fields it does not know (providers add some all the time). Thread-safe once built. */
    public static ObjectMapper lenientMapper() {
        return Jackson.mapper()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** A count the provider may leave out. */
    public static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    /**
     * Where a body failed to parse, {@code " at line L, column C"} ("" when unknown): parser messages quote the
     * offending input, the location is enough and leaks nothing.
     */
    public static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 0) {
            return "";
        }
        return " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
