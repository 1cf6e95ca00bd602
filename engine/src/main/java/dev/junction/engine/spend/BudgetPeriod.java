package dev.junction.engine.spend;

/**
 * A budget's window, in UTC (which has no daylight saving time, so every day has 24 hours): a calendar day, a calendar
 * month (from the 1st, 00:00 UTC), or one fixed period from {@code startsAt} to {@code endsAt}.
 */
public enum BudgetPeriod {
    DAY("day"),
    MONTH("month"),
    FIXED("fixed");

    private final String wire;

    BudgetPeriod(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static java.util.Optional<BudgetPeriod> parse(String wire) {
        for (BudgetPeriod p : values()) if (p.wire.equals(wire)) return java.util.Optional.of(p);
        return java.util.Optional.empty();
    }
}
