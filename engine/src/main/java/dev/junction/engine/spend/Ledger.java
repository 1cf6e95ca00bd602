package dev.junction.engine.spend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every member's spend meters: per scope and member a UTC day and a UTC month ({@code spend.day:<scope>:<member>},
 * {@code spend.month:...}), kept with or without a budget (routing reads them), and per fixed-period budget and
 * member one for its period ({@code spend.fixed:<budget id>:<member>}). At most {@code maxMembers} meters are kept:
 * beyond that the sync forgets the least recently used idle ones (a forgotten member reads its shared total again
 * when next seen, 0 until the sync after). Thread-safe.
 */
final class Ledger {
    /** A member's day and month. */
    record Member(SpendMeter day, SpendMeter month) {}

    private final Map<Scope, ConcurrentHashMap<String, Member>> members = new EnumMap<>(Scope.class);
    private final ConcurrentHashMap<String, ConcurrentHashMap<String, SpendMeter>> fixed = new ConcurrentHashMap<>();
    /** What meters that rolled into a new window still owed their old one. */
    final Map<SharedCounters.Key, Long> orphans = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();
    /** The meters the next sync visits. */
    final Dirty<SpendMeter> dirty = new Dirty<>();
    private final int maxMembers;
    private final long graceMs;

    Ledger(int maxMembers, long graceMs) {
        this.maxMembers = maxMembers;
        this.graceMs = graceMs;
        for (Scope s : Scope.values()) members.put(s, new ConcurrentHashMap<>());
    }

    Member member(Scope scope, String member) {
        ConcurrentHashMap<String, Member> byMember = members.get(scope);
        Member m = byMember.get(member);
        if (m != null) return m;
        return byMember.computeIfAbsent(member, k -> {
            size.incrementAndGet();
            String name = scope.wire() + ":" + k;
            return new Member(new SpendMeter("day:" + name, Windows.DAY, graceMs, dirty),
                    new SpendMeter("month:" + name, Windows.MONTH, graceMs, dirty));
        });
    }

    /** The member's meter, or null when this instance has not seen it. */
    Member peek(Scope scope, String member) {
        return members.get(scope).get(member);
    }

    SpendMeter fixed(Budget budget, String member) {
        ConcurrentHashMap<String, SpendMeter> byMember = fixed.computeIfAbsent(fixedKey(budget), k -> new ConcurrentHashMap<>());
        SpendMeter m = byMember.get(member);
        if (m != null) return m;
        return byMember.computeIfAbsent(member, k -> {
            size.incrementAndGet();
            return new SpendMeter("fixed:" + budget.id() + ":" + k, Windows.of(budget), graceMs, dirty);
        });
    }

    SpendMeter peekFixed(Budget budget, String member) {
        ConcurrentHashMap<String, SpendMeter> byMember = fixed.get(fixedKey(budget));
        return byMember == null ? null : byMember.get(member);
    }

    /** Members of {@code scope} this instance knows, with their meters. */
    Map<String, Member> members(Scope scope) {
        return members.get(scope);
    }

    Map<String, SpendMeter> fixedMembers(Budget budget) {
        ConcurrentHashMap<String, SpendMeter> byMember = fixed.get(fixedKey(budget));
        return byMember == null ? Map.of() : byMember;
    }

    /** Forgets the meters of fixed budgets that no longer exist. */
    /**
     * A fixed budget's meters are kept by its id and its dates: a budget whose dates were changed gets meters of its
     * new window (the old ones, with their window, are dropped by {@link #retainFixed}).
     */
    static String fixedKey(Budget budget) {
        return budget.id() + "@" + budget.startsAt().toEpochMilli() + "-" + budget.endsAt().toEpochMilli();
    }

    /** Keeps the meters of these fixed budgets ({@link #fixedKey}s), drops the rest. */
    void retainFixed(java.util.Set<String> budgetIds) {
        fixed.entrySet().removeIf(e -> {
            if (budgetIds.contains(e.getKey())) return false;
            size.addAndGet(-e.getValue().size());
            e.getValue().values().forEach(m -> m.abandon(orphans)); // owed at the next sync, less unspent allowance
            return true;
        });
    }

    int size() {
        return size.get();
    }

    /** Forgets the least recently used idle meters until 90 % of the cap is left; called by the sync. */
    void evict() {
        if (size.get() <= maxMembers) return;
        record Entry(long lastUsed, Runnable remove) {}
        List<Entry> idle = new ArrayList<>();
        members.forEach((scope, byMember) -> byMember.forEach((member, m) -> {
            if (m.day().idle() && m.month().idle()) {
                idle.add(new Entry(Math.max(m.day().lastUsed, m.month().lastUsed), () -> {
                    if (byMember.remove(member, m)) size.decrementAndGet();
                }));
            }
        }));
        fixed.forEach((id, byMember) -> byMember.forEach((member, m) -> {
            if (m.idle()) idle.add(new Entry(m.lastUsed, () -> {
                if (byMember.remove(member, m)) size.decrementAndGet();
            }));
        }));
        idle.sort(Comparator.comparingLong(Entry::lastUsed));
        int target = maxMembers * 9 / 10;
        for (Entry e : idle) {
            if (size.get() <= target) break;
            e.remove().run();
        }
    }
}
