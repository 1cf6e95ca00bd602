package dev.junction.engine.spend;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One request's hold on its limits and budgets ({@link Admission}, made by {@link Quotas#admit}): the counters it
 * took from, the slots it holds and the dollars it reserved, given back or corrected when it settles and closes.
 * Confined to the request's thread; the counters it touches are thread-safe.
 */
final class QuotaAdmission implements Admission {
    /** The scopes a request belongs to before a model is chosen (provider and model come per attempt). */
    private static final Scope[] REQUEST_SCOPES = {Scope.WORKSPACE, Scope.PROJECT, Scope.DEPLOYMENT, Scope.API_KEY, Scope.IDENTITY};

    private record Taken(Allowance counter, long took, long window, boolean tokens) {}

    private record Reserved(SpendMeter meter, long nanos, long window, Scope scope, String member) {}

    private final Quotas quotas;
    private final Quotas.Config config;
    private final Spender who;
    private final long costNanos;
    private final long admittedAt;
    private List<Taken> taken;
    private List<Slots> slots;
    private List<Reserved> reserved;
    private Map<String, QuotaExceededException> refused;
    private RateLimitState state;
    private boolean settled;
    private boolean closed;

    QuotaAdmission(Quotas quotas, Quotas.Config config, Spender who, long costNanos, long now) {
        this.quotas = quotas;
        this.config = config;
        this.who = who;
        this.costNanos = costNanos;
        this.admittedAt = now;
    }

    /** Takes the request's rate limits and reserves its hard budgets, or gives back what it took and refuses. */
    void admit(long tokens) {
        long now = admittedAt;
        try {
            for (Scope scope : REQUEST_SCOPES) {
                String member = who.member(scope);
                if (member == null) continue;
                for (Quotas.LimitState s : config.limits(scope)) {
                    if (s.appliesTo(member)) take(s, member, tokens, now);
                }
            }
            for (Scope scope : REQUEST_SCOPES) {
                String member = who.member(scope);
                if (member != null) reserveBudgets(scope, member, now);
            }
        } catch (RuntimeException e) { // a refusal, or anything else: nothing stays taken
            release(now);
            throw e;
        }
        state = state(now);
    }

    private void take(Quotas.LimitState s, String member, long tokens, long now) {
        RateLimit l = s.limit;
        if (l.requestsPerMinute() != null) {
            Allowance a = quotas.requests(s, member);
            long window = a.windowOf(now);
            long took = a.take(1, 1, now, quotas.shared);
            if (took < 0) throw rateRefusal(l, member, "requests", a, now);
            taken().add(new Taken(a, took, window, false));
        }
        if (l.tokensPerMinute() != null) {
            Allowance a = quotas.tokens(s, member);
            if (tokens > a.cap()) throw tooLarge(l, member, tokens, a.cap());
            long window = a.windowOf(now);
            long took = a.take(tokens, tokens, now, quotas.shared);
            if (took < 0) throw rateRefusal(l, member, "tokens", a, now);
            taken().add(new Taken(a, took, window, true));
        }
        if (l.concurrent() != null) {
            Slots slot = quotas.slots(s, member);
            if (!slot.acquire(now, quotas.shared)) {
                throw new QuotaExceededException(QuotaExceededException.Kind.RATE_LIMIT, l.scope(), member, "concurrent",
                        Instant.ofEpochMilli(now + 1_000), Duration.ofSeconds(1), null,
                        "rate limit of " + l.concurrent() + " concurrent requests on " + l.scope().wire() + " '" + member
                                + "' reached");
            }
            if (slots == null) slots = new ArrayList<>(2);
            slots.add(slot);
        }
    }

    /** A request whose estimate alone exceeds a token limit: it can never pass, so it is not worth retrying. */
    private static QuotaExceededException tooLarge(RateLimit l, String member, long tokens, long cap) {
        return new QuotaExceededException(QuotaExceededException.Kind.RATE_LIMIT, l.scope(), member, "tokens", null,
                Duration.ofMinutes(1), null, "the request's estimated " + tokens + " tokens (prompt and max_tokens, or "
                + QuotaGate.DEFAULT_OUTPUT_TOKENS + " for the answer when none is set) exceed the limit of " + cap
                + " tokens per minute on " + l.scope().wire() + " '" + member + "'; it can never pass: lower max_tokens",
                false);
    }

    private List<Taken> taken() {
        if (taken == null) taken = new ArrayList<>(4);
        return taken;
    }

    private static QuotaExceededException rateRefusal(RateLimit l, String member, String what, Allowance a, long now) {
        long resets = a.resetsAt(now);
        Duration wait = Duration.ofMillis(resets - now);
        long limit = a.cap();
        RateLimitState state = what.equals("requests")
                ? new RateLimitState(limit, 0L, wait, null, null, null)
                : new RateLimitState(null, null, null, limit, a.remaining(now), wait);
        return new QuotaExceededException(QuotaExceededException.Kind.RATE_LIMIT, l.scope(), member, what,
                Instant.ofEpochMilli(resets), wait, state, "rate limit of " + limit + " " + what + " per minute on "
                + l.scope().wire() + " '" + member + "' reached; retry after " + RateLimitState.duration(wait));
    }

    /**
     * Reserves the request's estimated cost against {@code member}'s hard budgets of {@code scope}: the tightest day
     * budget, the tightest month budget and each fixed one that runs now.
     */
    private void reserveBudgets(Scope scope, String member, long now) {
        List<Budget> budgets = config.budgets(scope);
        if (budgets.isEmpty()) return;
        Budget day = null;
        Budget month = null;
        for (Budget b : budgets) {
            if (!b.hard() || !(Scope.EACH.equals(b.target()) || b.target().equals(member)) || !Windows.applies(b, now)) continue;
            switch (b.period()) {
                case DAY -> day = day == null || b.amountUsd().compareTo(day.amountUsd()) < 0 ? b : day;
                case MONTH -> month = month == null || b.amountUsd().compareTo(month.amountUsd()) < 0 ? b : month;
                case FIXED -> reserve(b, quotas.ledger.fixed(b, member), member, now);
            }
        }
        if (day != null) reserve(day, quotas.ledger.member(scope, member).day(), member, now);
        if (month != null) reserve(month, quotas.ledger.member(scope, member).month(), member, now);
    }

    private void reserve(Budget b, SpendMeter meter, String member, long now) {
        long window = meter.windowOf(now);
        long got = meter.reserve(costNanos, Quotas.nanos(b.amountUsd()), now, quotas.shared, quotas.ledger.orphans);
        if (got < 0) {
            long resets = meter.windowEnd(now, quotas.ledger.orphans);
            boolean fixed = b.period() == BudgetPeriod.FIXED;
            String when = Instant.ofEpochMilli(resets).toString();
            throw new QuotaExceededException(QuotaExceededException.Kind.BUDGET, b.scope(), member, "budget",
                    Instant.ofEpochMilli(resets), Duration.ofMillis(resets - now), null,
                    "the " + (fixed ? "" : b.period().wire() + " ") + "budget of $" + b.amountUsd().toPlainString()
                            + " on " + b.scope().wire() + " '" + member + "' is spent; it " + (fixed ? "ends" : "resets")
                            + " at " + when);
        }
        if (reserved == null) reserved = new ArrayList<>(4);
        reserved.add(new Reserved(meter, got, window, b.scope(), member));
    }

    @Override
    public boolean allows(String provider, String model) {
        if (!config.modelBudgets() || provider == null || model == null) return true;
        long now = quotas.now();
        int mark = reserved == null ? 0 : reserved.size();
        try {
            reserveBudgets(Scope.PROVIDER, provider, now);
            reserveBudgets(Scope.MODEL, provider + "/" + model, now);
            return true;
        } catch (QuotaExceededException e) {
            while (reserved != null && reserved.size() > mark) {
                Reserved r = reserved.removeLast();
                r.meter().settle(r.nanos(), 0, r.window(), now, quotas.ledger.orphans);
            }
            if (refused == null) refused = new HashMap<>();
            refused.put(provider + "/" + model, e);
            return false;
        }
    }

    @Override
    public QuotaExceededException refusal(String provider, String model) {
        return refused == null ? null : refused.get(provider + "/" + model);
    }

    @Override
    public RateLimitState state() {
        return state;
    }

    /** The tightest request limit and the tightest token limit this request took from, after it. */
    private RateLimitState state(long now) {
        if (taken == null) return null;
        Allowance requests = null;
        long requestsLeft = Long.MAX_VALUE;
        Allowance tokens = null;
        long tokensLeft = Long.MAX_VALUE;
        for (Taken t : taken) {
            long left = t.counter().remaining(now);
            if (!t.tokens() && (left < requestsLeft || left == requestsLeft && t.counter().cap() < requests.cap())) {
                requests = t.counter();
                requestsLeft = left;
            } else if (t.tokens() && (left < tokensLeft || left == tokensLeft && t.counter().cap() < tokens.cap())) {
                tokens = t.counter();
                tokensLeft = left;
            }
        }
        return new RateLimitState(
                requests == null ? null : requests.cap(), requests == null ? null : requestsLeft,
                requests == null ? null : Duration.ofMillis(requests.resetsAt(now) - now),
                tokens == null ? null : tokens.cap(), tokens == null ? null : tokensLeft,
                tokens == null ? null : Duration.ofMillis(tokens.resetsAt(now) - now));
    }

    @Override
    public void settle(long tokens, List<Charge> charges) {
        if (settled) return;
        settled = true;
        long now = quotas.now();
        if (taken != null) {
            for (Taken t : taken) if (t.tokens()) t.counter().settle(t.took(), Math.max(0, tokens), t.window(), now);
        }
        long total = 0;
        for (Charge c : charges) total += Quotas.nanos(c.costUsd());
        List<SpendMeter> done = null;
        if (reserved != null) {
            done = new ArrayList<>(reserved.size());
            for (Reserved r : reserved) {
                if (contains(done, r.meter())) continue;
                long held = 0;
                for (Reserved same : reserved) if (same.meter() == r.meter()) held += same.nanos();
                r.meter().settle(held, actual(r.scope(), r.member(), charges, total), r.window(), now, quotas.ledger.orphans);
                done.add(r.meter());
            }
        }
        if (total == 0) return;
        Ledger ledger = quotas.ledger;
        for (Scope scope : REQUEST_SCOPES) {
            String member = who.member(scope);
            if (member == null) continue;
            Ledger.Member m = ledger.member(scope, member);
            spend(m.day(), total, done, now);
            spend(m.month(), total, done, now);
            if (config.fixedBudgets()) spendFixed(scope, member, total, done, now);
        }
        for (int i = 0; i < charges.size(); i++) {
            Charge c = charges.get(i);
            if (c.provider() == null || c.model() == null || firstOf(charges, i, true) != i) continue;
            long p = actual(Scope.PROVIDER, c.provider(), charges, total);
            Ledger.Member pm = ledger.member(Scope.PROVIDER, c.provider());
            spend(pm.day(), p, done, now);
            spend(pm.month(), p, done, now);
            if (config.fixedBudgets()) spendFixed(Scope.PROVIDER, c.provider(), p, done, now);
        }
        for (int i = 0; i < charges.size(); i++) {
            Charge c = charges.get(i);
            if (c.provider() == null || c.model() == null || firstOf(charges, i, false) != i) continue;
            String label = c.provider() + "/" + c.model();
            long m = actual(Scope.MODEL, label, charges, total);
            Ledger.Member mm = ledger.member(Scope.MODEL, label);
            spend(mm.day(), m, done, now);
            spend(mm.month(), m, done, now);
            if (config.fixedBudgets()) spendFixed(Scope.MODEL, label, m, done, now);
        }
    }

    private void spendFixed(Scope scope, String member, long nanos, List<SpendMeter> done, long now) {
        for (Budget b : config.budgets(scope)) {
            if (b.period() != BudgetPeriod.FIXED || !Windows.applies(b, now)) continue;
            if (!(Scope.EACH.equals(b.target()) || b.target().equals(member))) continue;
            spend(quotas.ledger.fixed(b, member), nanos, done, now);
        }
    }

    private void spend(SpendMeter meter, long nanos, List<SpendMeter> done, long now) {
        if (nanos == 0 || (done != null && contains(done, meter))) return;
        meter.settle(0, nanos, meter.windowOf(now), now, quotas.ledger.orphans);
    }

    /** The index of the first charge with the same provider (or the same provider and model) as charge {@code i}. */
    private static int firstOf(List<Charge> charges, int i, boolean providerOnly) {
        Charge c = charges.get(i);
        for (int j = 0; j < i; j++) {
            Charge o = charges.get(j);
            if (c.provider().equals(o.provider()) && (providerOnly || c.model().equals(o.model()))) return j;
        }
        return i;
    }

    /** What the request spent that counts against {@code member} of {@code scope}. */
    private static long actual(Scope scope, String member, List<Charge> charges, long total) {
        if (scope != Scope.PROVIDER && scope != Scope.MODEL) return total;
        long sum = 0;
        for (Charge c : charges) {
            if (c.provider() == null || c.model() == null) continue;
            boolean mine = scope == Scope.PROVIDER ? c.provider().equals(member)
                    : member.length() == c.provider().length() + 1 + c.model().length()
                    && member.startsWith(c.provider()) && member.charAt(c.provider().length()) == '/'
                    && member.endsWith(c.model());
            if (mine) sum += Quotas.nanos(c.costUsd());
        }
        return sum;
    }

    private static boolean contains(List<SpendMeter> meters, SpendMeter m) {
        for (SpendMeter x : meters) if (x == m) return true;
        return false;
    }

    @Override
    public void close() {
        if (closed) return;
        if (!settled) settle(0, List.of());
        closed = true;
        if (slots != null) for (Slots s : slots) s.release();
    }

    /** A refused request gives back everything it took. */
    private void release(long now) {
        if (taken != null) for (Taken t : taken) t.counter().settle(t.took(), 0, t.window(), now);
        if (slots != null) for (Slots s : slots) s.release();
        if (reserved != null) {
            for (Reserved r : reserved) r.meter().settle(r.nanos(), 0, r.window(), now, quotas.ledger.orphans);
        }
        taken = null;
        slots = null;
        reserved = null;
        settled = true;
        closed = true;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Admission[%s, reserved %s USD]", who, new BigDecimal(costNanos).movePointLeft(9));
    }
}
