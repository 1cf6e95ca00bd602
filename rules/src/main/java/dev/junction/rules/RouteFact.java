package dev.junction.rules;

import java.util.Set;

/**
 * The fact a routing KieBase reasons over: one slot per context field the table reads, holding the value already
 * read as the field's type ({@link dev.junction.engine.routing.ContextValues}), and a bit saying whether the context
 * had a value at all. Generated DRL refers to a slot by a typed getter ({@code s3} a string, {@code n3} a number,
 * {@code b3} a boolean, {@code l3} a list, {@code d3} a date as epoch milliseconds, {@code p3} presence), so field names
 * never appear in DRL and Drools can share and hash its alpha nodes on literals. Not thread-safe: one per evaluation.
 * <p>The getters below are written by {@code rules/tools/generate_route_fact.py}, not by hand ({@code RouteFactTest} checks all {@value #SLOTS}
 * slots have every getter).
 */
public final class RouteFact {
    /** Context fields a table can read: {@code SpecValidator.MAX_CONTEXT_FIELDS}. */
    public static final int SLOTS = 64;

    private final Object[] v;
    private final long present;
    private int chosenRow = -1;

    RouteFact(Object[] values, long present) {
        this.v = values;
        this.present = present;
    }

    /** Called by the consequence of the first matching row (activation group + salience make it the first). */
    public void choose(int row) {
        chosenRow = row;
    }

    int chosenRow() {
        return chosenRow;
    }

    public String getS0() { return v[0] instanceof String x ? x : null; }
    public Double getN0() { return v[0] instanceof Double x ? x : null; }
    public Boolean getB0() { return v[0] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL0() { return v[0] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD0() { return v[0] instanceof Long x ? x : null; }
    public boolean isP0() { return (present & (1L << 0)) != 0; }
    public String getS1() { return v[1] instanceof String x ? x : null; }
    public Double getN1() { return v[1] instanceof Double x ? x : null; }
    public Boolean getB1() { return v[1] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL1() { return v[1] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD1() { return v[1] instanceof Long x ? x : null; }
    public boolean isP1() { return (present & (1L << 1)) != 0; }
    public String getS2() { return v[2] instanceof String x ? x : null; }
    public Double getN2() { return v[2] instanceof Double x ? x : null; }
    public Boolean getB2() { return v[2] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL2() { return v[2] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD2() { return v[2] instanceof Long x ? x : null; }
    public boolean isP2() { return (present & (1L << 2)) != 0; }
    public String getS3() { return v[3] instanceof String x ? x : null; }
    public Double getN3() { return v[3] instanceof Double x ? x : null; }
    public Boolean getB3() { return v[3] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL3() { return v[3] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD3() { return v[3] instanceof Long x ? x : null; }
    public boolean isP3() { return (present & (1L << 3)) != 0; }
    public String getS4() { return v[4] instanceof String x ? x : null; }
    public Double getN4() { return v[4] instanceof Double x ? x : null; }
    public Boolean getB4() { return v[4] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL4() { return v[4] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD4() { return v[4] instanceof Long x ? x : null; }
    public boolean isP4() { return (present & (1L << 4)) != 0; }
    public String getS5() { return v[5] instanceof String x ? x : null; }
    public Double getN5() { return v[5] instanceof Double x ? x : null; }
    public Boolean getB5() { return v[5] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL5() { return v[5] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD5() { return v[5] instanceof Long x ? x : null; }
    public boolean isP5() { return (present & (1L << 5)) != 0; }
    public String getS6() { return v[6] instanceof String x ? x : null; }
    public Double getN6() { return v[6] instanceof Double x ? x : null; }
    public Boolean getB6() { return v[6] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL6() { return v[6] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD6() { return v[6] instanceof Long x ? x : null; }
    public boolean isP6() { return (present & (1L << 6)) != 0; }
    public String getS7() { return v[7] instanceof String x ? x : null; }
    public Double getN7() { return v[7] instanceof Double x ? x : null; }
    public Boolean getB7() { return v[7] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL7() { return v[7] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD7() { return v[7] instanceof Long x ? x : null; }
    public boolean isP7() { return (present & (1L << 7)) != 0; }
    public String getS8() { return v[8] instanceof String x ? x : null; }
    public Double getN8() { return v[8] instanceof Double x ? x : null; }
    public Boolean getB8() { return v[8] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL8() { return v[8] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD8() { return v[8] instanceof Long x ? x : null; }
    public boolean isP8() { return (present & (1L << 8)) != 0; }
    public String getS9() { return v[9] instanceof String x ? x : null; }
    public Double getN9() { return v[9] instanceof Double x ? x : null; }
    public Boolean getB9() { return v[9] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL9() { return v[9] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD9() { return v[9] instanceof Long x ? x : null; }
    public boolean isP9() { return (present & (1L << 9)) != 0; }
    public String getS10() { return v[10] instanceof String x ? x : null; }
    public Double getN10() { return v[10] instanceof Double x ? x : null; }
    public Boolean getB10() { return v[10] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL10() { return v[10] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD10() { return v[10] instanceof Long x ? x : null; }
    public boolean isP10() { return (present & (1L << 10)) != 0; }
    public String getS11() { return v[11] instanceof String x ? x : null; }
    public Double getN11() { return v[11] instanceof Double x ? x : null; }
    public Boolean getB11() { return v[11] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL11() { return v[11] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD11() { return v[11] instanceof Long x ? x : null; }
    public boolean isP11() { return (present & (1L << 11)) != 0; }
    public String getS12() { return v[12] instanceof String x ? x : null; }
    public Double getN12() { return v[12] instanceof Double x ? x : null; }
    public Boolean getB12() { return v[12] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL12() { return v[12] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD12() { return v[12] instanceof Long x ? x : null; }
    public boolean isP12() { return (present & (1L << 12)) != 0; }
    public String getS13() { return v[13] instanceof String x ? x : null; }
    public Double getN13() { return v[13] instanceof Double x ? x : null; }
    public Boolean getB13() { return v[13] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL13() { return v[13] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD13() { return v[13] instanceof Long x ? x : null; }
    public boolean isP13() { return (present & (1L << 13)) != 0; }
    public String getS14() { return v[14] instanceof String x ? x : null; }
    public Double getN14() { return v[14] instanceof Double x ? x : null; }
    public Boolean getB14() { return v[14] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL14() { return v[14] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD14() { return v[14] instanceof Long x ? x : null; }
    public boolean isP14() { return (present & (1L << 14)) != 0; }
    public String getS15() { return v[15] instanceof String x ? x : null; }
    public Double getN15() { return v[15] instanceof Double x ? x : null; }
    public Boolean getB15() { return v[15] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL15() { return v[15] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD15() { return v[15] instanceof Long x ? x : null; }
    public boolean isP15() { return (present & (1L << 15)) != 0; }
    public String getS16() { return v[16] instanceof String x ? x : null; }
    public Double getN16() { return v[16] instanceof Double x ? x : null; }
    public Boolean getB16() { return v[16] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL16() { return v[16] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD16() { return v[16] instanceof Long x ? x : null; }
    public boolean isP16() { return (present & (1L << 16)) != 0; }
    public String getS17() { return v[17] instanceof String x ? x : null; }
    public Double getN17() { return v[17] instanceof Double x ? x : null; }
    public Boolean getB17() { return v[17] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL17() { return v[17] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD17() { return v[17] instanceof Long x ? x : null; }
    public boolean isP17() { return (present & (1L << 17)) != 0; }
    public String getS18() { return v[18] instanceof String x ? x : null; }
    public Double getN18() { return v[18] instanceof Double x ? x : null; }
    public Boolean getB18() { return v[18] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL18() { return v[18] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD18() { return v[18] instanceof Long x ? x : null; }
    public boolean isP18() { return (present & (1L << 18)) != 0; }
    public String getS19() { return v[19] instanceof String x ? x : null; }
    public Double getN19() { return v[19] instanceof Double x ? x : null; }
    public Boolean getB19() { return v[19] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL19() { return v[19] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD19() { return v[19] instanceof Long x ? x : null; }
    public boolean isP19() { return (present & (1L << 19)) != 0; }
    public String getS20() { return v[20] instanceof String x ? x : null; }
    public Double getN20() { return v[20] instanceof Double x ? x : null; }
    public Boolean getB20() { return v[20] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL20() { return v[20] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD20() { return v[20] instanceof Long x ? x : null; }
    public boolean isP20() { return (present & (1L << 20)) != 0; }
    public String getS21() { return v[21] instanceof String x ? x : null; }
    public Double getN21() { return v[21] instanceof Double x ? x : null; }
    public Boolean getB21() { return v[21] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL21() { return v[21] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD21() { return v[21] instanceof Long x ? x : null; }
    public boolean isP21() { return (present & (1L << 21)) != 0; }
    public String getS22() { return v[22] instanceof String x ? x : null; }
    public Double getN22() { return v[22] instanceof Double x ? x : null; }
    public Boolean getB22() { return v[22] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL22() { return v[22] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD22() { return v[22] instanceof Long x ? x : null; }
    public boolean isP22() { return (present & (1L << 22)) != 0; }
    public String getS23() { return v[23] instanceof String x ? x : null; }
    public Double getN23() { return v[23] instanceof Double x ? x : null; }
    public Boolean getB23() { return v[23] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL23() { return v[23] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD23() { return v[23] instanceof Long x ? x : null; }
    public boolean isP23() { return (present & (1L << 23)) != 0; }
    public String getS24() { return v[24] instanceof String x ? x : null; }
    public Double getN24() { return v[24] instanceof Double x ? x : null; }
    public Boolean getB24() { return v[24] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL24() { return v[24] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD24() { return v[24] instanceof Long x ? x : null; }
    public boolean isP24() { return (present & (1L << 24)) != 0; }
    public String getS25() { return v[25] instanceof String x ? x : null; }
    public Double getN25() { return v[25] instanceof Double x ? x : null; }
    public Boolean getB25() { return v[25] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL25() { return v[25] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD25() { return v[25] instanceof Long x ? x : null; }
    public boolean isP25() { return (present & (1L << 25)) != 0; }
    public String getS26() { return v[26] instanceof String x ? x : null; }
    public Double getN26() { return v[26] instanceof Double x ? x : null; }
    public Boolean getB26() { return v[26] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL26() { return v[26] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD26() { return v[26] instanceof Long x ? x : null; }
    public boolean isP26() { return (present & (1L << 26)) != 0; }
    public String getS27() { return v[27] instanceof String x ? x : null; }
    public Double getN27() { return v[27] instanceof Double x ? x : null; }
    public Boolean getB27() { return v[27] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL27() { return v[27] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD27() { return v[27] instanceof Long x ? x : null; }
    public boolean isP27() { return (present & (1L << 27)) != 0; }
    public String getS28() { return v[28] instanceof String x ? x : null; }
    public Double getN28() { return v[28] instanceof Double x ? x : null; }
    public Boolean getB28() { return v[28] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL28() { return v[28] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD28() { return v[28] instanceof Long x ? x : null; }
    public boolean isP28() { return (present & (1L << 28)) != 0; }
    public String getS29() { return v[29] instanceof String x ? x : null; }
    public Double getN29() { return v[29] instanceof Double x ? x : null; }
    public Boolean getB29() { return v[29] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL29() { return v[29] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD29() { return v[29] instanceof Long x ? x : null; }
    public boolean isP29() { return (present & (1L << 29)) != 0; }
    public String getS30() { return v[30] instanceof String x ? x : null; }
    public Double getN30() { return v[30] instanceof Double x ? x : null; }
    public Boolean getB30() { return v[30] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL30() { return v[30] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD30() { return v[30] instanceof Long x ? x : null; }
    public boolean isP30() { return (present & (1L << 30)) != 0; }
    public String getS31() { return v[31] instanceof String x ? x : null; }
    public Double getN31() { return v[31] instanceof Double x ? x : null; }
    public Boolean getB31() { return v[31] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL31() { return v[31] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD31() { return v[31] instanceof Long x ? x : null; }
    public boolean isP31() { return (present & (1L << 31)) != 0; }
    public String getS32() { return v[32] instanceof String x ? x : null; }
    public Double getN32() { return v[32] instanceof Double x ? x : null; }
    public Boolean getB32() { return v[32] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL32() { return v[32] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD32() { return v[32] instanceof Long x ? x : null; }
    public boolean isP32() { return (present & (1L << 32)) != 0; }
    public String getS33() { return v[33] instanceof String x ? x : null; }
    public Double getN33() { return v[33] instanceof Double x ? x : null; }
    public Boolean getB33() { return v[33] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL33() { return v[33] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD33() { return v[33] instanceof Long x ? x : null; }
    public boolean isP33() { return (present & (1L << 33)) != 0; }
    public String getS34() { return v[34] instanceof String x ? x : null; }
    public Double getN34() { return v[34] instanceof Double x ? x : null; }
    public Boolean getB34() { return v[34] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL34() { return v[34] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD34() { return v[34] instanceof Long x ? x : null; }
    public boolean isP34() { return (present & (1L << 34)) != 0; }
    public String getS35() { return v[35] instanceof String x ? x : null; }
    public Double getN35() { return v[35] instanceof Double x ? x : null; }
    public Boolean getB35() { return v[35] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL35() { return v[35] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD35() { return v[35] instanceof Long x ? x : null; }
    public boolean isP35() { return (present & (1L << 35)) != 0; }
    public String getS36() { return v[36] instanceof String x ? x : null; }
    public Double getN36() { return v[36] instanceof Double x ? x : null; }
    public Boolean getB36() { return v[36] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL36() { return v[36] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD36() { return v[36] instanceof Long x ? x : null; }
    public boolean isP36() { return (present & (1L << 36)) != 0; }
    public String getS37() { return v[37] instanceof String x ? x : null; }
    public Double getN37() { return v[37] instanceof Double x ? x : null; }
    public Boolean getB37() { return v[37] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL37() { return v[37] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD37() { return v[37] instanceof Long x ? x : null; }
    public boolean isP37() { return (present & (1L << 37)) != 0; }
    public String getS38() { return v[38] instanceof String x ? x : null; }
    public Double getN38() { return v[38] instanceof Double x ? x : null; }
    public Boolean getB38() { return v[38] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL38() { return v[38] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD38() { return v[38] instanceof Long x ? x : null; }
    public boolean isP38() { return (present & (1L << 38)) != 0; }
    public String getS39() { return v[39] instanceof String x ? x : null; }
    public Double getN39() { return v[39] instanceof Double x ? x : null; }
    public Boolean getB39() { return v[39] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL39() { return v[39] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD39() { return v[39] instanceof Long x ? x : null; }
    public boolean isP39() { return (present & (1L << 39)) != 0; }
    public String getS40() { return v[40] instanceof String x ? x : null; }
    public Double getN40() { return v[40] instanceof Double x ? x : null; }
    public Boolean getB40() { return v[40] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL40() { return v[40] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD40() { return v[40] instanceof Long x ? x : null; }
    public boolean isP40() { return (present & (1L << 40)) != 0; }
    public String getS41() { return v[41] instanceof String x ? x : null; }
    public Double getN41() { return v[41] instanceof Double x ? x : null; }
    public Boolean getB41() { return v[41] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL41() { return v[41] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD41() { return v[41] instanceof Long x ? x : null; }
    public boolean isP41() { return (present & (1L << 41)) != 0; }
    public String getS42() { return v[42] instanceof String x ? x : null; }
    public Double getN42() { return v[42] instanceof Double x ? x : null; }
    public Boolean getB42() { return v[42] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL42() { return v[42] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD42() { return v[42] instanceof Long x ? x : null; }
    public boolean isP42() { return (present & (1L << 42)) != 0; }
    public String getS43() { return v[43] instanceof String x ? x : null; }
    public Double getN43() { return v[43] instanceof Double x ? x : null; }
    public Boolean getB43() { return v[43] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL43() { return v[43] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD43() { return v[43] instanceof Long x ? x : null; }
    public boolean isP43() { return (present & (1L << 43)) != 0; }
    public String getS44() { return v[44] instanceof String x ? x : null; }
    public Double getN44() { return v[44] instanceof Double x ? x : null; }
    public Boolean getB44() { return v[44] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL44() { return v[44] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD44() { return v[44] instanceof Long x ? x : null; }
    public boolean isP44() { return (present & (1L << 44)) != 0; }
    public String getS45() { return v[45] instanceof String x ? x : null; }
    public Double getN45() { return v[45] instanceof Double x ? x : null; }
    public Boolean getB45() { return v[45] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL45() { return v[45] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD45() { return v[45] instanceof Long x ? x : null; }
    public boolean isP45() { return (present & (1L << 45)) != 0; }
    public String getS46() { return v[46] instanceof String x ? x : null; }
    public Double getN46() { return v[46] instanceof Double x ? x : null; }
    public Boolean getB46() { return v[46] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL46() { return v[46] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD46() { return v[46] instanceof Long x ? x : null; }
    public boolean isP46() { return (present & (1L << 46)) != 0; }
    public String getS47() { return v[47] instanceof String x ? x : null; }
    public Double getN47() { return v[47] instanceof Double x ? x : null; }
    public Boolean getB47() { return v[47] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL47() { return v[47] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD47() { return v[47] instanceof Long x ? x : null; }
    public boolean isP47() { return (present & (1L << 47)) != 0; }
    public String getS48() { return v[48] instanceof String x ? x : null; }
    public Double getN48() { return v[48] instanceof Double x ? x : null; }
    public Boolean getB48() { return v[48] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL48() { return v[48] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD48() { return v[48] instanceof Long x ? x : null; }
    public boolean isP48() { return (present & (1L << 48)) != 0; }
    public String getS49() { return v[49] instanceof String x ? x : null; }
    public Double getN49() { return v[49] instanceof Double x ? x : null; }
    public Boolean getB49() { return v[49] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL49() { return v[49] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD49() { return v[49] instanceof Long x ? x : null; }
    public boolean isP49() { return (present & (1L << 49)) != 0; }
    public String getS50() { return v[50] instanceof String x ? x : null; }
    public Double getN50() { return v[50] instanceof Double x ? x : null; }
    public Boolean getB50() { return v[50] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL50() { return v[50] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD50() { return v[50] instanceof Long x ? x : null; }
    public boolean isP50() { return (present & (1L << 50)) != 0; }
    public String getS51() { return v[51] instanceof String x ? x : null; }
    public Double getN51() { return v[51] instanceof Double x ? x : null; }
    public Boolean getB51() { return v[51] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL51() { return v[51] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD51() { return v[51] instanceof Long x ? x : null; }
    public boolean isP51() { return (present & (1L << 51)) != 0; }
    public String getS52() { return v[52] instanceof String x ? x : null; }
    public Double getN52() { return v[52] instanceof Double x ? x : null; }
    public Boolean getB52() { return v[52] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL52() { return v[52] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD52() { return v[52] instanceof Long x ? x : null; }
    public boolean isP52() { return (present & (1L << 52)) != 0; }
    public String getS53() { return v[53] instanceof String x ? x : null; }
    public Double getN53() { return v[53] instanceof Double x ? x : null; }
    public Boolean getB53() { return v[53] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL53() { return v[53] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD53() { return v[53] instanceof Long x ? x : null; }
    public boolean isP53() { return (present & (1L << 53)) != 0; }
    public String getS54() { return v[54] instanceof String x ? x : null; }
    public Double getN54() { return v[54] instanceof Double x ? x : null; }
    public Boolean getB54() { return v[54] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL54() { return v[54] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD54() { return v[54] instanceof Long x ? x : null; }
    public boolean isP54() { return (present & (1L << 54)) != 0; }
    public String getS55() { return v[55] instanceof String x ? x : null; }
    public Double getN55() { return v[55] instanceof Double x ? x : null; }
    public Boolean getB55() { return v[55] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL55() { return v[55] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD55() { return v[55] instanceof Long x ? x : null; }
    public boolean isP55() { return (present & (1L << 55)) != 0; }
    public String getS56() { return v[56] instanceof String x ? x : null; }
    public Double getN56() { return v[56] instanceof Double x ? x : null; }
    public Boolean getB56() { return v[56] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL56() { return v[56] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD56() { return v[56] instanceof Long x ? x : null; }
    public boolean isP56() { return (present & (1L << 56)) != 0; }
    public String getS57() { return v[57] instanceof String x ? x : null; }
    public Double getN57() { return v[57] instanceof Double x ? x : null; }
    public Boolean getB57() { return v[57] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL57() { return v[57] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD57() { return v[57] instanceof Long x ? x : null; }
    public boolean isP57() { return (present & (1L << 57)) != 0; }
    public String getS58() { return v[58] instanceof String x ? x : null; }
    public Double getN58() { return v[58] instanceof Double x ? x : null; }
    public Boolean getB58() { return v[58] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL58() { return v[58] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD58() { return v[58] instanceof Long x ? x : null; }
    public boolean isP58() { return (present & (1L << 58)) != 0; }
    public String getS59() { return v[59] instanceof String x ? x : null; }
    public Double getN59() { return v[59] instanceof Double x ? x : null; }
    public Boolean getB59() { return v[59] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL59() { return v[59] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD59() { return v[59] instanceof Long x ? x : null; }
    public boolean isP59() { return (present & (1L << 59)) != 0; }
    public String getS60() { return v[60] instanceof String x ? x : null; }
    public Double getN60() { return v[60] instanceof Double x ? x : null; }
    public Boolean getB60() { return v[60] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL60() { return v[60] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD60() { return v[60] instanceof Long x ? x : null; }
    public boolean isP60() { return (present & (1L << 60)) != 0; }
    public String getS61() { return v[61] instanceof String x ? x : null; }
    public Double getN61() { return v[61] instanceof Double x ? x : null; }
    public Boolean getB61() { return v[61] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL61() { return v[61] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD61() { return v[61] instanceof Long x ? x : null; }
    public boolean isP61() { return (present & (1L << 61)) != 0; }
    public String getS62() { return v[62] instanceof String x ? x : null; }
    public Double getN62() { return v[62] instanceof Double x ? x : null; }
    public Boolean getB62() { return v[62] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL62() { return v[62] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD62() { return v[62] instanceof Long x ? x : null; }
    public boolean isP62() { return (present & (1L << 62)) != 0; }
    public String getS63() { return v[63] instanceof String x ? x : null; }
    public Double getN63() { return v[63] instanceof Double x ? x : null; }
    public Boolean getB63() { return v[63] instanceof Boolean x ? x : null; }
    @SuppressWarnings("unchecked")
    public Set<String> getL63() { return v[63] instanceof Set<?> x ? (Set<String>) x : null; }
    public Long getD63() { return v[63] instanceof Long x ? x : null; }
    public boolean isP63() { return (present & (1L << 63)) != 0; }}
