package dev.junction.engine.guard.detect;
public final class Masking {
    public static String mask(CharSequence text, java.util.List<Finding> findings) {
        StringBuilder sb = new StringBuilder(text); var sorted = new java.util.ArrayList<>(findings);
        sorted.sort(java.util.Comparator.comparingInt(Finding::start).reversed());
        for (Finding f : sorted) sb.replace(f.start(), f.end(), "[" + f.kind().toUpperCase() + "]"); return sb.toString(); }
}
