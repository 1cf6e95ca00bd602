package dev.junction.engine.guard.detect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Picks non-overlapping findings out of candidates that may overlap: the longest first (the earlier on a tie), then
 * each shorter one that overlaps none already taken; the answer is sorted by start. Where a phone number's digits also
 * form a shorter national id, or an IBAN's digits a card, the longer reading is the one that names what was written.
 */
final class Overlaps {
    private static final Comparator<Finding> LONGEST_FIRST =
            Comparator.comparingInt(Finding::length).reversed().thenComparingInt(Finding::start);

    private Overlaps() {}

    /** {@code candidates} resolved as above; the empty list (no allocation) for null or empty. */
    static List<Finding> resolve(List<Finding> candidates) {
        if (candidates == null || candidates.isEmpty()) return List.of();
        if (candidates.size() == 1) return List.of(candidates.get(0));
        List<Finding> byLength = new ArrayList<>(candidates);
        byLength.sort(LONGEST_FIRST);
        TreeMap<Integer, Finding> taken = new TreeMap<>();
        for (Finding f : byLength) {
            var before = taken.floorEntry(f.start());
            if (before != null && before.getValue().end() > f.start()) continue;
            var after = taken.ceilingEntry(f.start());
            if (after != null && after.getKey() < f.end()) continue;
            taken.put(f.start(), f);
        }
        return List.copyOf(taken.values());
    }

    /** Adds a finding to {@code out}, creating the list on the first one (so text without findings allocates nothing). */
    static List<Finding> add(List<Finding> out, int start, int end, String kind) {
        List<Finding> list = out == null ? new ArrayList<>(4) : out;
        list.add(new Finding(start, end, kind));
        return list;
    }
}
