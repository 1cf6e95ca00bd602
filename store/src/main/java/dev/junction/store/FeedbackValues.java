package dev.junction.store;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one mapping of a feedback value (request_feedback.value, JSON) to a number, for experiments whose goal is a
 * feedback property: a JSON number is taken as it is; a string (in any case) in
 * {@link #POSITIVE} is 1 and in {@link #NEGATIVE} is 0; a JSON true or false (the feedback API does not make them) is
 * 1 or 0. Anything else (another string, a list of strings, a number beyond ±1e100) is no value: the request is left
 * out, as if it had no feedback. {@link #of} and {@link #sql} are the same mapping in Java and in SQL.
 */
public final class FeedbackValues {
    public static final List<String> POSITIVE = List.of("good", "positive", "thumbs_up", "yes", "true");
    public static final List<String> NEGATIVE = List.of("bad", "negative", "thumbs_down", "no", "false");
    /**
     * Numbers beyond this are left out: their squares, summed, would overflow a double precision (PostgreSQL raises an
     * error then), and they mean nothing as feedback.
     */
    static final double MAX_ABS = ScoreRows.MAX_ABS_VALUE;

    private FeedbackValues() {}

    /** The number of a feedback value as the feedback API gives it (String, Number, List), or null when it has none. */
    public static Double of(Object value) {
        return switch (value) {
            case Number n when Math.abs(n.doubleValue()) <= MAX_ABS -> n.doubleValue();
            case Boolean b -> b ? 1.0 : 0.0;
            case String s -> {
                String t = s.toLowerCase(Locale.ROOT);
                yield POSITIVE.contains(t) ? Double.valueOf(1) : NEGATIVE.contains(t) ? Double.valueOf(0) : null;
            }
            case null, default -> null;
        };
    }

    /** The same mapping in SQL, over a jsonb expression: a double precision, or NULL. */
    static String sql(String jsonb) {
        return """
            CASE jsonb_typeof(%1$s)
              WHEN 'number' THEN CASE WHEN abs((%1$s #>> '{}')::numeric) <= %2$s THEN (%1$s #>> '{}')::float8 END
              WHEN 'string' THEN CASE WHEN lower(%1$s #>> '{}') IN (%3$s) THEN 1.0::float8
                                      WHEN lower(%1$s #>> '{}') IN (%4$s) THEN 0.0::float8 END
              WHEN 'boolean' THEN CASE WHEN (%1$s)::text = 'true' THEN 1.0::float8 ELSE 0.0::float8 END
            END""".formatted(jsonb, "1e100", literals(POSITIVE), literals(NEGATIVE));
    }

    private static String literals(List<String> words) {
        // our own constants, plain words: quoted as SQL string literals
        return words.stream().map(w -> "'" + w.replace("'", "''") + "'").collect(Collectors.joining(", "));
    }
}
