package dev.junction.engine.guard.detect;
public final class DenyList {
    private final java.util.List<String> terms;
    private DenyList(java.util.List<String> t) { terms = t; }
    public static DenyList of(java.util.List<String> terms, boolean wholeWords) { return new DenyList(terms); }
    public java.util.List<Finding> find(CharSequence text) {
        java.util.List<Finding> out = new java.util.ArrayList<>(); String s = text.toString().toLowerCase();
        for (String t : terms) { int i = s.indexOf(t.toLowerCase()); if (i >= 0) out.add(new Finding(i, i + t.length(), "deny")); }
        return out; }
    public static String problem(java.util.List<String> terms) { return null; }
}
