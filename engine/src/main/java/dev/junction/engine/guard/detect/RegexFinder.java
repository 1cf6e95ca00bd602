package dev.junction.engine.guard.detect;
public final class RegexFinder {
    private final com.google.re2j.Pattern p; private final String kind;
    private RegexFinder(String pattern, String kind) { this.p = com.google.re2j.Pattern.compile(pattern); this.kind = kind; }
    public static RegexFinder of(String pattern, String kind) { return new RegexFinder(pattern, kind); }
    public String problem() { return null; }
    public java.util.List<Finding> find(CharSequence text) {
        java.util.List<Finding> out = new java.util.ArrayList<>(); var m = p.matcher(text);
        while (m.find()) if (m.end() > m.start()) out.add(new Finding(m.start(), m.end(), kind)); return out; }
}
