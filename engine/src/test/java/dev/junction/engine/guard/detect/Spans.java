package dev.junction.engine.guard.detect;

import java.util.List;

/** Findings as {@code kind:text} strings, which read better in an assertion than spans. */
final class Spans {
    private static final PiiDetector ALL = PiiDetector.of(java.util.Set.of());

    private Spans() {}

    static List<String> of(CharSequence text, List<Finding> findings) {
        return findings.stream().map(f -> f.kind() + ":" + text.subSequence(f.start(), f.end())).toList();
    }

    /** What a detector of every PII kind finds in {@code text}. */
    static List<String> pii(String text) {
        return of(text, ALL.find(text));
    }
}
