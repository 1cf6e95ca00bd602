package dev.junction.engine.guard.detect;

import java.util.Objects;

/**
 * Something a detector found in a text: the span {@code [start, end)} in UTF-16 indices of that text, and its kind
 * ({@code "email"}, {@code "card"}, {@code "deny"}, {@code "regex"}, or the kind a {@link RegexFinder} was given).
 * The guardrail runtime blocks on findings or hands them to {@link Masking}; the span is what it masks.
 */
public record Finding(int start, int end, String kind) {
    public Finding {
        if (start < 0 || end < start) throw new IllegalArgumentException("not a span: [" + start + ", " + end + ")");
        Objects.requireNonNull(kind, "kind");
    }

    /** The number of UTF-16 units the finding covers. */
    public int length() {
        return end - start;
    }
}
