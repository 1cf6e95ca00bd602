package dev.junction.engine.provider.http;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.support.Jackson;
import java.util.function.Function;

/** The small JSON helpers every adapter's mapper uses on its wire format. */
public final class WireJson {
    private WireJson() {}

    /** A mapper that ignores fields it does not know (providers add some all the time). Thread-safe once built. */
    public static ObjectMapper lenientMapper() {
        return Jackson.mapper()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /**
     * A 2xx body read as {@code type}; an empty body, one that is not JSON of that shape ("the body is not valid
     * {@code what} JSON", with where) or JSON null is {@code malformed} with what is wrong, quoting nothing.
     */
    public static <T, E extends MalformedAnswer> T readAnswer(ObjectMapper json, String body, Class<T> type, String what,
                                                              Function<String, E> malformed) throws E {
        if (body == null || body.isBlank()) {
            throw malformed.apply("the body is empty");
        }
        T value;
        try {
            value = json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw malformed.apply("the body is not valid " + what + " JSON" + at(e.getLocation()));
        }
        if (value == null) {
            throw malformed.apply("the body is JSON null");
        }
        return value;
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
