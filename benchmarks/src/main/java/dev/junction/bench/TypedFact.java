package dev.junction.bench;

/**
 * Encoding C/D's fact: typed getters per field index (s0 = string field 0, n4 = number field 4, b6 = boolean
 * field 6), so DRL can compare them with literals and Drools can share and hash the alpha nodes. Values come
 * typed from {@link JavaRouter#values}; a getter of another type returns null (absent).
 */
public final class TypedFact implements Chooser {
    private final Object[] v;
    private int chosen = -1;

    TypedFact(Object[] values) {
        this.v = values;
    }

    public String getS0() { return v[0] instanceof String x ? x : null; }
    public Double getN0() { return v[0] instanceof Double x ? x : null; }
    public Boolean getB0() { return v[0] instanceof Boolean x ? x : null; }
    public String getS1() { return v[1] instanceof String x ? x : null; }
    public Double getN1() { return v[1] instanceof Double x ? x : null; }
    public Boolean getB1() { return v[1] instanceof Boolean x ? x : null; }
    public String getS2() { return v[2] instanceof String x ? x : null; }
    public Double getN2() { return v[2] instanceof Double x ? x : null; }
    public Boolean getB2() { return v[2] instanceof Boolean x ? x : null; }
    public String getS3() { return v[3] instanceof String x ? x : null; }
    public Double getN3() { return v[3] instanceof Double x ? x : null; }
    public Boolean getB3() { return v[3] instanceof Boolean x ? x : null; }
    public String getS4() { return v[4] instanceof String x ? x : null; }
    public Double getN4() { return v[4] instanceof Double x ? x : null; }
    public Boolean getB4() { return v[4] instanceof Boolean x ? x : null; }
    public String getS5() { return v[5] instanceof String x ? x : null; }
    public Double getN5() { return v[5] instanceof Double x ? x : null; }
    public Boolean getB5() { return v[5] instanceof Boolean x ? x : null; }
    public String getS6() { return v[6] instanceof String x ? x : null; }
    public Double getN6() { return v[6] instanceof Double x ? x : null; }
    public Boolean getB6() { return v[6] instanceof Boolean x ? x : null; }
    public String getS7() { return v[7] instanceof String x ? x : null; }
    public Double getN7() { return v[7] instanceof Double x ? x : null; }
    public Boolean getB7() { return v[7] instanceof Boolean x ? x : null; }

    @Override public void choose(int row) { chosen = row; }
    @Override public int chosenRow() { return chosen; }
}
