package dev.junction.engine.spend;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The windows limits and budgets are counted in, all in UTC: a calendar minute (rate limits), a calendar day, a
 * calendar month (from the 1st, 00:00 UTC, to the 1st of the next month: 28, 29, 30 or 31 days, February 2028 has
 * 29), or one fixed period. UTC has no daylight saving time: every day has exactly 24 hours and no hour repeats or
 * goes missing, whatever the servers' or the users' zone. Times are epoch milliseconds, so the hot path allocates
 * nothing; a window is computed again only when the clock leaves it.
 */
public final class Windows {
    public static final long MINUTE_MS = 60_000L;
    public static final long DAY_MS = 86_400_000L;

    private Windows() {}

    /** How one kind of window is laid on the time line. */
    public interface Period {
        /** The start of the window holding {@code now}; for a fixed period, its start whatever {@code now}. */
        long start(long now);

        /** The end (exclusive) of the window that starts at {@code start}. */
        long end(long start);
    }

    public static final Period MINUTE = new Period() {
        @Override public long start(long now) { return Math.floorDiv(now, MINUTE_MS) * MINUTE_MS; }
        @Override public long end(long start) { return start + MINUTE_MS; }
    };

    public static final Period DAY = new Period() {
        @Override public long start(long now) { return Math.floorDiv(now, DAY_MS) * DAY_MS; }
        @Override public long end(long start) { return start + DAY_MS; }
    };

    public static final Period MONTH = new Period() {
        @Override public long start(long now) {
            LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(now, DAY_MS)).withDayOfMonth(1);
            return d.toEpochDay() * DAY_MS;
        }

        @Override public long end(long start) {
            return LocalDate.ofEpochDay(Math.floorDiv(start, DAY_MS)).plusMonths(1).toEpochDay() * DAY_MS;
        }
    };

    /** One period from {@code from} to {@code to} (exclusive): it has no next window. */
    public static Period fixed(Instant from, Instant to) {
        long s = from.toEpochMilli();
        long e = to.toEpochMilli();
        return new Period() {
            @Override public long start(long now) { return s; }
            @Override public long end(long start) { return e; }
        };
    }

    /** The period of a budget: its day, its month, or its fixed {@code startsAt..endsAt}. */
    public static Period of(Budget budget) {
        return switch (budget.period()) {
            case DAY -> DAY;
            case MONTH -> MONTH;
            case FIXED -> fixed(budget.startsAt(), budget.endsAt());
        };
    }

    /** The window of {@code period} that holds {@code now}: its start and its end (exclusive). */
    public record Window(Instant start, Instant end) {}

    public static Window at(Period period, Instant now) {
        long start = period.start(now.toEpochMilli());
        return new Window(Instant.ofEpochMilli(start), Instant.ofEpochMilli(period.end(start)));
    }

    /** A budget applies at {@code now}: always for a day or a month, within {@code startsAt..endsAt} for a fixed one. */
    public static boolean applies(Budget budget, long now) {
        if (budget.period() != BudgetPeriod.FIXED) return true;
        return budget.startsAt() != null && budget.endsAt() != null
                && now >= budget.startsAt().toEpochMilli() && now < budget.endsAt().toEpochMilli();
    }
}
