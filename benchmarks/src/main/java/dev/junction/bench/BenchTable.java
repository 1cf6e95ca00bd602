package dev.junction.bench;

import java.util.List;

/**
 * The routing table shape of issue #4, for benchmarking only: typed fields by index, typed operators.
 * Literals: String for string ops, String[] for in / not in, Double for number ops (b for between), Boolean for is.
 */
public record BenchTable(String[] fieldNames, Kind[] kinds, List<Row> rows, String defaultVariant) {

    public enum Kind { STRING, NUMBER, BOOLEAN }

    public enum Op {
        EQ, NE, IN, NOT_IN, CONTAINS, STARTS_WITH, MATCHES,
        NUM_EQ, NUM_NE, LT, LE, GT, GE, BETWEEN,
        IS, PRESENT, ABSENT
    }

    public record Cond(int field, Op op, Object a, Object b) {}

    public record Row(String id, String variant, List<Cond> conds) {}

    public int size() {
        return rows.size();
    }
}
