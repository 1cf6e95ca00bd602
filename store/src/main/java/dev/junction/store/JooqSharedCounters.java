package dev.junction.store;

import dev.junction.engine.spend.SharedCounters;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The counters every instance on the database shares, in PostgreSQL (tables {@code quota_counters} and
 * {@code quota_leases}, V013). Each method is one statement, so one round trip, and atomic across connections and
 * instances:
 * <ul>
 *   <li>{@link #claim} is one {@code INSERT ... ON CONFLICT DO UPDATE}: PostgreSQL locks the counter's row, and the
 *   grant {@code max(0, min(want, cap - total))} is computed from the row's latest committed total under that lock,
 *   so concurrent claims queue on the row and together never take it past the cap. A total already past the cap
 *   (through {@link #add}) grants 0, never a negative amount.</li>
 *   <li>{@link #add} upserts every counter in one statement ({@code unnest} of three arrays), in (name, window)
 *   order, so two concurrent adds over the same counters lock them in the same order and cannot deadlock.</li>
 *   <li>{@link #lease} calls the function {@code quota_lease}, which takes a transaction-scoped advisory lock on the
 *   name before it sums the other instances' unexpired leases (in a statement with a fresh snapshot) and writes its
 *   own: instances lease a name one at a time, so the leases together never exceed the cap. Leases are compared
 *   with this instance's {@code clock}; instances whose clocks disagree by {@code d} see each other's leases end
 *   up to {@code d} early or late.</li>
 * </ul>
 * Windows are kept to the microsecond (PostgreSQL's precision): two keys whose windows differ by less are the same
 * counter. Needs READ COMMITTED, PostgreSQL's default (the lease function refuses to run under another isolation).
 */
public final class JooqSharedCounters implements SharedCounters {
    private static final String CLAIM = """
            INSERT INTO quota_counters AS c (name, window_start, total, last_grant, expires_at)
            VALUES (?, ?::timestamptz, ?, ?, ?::timestamptz)
            ON CONFLICT (name, window_start) DO UPDATE
            SET last_grant = GREATEST(0, LEAST(?::bigint, ?::bigint - c.total)),
                total = c.total + GREATEST(0, LEAST(?::bigint, ?::bigint - c.total)),
                expires_at = GREATEST(c.expires_at, excluded.expires_at)
            RETURNING last_grant, total""";
    private static final String ADD = """
            INSERT INTO quota_counters AS c (name, window_start, total, expires_at)
            SELECT u.name, u.window_start, u.delta, ?::timestamptz
            FROM unnest(?::text[], ?::timestamptz[], ?::bigint[]) AS u (name, window_start, delta)
            ORDER BY u.name, u.window_start
            ON CONFLICT (name, window_start) DO UPDATE
            SET total = c.total + excluded.total, expires_at = GREATEST(c.expires_at, excluded.expires_at)
            RETURNING name, window_start, total""";
    private static final String READ = """
            SELECT c.name, c.window_start, c.total FROM quota_counters c
            WHERE (c.name, c.window_start) IN (SELECT * FROM unnest(?::text[], ?::timestamptz[]))""";
    private static final String LEASE = "SELECT quota_lease(?, ?, ?, ?, ?::timestamptz, ?::timestamptz)";
    // rows another transaction is writing are skipped (dropped by the next purge): a purge never waits, and never
    // deadlocks with an add that locks the same rows in another order
    private static final String PURGE = """
            WITH counters AS (
                DELETE FROM quota_counters WHERE (name, window_start) IN (
                    SELECT name, window_start FROM quota_counters WHERE expires_at < ?::timestamptz
                    FOR UPDATE SKIP LOCKED)
                RETURNING 1)
            DELETE FROM quota_leases WHERE (name, instance) IN (
                SELECT name, instance FROM quota_leases WHERE expires_at < ?::timestamptz FOR UPDATE SKIP LOCKED)""";

    private final DSLContext dsl;
    private final Clock clock;

    /** {@code clock} tells which leases have expired (the same clock the caller computes their expiry with). */
    public JooqSharedCounters(DSLContext dsl, Clock clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    @Override
    public Grant claim(Key key, long want, long cap, Instant expires) {
        if (want < 0) throw new IllegalArgumentException("cannot claim a negative amount: " + want);
        long first = Math.max(0, Math.min(want, cap));
        Record r = dsl.resultQuery(CLAIM, key.name(), utc(exact(key).window()), first, first, utc(expires),
                want, cap, want, cap).fetchOne();
        return new Grant(r.get(0, Long.class), r.get(1, Long.class));
    }

    @Override
    public Map<Key, Long> add(Map<Key, Long> deltas, Instant expires) {
        if (deltas.isEmpty()) return Map.of();
        // keys that are one counter at PostgreSQL's precision are summed (one statement may not update a row twice)
        Map<Key, Long> merged = new LinkedHashMap<>();
        deltas.forEach((k, d) -> merged.merge(exact(k), d, Math::addExact));
        int n = merged.size();
        String[] names = new String[n];
        OffsetDateTime[] windows = new OffsetDateTime[n];
        Long[] values = new Long[n];
        int i = 0;
        for (Map.Entry<Key, Long> e : merged.entrySet()) {
            names[i] = e.getKey().name();
            windows[i] = utc(e.getKey().window());
            values[i++] = e.getValue();
        }
        Map<Key, Long> totals = totals(dsl.resultQuery(ADD, utc(expires), names, windows, values).fetch());
        Map<Key, Long> out = new HashMap<>();
        for (Key k : deltas.keySet()) out.put(k, totals.get(exact(k)));
        return out;
    }

    @Override
    public Map<Key, Long> read(Collection<Key> keys) {
        if (keys.isEmpty()) return Map.of();
        List<String> names = new ArrayList<>(keys.size());
        List<OffsetDateTime> windows = new ArrayList<>(keys.size());
        for (Key k : keys) {
            names.add(k.name());
            windows.add(utc(exact(k).window()));
        }
        Map<Key, Long> totals = totals(dsl.resultQuery(READ, names.toArray(String[]::new),
                windows.toArray(OffsetDateTime[]::new)).fetch());
        Map<Key, Long> out = new HashMap<>();
        for (Key k : keys) out.put(k, totals.getOrDefault(exact(k), 0L));
        return out;
    }

    @Override
    public long lease(String name, String instance, long want, long cap, Instant expires) {
        if (want < 0) throw new IllegalArgumentException("cannot lease a negative number of slots: " + want);
        return dsl.resultQuery(LEASE, name, instance, want, cap, utc(clock.instant()), utc(expires)).fetchOne(0, Long.class);
    }

    @Override
    public void purge(Instant now) {
        dsl.execute(PURGE, utc(now), utc(now));
    }

    private static Map<Key, Long> totals(Iterable<? extends Record> rows) {
        Map<Key, Long> totals = new HashMap<>();
        for (Record r : rows) {
            totals.put(new Key(r.get(0, String.class), r.get(1, OffsetDateTime.class).toInstant()), r.get(2, Long.class));
        }
        return totals;
    }

    /** The key as PostgreSQL keeps it: its window to the microsecond. */
    private static Key exact(Key key) {
        Instant w = key.window().truncatedTo(ChronoUnit.MICROS);
        return w.equals(key.window()) ? key : new Key(key.name(), w);
    }

    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
