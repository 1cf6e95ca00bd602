package dev.junction.engine.spend;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The current use of every rate limit and budget, for the API, the panel and {@code /metrics}; and the reload hook. */
public interface QuotaUsage {
    /**
     * One limit or budget for one member: {@code what} is {@code requests}, {@code tokens}, {@code concurrent} or
     * {@code budget} (USD); {@code used} counts every instance's use as of the last sync.
     */
    record Use(UUID id, String what, Scope scope, String member, BigDecimal used, BigDecimal limit,
               Instant windowStart, Instant resetsAt) {}

    /** Every limit and budget, with each member seen in its current window (a "*" target: one per member). */
    List<Use> current();

    /** Reads the limits and budgets again from the store (after the API changed them, or another instance did). */
    void reload();
}
