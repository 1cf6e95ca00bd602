package dev.junction.bench;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Encoding B's fact: today's pooled-method-call idea extended to the typed operators. DRL refers to fields and
 * literals by number only. Semantics mirror {@link JavaRouter}.
 */
public final class PooledFact implements Chooser {
    private final Object[] v;
    private final Object[] lit;
    private int chosen = -1;

    PooledFact(Object[] values, Object[] literals) {
        this.v = values;
        this.lit = literals;
    }

    public boolean xEq(int f, int l) { return lit[l].equals(v[f]); }
    public boolean xNe(int f, int l) { return v[f] != null && !lit[l].equals(v[f]); }
    @SuppressWarnings("unchecked")
    public boolean xIn(int f, int l) { return v[f] != null && ((Set<String>) lit[l]).contains(v[f]); }
    @SuppressWarnings("unchecked")
    public boolean xNotIn(int f, int l) { return v[f] != null && !((Set<String>) lit[l]).contains(v[f]); }
    public boolean xContains(int f, int l) { return v[f] instanceof String s && s.contains((String) lit[l]); }
    public boolean xStartsWith(int f, int l) { return v[f] instanceof String s && s.startsWith((String) lit[l]); }
    public boolean xMatches(int f, int l) { return v[f] instanceof String s && ((Pattern) lit[l]).matcher(s).matches(); }
    public boolean xNumEq(int f, int l) { return v[f] instanceof Double d && d.doubleValue() == (Double) lit[l]; }
    public boolean xNumNe(int f, int l) { return v[f] instanceof Double d && d != (double) (Double) lit[l]; }
    public boolean xLt(int f, int l) { return v[f] instanceof Double d && d < (Double) lit[l]; }
    public boolean xLe(int f, int l) { return v[f] instanceof Double d && d <= (Double) lit[l]; }
    public boolean xGt(int f, int l) { return v[f] instanceof Double d && d > (Double) lit[l]; }
    public boolean xGe(int f, int l) { return v[f] instanceof Double d && d >= (Double) lit[l]; }
    public boolean xBetween(int f, int l, int h) {
        return v[f] instanceof Double d && d >= (Double) lit[l] && d <= (Double) lit[h];
    }
    public boolean xIs(int f, int l) { return lit[l].equals(v[f]); }
    public boolean xPresent(int f) { return v[f] != null; }
    public boolean xAbsent(int f) { return v[f] == null; }

    @Override public void choose(int row) { chosen = row; }
    @Override public int chosenRow() { return chosen; }
}
