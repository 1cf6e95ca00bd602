package dev.junction.engine.spend;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rate limits and budgets on the request's path, one per gateway instance: the limits and budgets are held in memory
 * ({@link #reload}), every counter is a local allowance claimed in chunks from the {@link SharedCounters} that every
 * instance sharing the database sees, and a background sync ({@link #start}, every {@code syncInterval}; tests call
 * {@link #syncNow}) flushes what was spent, gives back what an idle instance holds, refills what runs low, renews the
 * concurrency leases and reads the totals routing ({@link SpendView}) and the API ({@link QuotaUsage}) show. A request
 * waits for the shared counters only when an allowance it needs has run dry.
 *
 * <p>What is guaranteed, across any number of instances sharing the counters:
 * <ul>
 *   <li><b>Requests per minute</b>: at most the limit are admitted in each UTC minute, exactly: a claim never takes a
 *       counter past its cap, and a request is admitted only out of a claimed allowance. The price is
 *       under-admission: an allowance another instance holds unused (at most an eighth of what was left when it
 *       claimed) comes back at that instance's next sync, so a request may be refused with room left for up to two
 *       sync intervals.</li>
 *   <li><b>Tokens per minute</b>: a request reserves its estimate (prompt plus the most the answer may take) and is
 *       corrected with its real usage when it ends. Within a minute the tokens admitted stay within the limit plus
 *       what requests in flight used beyond their estimates (their overdraw is added to the shared counter at the
 *       next sync); a correction that arrives in a later minute is dropped (that window has nothing left to
 *       enforce). A request whose estimate alone exceeds the limit is always refused.</li>
 *   <li><b>Concurrent requests</b>: at most the limit are in flight, as long as instances renew their leases; a lease
 *       lasts {@code leaseTime} and is renewed every third of it, so the slots of an instance that dies (SIGKILL)
 *       come back at most {@code leaseTime} later (10 s by default). An instance that cannot reach the counters for
 *       longer than that may overshoot by what it holds.</li>
 *   <li><b>Hard budgets</b>: a request reserves its estimated cost (a request whose estimate does not fit in what is
 *       left is refused) and spends its real cost when it ends. Spend in a window stays within the budget plus what
 *       requests cost beyond their reservations before the instances' next sync (each instance leaves room for its
 *       own unflushed overdraw at once; another instance's shows at its next sync): with estimates that are not
 *       exceeded, within the budget exactly. Spend from before the budget was created counts (a day or month budget reads the member's spend
 *       counter); a fixed-period budget counts from its creation. A fixed budget applies from {@code startsAt} to
 *       {@code endsAt}: spent, it refuses until its end, and after its end it no longer applies.</li>
 *   <li><b>Spend</b> (every scope member, per UTC day and month, with or without a budget): flushed every sync and on
 *       {@link #close}; an instance killed without closing loses at most one sync interval of this instance's spend
 *       for the shared totals (the reservations it held are released in its counters with its windows). Totals read
 *       by routing lag other instances' spend by at most two sync intervals.</li>
 *   <li><b>Memory</b>: at most {@code maxMembers} (100,000 by default) spend members and as many rate-limit counters
 *       are kept; beyond that the least recently used idle ones are forgotten (their shared totals remain; a member
 *       seen again reads its total at the next sync).</li>
 *   <li>When the shared counters fail, requests are admitted on what this instance knows (a counter it knows to be
 *       used up still refuses), without waiting: after a failure no request calls the counters for
 *       {@link Shared#BACK_OFF_MS} (the sync keeps trying), and the failure is logged once a minute.</li>
 *   <li>A budget claim is at most an eighth of what is left and at most 16 times the request's estimate (or a cent),
 *       so what an instance killed without closing held stays claimed, lost to the window, within that; {@link #close}
 *       gives every claim back.</li>
 * </ul>
 * Every window is UTC ({@link Windows}): no daylight saving time. With no limit and no budget, {@link #admit} costs
 * one small object and a request's spend a few counter updates; with a rate limit and a budget on the key, admit,
 * settle and close take a few microseconds (p50 3 µs, p99 42 µs measured in {@code QuotasHotPathTest}, with fewer
 * than one shared-counter call per 50 requests, sync included). The sync visits only the counters touched since the
 * last one or still holding something, so its work follows the traffic, not the number of members.
 */
public final class Quotas implements QuotaGate, SpendView, QuotaUsage, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Quotas.class);
    static final BigDecimal NANOS = BigDecimal.valueOf(1_000_000_000L);
    /** Rate-limit counters are kept a minute after their window; spend counters 400 days (the spend charts). */
    private static final long RATE_GRACE_MS = 60_000L;
    private static final long SPEND_GRACE_MS = Duration.ofDays(400).toMillis();

    /**
     * @param syncInterval how often the background sync runs (100 ms by default)
     * @param leaseTime    how long a concurrency lease lasts unrenewed (10 s by default)
     * @param maxMembers   the most spend members, and rate-limit counters, kept in memory (100,000 by default)
     */
    /** Set by {@link #close}: the last sync gives back all budget allowance. */
    private volatile boolean closing;

    public record Settings(Duration syncInterval, Duration leaseTime, int maxMembers) {
        public static final Settings DEFAULTS = new Settings(Duration.ofMillis(100), Duration.ofSeconds(10), 100_000);
    }

    /** One rate limit with its counters per member. */
    static final class LimitState {
        volatile RateLimit limit;
        final ConcurrentHashMap<String, Allowance> requests = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, Allowance> tokens = new ConcurrentHashMap<>();
        final ConcurrentHashMap<String, Slots> slots = new ConcurrentHashMap<>();

        LimitState(RateLimit limit) {
            this.limit = limit;
        }

        boolean appliesTo(String member) {
            return Scope.EACH.equals(limit.target()) || limit.target().equals(member);
        }
    }

    /** The limits and budgets in force, by scope; replaced whole on reload. */
    record Config(boolean any, Map<Scope, List<LimitState>> limits, Map<Scope, List<Budget>> budgets,
                  boolean modelBudgets, boolean fixedBudgets, List<LimitState> allLimits, List<Budget> allBudgets) {
        static final Config EMPTY = new Config(false, Map.of(), Map.of(), false, false, List.of(), List.of());

        List<LimitState> limits(Scope scope) {
            return limits.getOrDefault(scope, List.of());
        }

        List<Budget> budgets(Scope scope) {
            return budgets.getOrDefault(scope, List.of());
        }
    }

    private final QuotaStore store;
    private final Clock clock;
    private final Settings settings;
    final Shared shared;
    final Ledger ledger;
    private final AtomicInteger limitMembers = new AtomicInteger();
    private final Dirty<Allowance> dirtyAllowances = new Dirty<>();
    private final Dirty<Slots> dirtySlots = new Dirty<>();
    /** Rate-limit deltas a failed sync could not write, owed at the next. */
    private final Map<SharedCounters.Key, Long> rateOrphans = new ConcurrentHashMap<>();
    private volatile Config config = Config.EMPTY;
    private final Object syncLock = new Object();
    private long lastPurge;
    private ScheduledFuture<?> task;

    public Quotas(QuotaStore store, SharedCounters counters, Clock clock, String instance) {
        this(store, counters, clock, instance, Settings.DEFAULTS);
    }

    /** Reads the limits and budgets from {@code store} at once. */
    public Quotas(QuotaStore store, SharedCounters counters, Clock clock, String instance, Settings settings) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        this.shared = new Shared(counters, instance, settings.leaseTime().toMillis());
        this.ledger = new Ledger(settings.maxMembers(), SPEND_GRACE_MS);
        reload();
    }

    /** Runs the sync on {@code scheduler} every {@code syncInterval} until {@link #close}. */
    public synchronized void start(ScheduledExecutorService scheduler) {
        if (task != null) return;
        long every = settings.syncInterval().toMillis();
        task = scheduler.scheduleWithFixedDelay(this::syncQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** Stops the sync and flushes what this instance still owes the shared counters. */
    @Override
    public synchronized void close() {
        if (task != null) task.cancel(false);
        task = null;
        closing = true; // this last sync gives every budget allowance back: nobody here will spend it
        syncQuietly();
    }

    private void syncQuietly() {
        try {
            syncNow();
        } catch (RuntimeException e) {
            shared.failed("sync", e);
        }
    }

    // ---- configuration

    /** Synchronized: the API and this instance's own notification reload at once after a change. */
    @Override
    public synchronized void reload() {
        List<RateLimit> limits = store.limits();
        List<Budget> budgets = store.budgets();
        Map<UUID, LimitState> old = new HashMap<>();
        for (LimitState s : config.allLimits()) old.put(s.limit.id(), s);
        Map<Scope, List<LimitState>> byScope = new EnumMap<>(Scope.class);
        List<LimitState> all = new ArrayList<>();
        for (RateLimit l : limits) {
            if (l.scope() == null || !l.scope().forRateLimits() || l.target() == null) continue;
            LimitState s = old.get(l.id());
            if (s == null) {
                s = new LimitState(l);
            } else {
                s.limit = l;
                if (l.requestsPerMinute() != null) s.requests.values().forEach(a -> a.cap(l.requestsPerMinute()));
                if (l.tokensPerMinute() != null) s.tokens.values().forEach(a -> a.cap(l.tokensPerMinute()));
                if (l.concurrent() != null) s.slots.values().forEach(a -> a.cap(l.concurrent()));
            }
            byScope.computeIfAbsent(l.scope(), k -> new ArrayList<>()).add(s);
            all.add(s);
        }
        Map<Scope, List<Budget>> budgetsByScope = new EnumMap<>(Scope.class);
        List<Budget> allBudgets = new ArrayList<>();
        boolean modelBudgets = false;
        boolean fixedBudgets = false;
        Set<String> ids = new HashSet<>();
        for (Budget b : budgets) {
            if (b.scope() == null || b.target() == null || b.amountUsd() == null || b.period() == null) continue;
            if (b.period() == BudgetPeriod.FIXED && (b.startsAt() == null || b.endsAt() == null)) continue;
            budgetsByScope.computeIfAbsent(b.scope(), k -> new ArrayList<>()).add(b);
            allBudgets.add(b);
            modelBudgets |= b.hard() && (b.scope() == Scope.PROVIDER || b.scope() == Scope.MODEL);
            fixedBudgets |= b.period() == BudgetPeriod.FIXED;
            if (b.period() == BudgetPeriod.FIXED) ids.add(Ledger.fixedKey(b));
        }
        ledger.retainFixed(ids);
        config = new Config(!all.isEmpty() || !allBudgets.isEmpty(), byScope, budgetsByScope, modelBudgets, fixedBudgets,
                List.copyOf(all), List.copyOf(allBudgets));
    }

    Config config() {
        return config;
    }

    // ---- the request's path

    @Override
    public boolean enforcing() {
        return config.any();
    }

    @Override
    public Admission admit(Spender who, long estimatedTokens, BigDecimal estimatedCostUsd) {
        Config c = config;
        if (!c.any()) return new QuotaAdmission(this, c, who, 0, clock.millis());
        QuotaAdmission a = new QuotaAdmission(this, c, who, nanos(estimatedCostUsd), clock.millis());
        a.admit(Math.max(0, estimatedTokens));
        return a;
    }

    long now() {
        return clock.millis();
    }

    Allowance requests(LimitState s, String member) {
        return counter(s.requests, "rpm:" + s.limit.id(), member, s.limit.requestsPerMinute());
    }

    Allowance tokens(LimitState s, String member) {
        return counter(s.tokens, "tpm:" + s.limit.id(), member, s.limit.tokensPerMinute());
    }

    Slots slots(LimitState s, String member) {
        Slots found = s.slots.get(member);
        if (found != null) return found;
        return s.slots.computeIfAbsent(member, m -> {
            limitMembers.incrementAndGet();
            return new Slots("conc:" + s.limit.id() + ":" + m, s.limit.concurrent(), dirtySlots);
        });
    }

    private Allowance counter(ConcurrentHashMap<String, Allowance> map, String prefix, String member, long cap) {
        Allowance found = map.get(member);
        if (found != null) return found;
        return map.computeIfAbsent(member, m -> {
            limitMembers.incrementAndGet();
            return new Allowance(prefix + ":" + m, Windows.MINUTE, cap, RATE_GRACE_MS, dirtyAllowances);
        });
    }

    static long nanos(BigDecimal usd) {
        if (usd == null || usd.signum() <= 0) return 0;
        return usd.multiply(NANOS).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    static BigDecimal usd(long nanos) {
        return BigDecimal.valueOf(nanos, 9);
    }

    // ---- the sync

    /**
     * One sync, on the caller's thread: flushes spend and overdraws and gives back idle allowances (one
     * {@link SharedCounters#add} for rate counters, one for spend), refills allowances in use that ran low, reads
     * the totals of members seen since the last sync, renews or shrinks concurrency leases, and once a minute purges
     * expired counters and forgets members beyond the cap.
     *
     * @throws RuntimeException the shared counters failed: what this instance owed them is owed at the next sync
     */
    public void syncNow() {
        synchronized (syncLock) {
            long now = clock.millis();
            Config c = config;
            List<Allowance> allowances = dirtyAllowances.drain();
            List<SpendMeter> meters = ledger.dirty.drain();
            List<Slots> leases = dirtySlots.drain();
            try {
                sync(c, now, allowances, meters, leases);
            } finally {
                allowances.forEach(Allowance::visited);
                meters.forEach(SpendMeter::visited);
                leases.forEach(Slots::visited);
            }
            if (now - lastPurge >= Windows.MINUTE_MS) {
                lastPurge = now;
                ledger.evict();
                evictLimitMembers(c, now);
                shared.counters().purge(Instant.ofEpochMilli(now));
            }
        }
    }

    private void sync(Config c, long now, List<Allowance> allowances, List<SpendMeter> meters, List<Slots> leases) {
        Map<SharedCounters.Key, Long> rateDeltas = new HashMap<>();
        Map<SharedCounters.Key, Allowance> rateOwners = new HashMap<>();
        List<SharedCounters.Key> rateReads = new ArrayList<>();
        for (Allowance a : allowances) {
            long delta = a.flush(now);
            SharedCounters.Key key = a.key(now);
            rateOwners.put(key, a);
            if (delta != 0) rateDeltas.put(key, delta);
            else if (a.exhausted()) rateReads.add(key);
        }
        takeOwed(rateOrphans, rateDeltas);
        Map<SharedCounters.Key, Long> spendDeltas = new HashMap<>();
        Map<SharedCounters.Key, SpendMeter> spendOwners = new HashMap<>();
        List<SharedCounters.Key> spendReads = new ArrayList<>();
        for (SpendMeter m : meters) {
            int deltas = spendDeltas.size();
            int reads = spendReads.size();
            m.flush(now, spendDeltas, spendReads, ledger.orphans, closing);
            if (spendDeltas.size() != deltas || spendReads.size() != reads) {
                spendOwners.put(m.committedKey(), m);
                spendOwners.put(m.heldKey(), m);
            }
        }
        takeOwed(ledger.orphans, spendDeltas);
        // what could not be written is owed again at the next sync
        if (!rateDeltas.isEmpty()) {
            try {
                shared.counters().add(rateDeltas, Instant.ofEpochMilli(now + 2 * Windows.MINUTE_MS + RATE_GRACE_MS))
                        .forEach((k, v) -> seenRate(rateOwners, k, v));
            } catch (RuntimeException e) {
                rateDeltas.forEach((k, v) -> rateOrphans.merge(k, v, Long::sum));
                throw e;
            }
        }
        if (!spendDeltas.isEmpty()) {
            try {
                shared.counters().add(spendDeltas, Instant.ofEpochMilli(spendExpiry(c, now)))
                        .forEach((k, v) -> seenSpend(spendOwners, k, v));
            } catch (RuntimeException e) {
                spendDeltas.forEach((k, v) -> ledger.orphans.merge(k, v, Long::sum));
                throw e;
            }
        }
        for (Allowance a : allowances) a.refill(now, shared);
        List<SharedCounters.Key> reads = new ArrayList<>(rateReads);
        reads.addAll(spendReads);
        if (!reads.isEmpty()) {
            shared.counters().read(reads).forEach((k, v) -> {
                seenRate(rateOwners, k, v);
                seenSpend(spendOwners, k, v);
            });
        }
        for (Slots slots : leases) slots.sync(now, shared);
    }

    private static void takeOwed(Map<SharedCounters.Key, Long> owed, Map<SharedCounters.Key, Long> into) {
        for (SharedCounters.Key k : List.copyOf(owed.keySet())) {
            Long v = owed.remove(k);
            if (v != null) into.merge(k, v, Long::sum);
        }
    }

    private static void seenRate(Map<SharedCounters.Key, Allowance> owners, SharedCounters.Key k, long v) {
        Allowance a = owners.get(k);
        if (a != null) a.seen(k, v);
    }

    private static void seenSpend(Map<SharedCounters.Key, SpendMeter> owners, SharedCounters.Key k, long v) {
        SpendMeter m = owners.get(k);
        if (m != null) m.seen(k, v);
    }

    private static long spendExpiry(Config c, long now) {
        long latest = now;
        if (c.fixedBudgets()) {
            for (Budget b : c.allBudgets()) {
                if (b.period() == BudgetPeriod.FIXED) latest = Math.max(latest, b.endsAt().toEpochMilli());
            }
        }
        return latest + SPEND_GRACE_MS;
    }

    /** Beyond the cap, forgets rate-limit counters that hold nothing and were not used for two minutes. */
    private void evictLimitMembers(Config c, long now) {
        if (limitMembers.get() <= settings.maxMembers()) return;
        long before = now - 2 * Windows.MINUTE_MS;
        for (LimitState s : c.allLimits()) {
            for (var map : List.of(s.requests, s.tokens)) {
                map.forEach((member, a) -> {
                    if (a.lastUsed < before && a.idle() && map.remove(member, a)) limitMembers.decrementAndGet();
                });
            }
            s.slots.forEach((member, slots) -> {
                if (slots.lastUsed < before && slots.idle() && s.slots.remove(member, slots)) limitMembers.decrementAndGet();
            });
        }
    }

    // ---- what routing, the API and /metrics read

    /** Of {@code target} of {@code scope}, spend in the current UTC day or month as of the last sync (0 when unknown). */
    @Override
    public BigDecimal spentUsd(Scope scope, String target, BudgetPeriod window) {
        if (scope == null || target == null) return BigDecimal.ZERO;
        if (window == BudgetPeriod.FIXED) throw new IllegalArgumentException("spend is kept per day and per month");
        Ledger.Member m = ledger.member(scope, target);
        SpendMeter meter = window == BudgetPeriod.DAY ? m.day() : m.month();
        return usd(meter.spent(clock.millis(), ledger.orphans));
    }

    @Override
    public OptionalDouble remainingPct(Scope scope, String target) {
        if (scope == null || target == null) return OptionalDouble.empty();
        long now = clock.millis();
        double lowest = Double.NaN;
        for (Budget b : config.budgets(scope)) {
            if (!(Scope.EACH.equals(b.target()) || b.target().equals(target)) || !Windows.applies(b, now)) continue;
            double pct = remainingPct(b, spentNanos(b, target, now));
            if (Double.isNaN(lowest) || pct < lowest) lowest = pct;
        }
        return Double.isNaN(lowest) ? OptionalDouble.empty() : OptionalDouble.of(lowest);
    }

    private static double remainingPct(Budget b, long spent) {
        long amount = nanos(b.amountUsd());
        if (amount <= 0) return 0;
        return Math.max(0, Math.min(100, 100.0 * (amount - spent) / amount));
    }

    /** What {@code member} spent in {@code b}'s current window, as this instance knows. */
    long spentNanos(Budget b, String member, long now) {
        SpendMeter meter = meter(b, member);
        return meter.spent(now, ledger.orphans);
    }

    SpendMeter meter(Budget b, String member) {
        return switch (b.period()) {
            case DAY -> ledger.member(b.scope(), member).day();
            case MONTH -> ledger.member(b.scope(), member).month();
            case FIXED -> ledger.fixed(b, member);
        };
    }

    /**
     * {@inheritDoc}
     * <p>Requests and tokens: every instance's use as of the last sync (claimed allowances other instances hold
     * unused count as used until they give them back); concurrent: the requests in flight on this instance (leases do
     * not say how many of their slots are in use); budgets: every instance's spend as of the last sync.
     */
    @Override
    public List<Use> current() {
        long now = clock.millis();
        Config c = config;
        List<Use> out = new ArrayList<>();
        for (LimitState s : c.allLimits()) {
            RateLimit l = s.limit;
            s.requests.forEach((member, a) -> out.add(new Use(l.id(), "requests", l.scope(), member,
                    BigDecimal.valueOf(a.used(now)), BigDecimal.valueOf(a.cap()), Instant.ofEpochMilli(a.windowStart(now)),
                    Instant.ofEpochMilli(a.resetsAt(now)))));
            s.tokens.forEach((member, a) -> out.add(new Use(l.id(), "tokens", l.scope(), member,
                    BigDecimal.valueOf(a.used(now)), BigDecimal.valueOf(a.cap()), Instant.ofEpochMilli(a.windowStart(now)),
                    Instant.ofEpochMilli(a.resetsAt(now)))));
            s.slots.forEach((member, slots) -> out.add(new Use(l.id(), "concurrent", l.scope(), member,
                    BigDecimal.valueOf(slots.inUse()), BigDecimal.valueOf(slots.cap()), null, null)));
        }
        for (BudgetLevel level : budgetLevels()) {
            out.add(new Use(level.budgetId(), "budget", level.scope(), level.member(), level.spentUsd(), level.amountUsd(),
                    level.windowStart(), level.resetsAt()));
        }
        return out;
    }

    /**
     * A budget for one member: spent against its amount in the current window, and the highest of its thresholds
     * (percent) that the spend has reached, 0 for none (for the panel and {@code /metrics}).
     */
    public record BudgetLevel(UUID budgetId, Scope scope, String member, boolean hard, BigDecimal spentUsd,
                              BigDecimal amountUsd, int crossedPct, Instant windowStart, Instant resetsAt) {}

    /**
     * Every budget that applies now, for each member this instance has seen ({@code *}: every member; a named target:
     * that one, read at the next sync when first asked).
     */
    public List<BudgetLevel> budgetLevels() {
        long now = clock.millis();
        List<BudgetLevel> out = new ArrayList<>();
        for (Budget b : config.allBudgets()) {
            if (!Windows.applies(b, now)) continue;
            List<String> members = new ArrayList<>();
            if (!Scope.EACH.equals(b.target()) || b.scope() == Scope.WORKSPACE) {
                members.add(b.scope() == Scope.WORKSPACE ? Scope.EACH : b.target());
            } else if (b.period() == BudgetPeriod.FIXED) {
                members.addAll(ledger.fixedMembers(b).keySet());
            } else {
                members.addAll(ledger.members(b.scope()).keySet());
            }
            for (String member : members) {
                SpendMeter meter = meter(b, member);
                long spent = meter.spent(now, ledger.orphans);
                long amount = nanos(b.amountUsd());
                int crossed = 0;
                // in doubles: nanos of a $1e9 budget times 100 do not fit a long
                for (int t : b.thresholds()) if (amount > 0 && spent * 100.0 >= (double) t * amount) crossed = Math.max(crossed, t);
                out.add(new BudgetLevel(b.id(), b.scope(), member, b.hard(), usd(spent), b.amountUsd(), crossed,
                        Instant.ofEpochMilli(meter.windowStart(now, ledger.orphans)),
                        Instant.ofEpochMilli(meter.windowEnd(now, ledger.orphans))));
            }
        }
        return out;
    }

    /** The shared counter that holds what was committed (spent, plus allowances held) by a member in a window. */
    public static SharedCounters.Key committedKey(Scope scope, String member, BudgetPeriod period, Instant windowStart) {
        return new SharedCounters.Key("spend." + period.wire() + ":" + scope.wire() + ":" + member, windowStart);
    }

    /**
     * The shared counter of the allowances instances hold against a member's budgets in a window: what the member
     * spent is {@link #committedKey} minus this (for the daily spend chart: {@code period} {@code DAY}).
     */
    public static SharedCounters.Key heldKey(Scope scope, String member, BudgetPeriod period, Instant windowStart) {
        return new SharedCounters.Key("held." + period.wire() + ":" + scope.wire() + ":" + member, windowStart);
    }

    @Override
    public String toString() {
        return "Quotas[" + shared.instance() + ", " + config.allLimits().size() + " limits, " + config.allBudgets().size()
                + " budgets]";
    }

    static Logger log() {
        return LOG;
    }
}
