package dev.junction.engine.guard.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Masks what detectors found, for guardrails that redact rather than block: each finding's span becomes
 * {@code "[" + KIND + "]"} ({@code [EMAIL]}, {@code [CARD]}, {@code [DENY]}), so a reader still sees that something
 * stood there and what it was. Findings from several detectors may overlap or come in any order: overlapping spans
 * are merged into one mask, labelled with the kind of the longest finding among them (the earliest on a tie); spans
 * that only touch stay apart. Empty findings mask nothing. Stateless.
 */
public final class Masking {
    private static final Comparator<Finding> BY_START = Comparator.comparingInt(Finding::start);

    private Masking() {}

    /**
     * {@code text} with every finding masked.
     *
     * @throws IllegalArgumentException when a finding ends past the text
     */
    public static String mask(CharSequence text, List<Finding> findings) {
        if (findings.isEmpty()) return text.toString();
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(BY_START);
        StringBuilder out = new StringBuilder(text.length() + 16 * sorted.size());
        int copied = 0;
        int k = 0;
        while (k < sorted.size()) {
            Finding first = sorted.get(k++);
            if (first.end() > text.length()) throw new IllegalArgumentException("finding past the text: " + first);
            if (first.length() == 0) continue;
            int end = first.end();
            Finding label = first;
            while (k < sorted.size() && sorted.get(k).start() < end) {
                Finding next = sorted.get(k++);
                if (next.end() > text.length()) throw new IllegalArgumentException("finding past the text: " + next);
                end = Math.max(end, next.end());
                if (next.length() > label.length()) label = next;
            }
            out.append(text, copied, first.start()).append('[').append(label.kind().toUpperCase(Locale.ROOT)).append(']');
            copied = end;
        }
        return out.append(text, copied, text.length()).toString();
    }
}
