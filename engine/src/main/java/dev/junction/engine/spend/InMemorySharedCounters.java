package dev.junction.engine.spend;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link SharedCounters} in this process's memory: for one gateway without a database and for tests (several
 * {@link Quotas} sharing one of these behave like instances sharing PostgreSQL). Every method is atomic (one lock),
 * with the interface's exact semantics.
 */
public final class InMemorySharedCounters implements SharedCounters {
    private record Row(long total, Instant expires) {}

    private record Lease(long slots, Instant expires) {}

    private final Map<Key, Row> rows = new HashMap<>();
    private final Map<String, Map<String, Lease>> leases = new HashMap<>();
    private final Clock clock;

    public InMemorySharedCounters() {
        this(Clock.systemUTC());
    }

    /** @param clock what decides which leases have expired (the instances' clock, in tests) */
    public InMemorySharedCounters(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Grant claim(Key key, long want, long cap, Instant expires) {
        long total = total(key);
        long granted = Math.max(0, Math.min(want, cap - total));
        rows.put(key, new Row(total + granted, later(key, expires)));
        return new Grant(granted, total + granted);
    }

    @Override
    public synchronized Map<Key, Long> add(Map<Key, Long> deltas, Instant expires) {
        Map<Key, Long> out = new LinkedHashMap<>();
        deltas.forEach((key, delta) -> {
            long total = total(key) + delta;
            rows.put(key, new Row(total, later(key, expires)));
            out.put(key, total);
        });
        return out;
    }

    @Override
    public synchronized Map<Key, Long> read(Collection<Key> keys) {
        Map<Key, Long> out = new LinkedHashMap<>();
        for (Key key : keys) out.put(key, total(key));
        return out;
    }

    @Override
    public synchronized long lease(String name, String instance, long want, long cap, Instant expires) {
        Map<String, Lease> byInstance = leases.computeIfAbsent(name, n -> new HashMap<>());
        Instant at = clock.instant();
        long others = 0;
        for (Map.Entry<String, Lease> e : byInstance.entrySet()) {
            if (!e.getKey().equals(instance) && e.getValue().expires().isAfter(at)) others += e.getValue().slots();
        }
        long granted = Math.max(0, Math.min(want, cap - others));
        byInstance.put(instance, new Lease(granted, expires));
        return granted;
    }

    @Override
    public synchronized void purge(Instant now) {
        rows.values().removeIf(r -> r.expires().isBefore(now));
        for (Map<String, Lease> byInstance : leases.values()) byInstance.values().removeIf(l -> l.expires().isBefore(now));
        leases.values().removeIf(Map::isEmpty);
    }

    /** The total of one counter (0 when absent), for tests. */
    public synchronized long total(Key key) {
        Row row = rows.get(key);
        return row == null ? 0 : row.total();
    }

    private Instant later(Key key, Instant expires) {
        Row row = rows.get(key);
        return row == null || expires.isAfter(row.expires()) ? expires : row.expires();
    }
}
