package dev.junction.web.http;

import dev.junction.engine.spend.Budget;
import dev.junction.engine.spend.QuotaStore;
import dev.junction.engine.spend.QuotaUsage;
import dev.junction.engine.spend.RateLimit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rate-limit and budget part of {@code /metrics}, per limit and member in its current window (every instance's
 * use as of the last sync, {@link QuotaUsage#current()}):
 * <ul>
 *   <li>{@code junction_budget_used_usd}, {@code junction_budget_limit_usd}, {@code junction_budget_used_ratio}
 *       {@code {scope, target, member, period}};</li>
 *   <li>{@code junction_budget_threshold_crossed{scope, target, member, period, threshold}}: 1 once the use reached
 *       that percentage of the budget in this window, else 0;</li>
 *   <li>{@code junction_rate_limit_used}, {@code junction_rate_limit_limit} {@code {scope, target, member, limit}}
 *       ({@code limit}: requests, tokens or concurrent);</li>
 *   <li>{@code junction_quota_refusals_total{code, scope, limit}}: this instance's 429s.</li>
 * </ul>
 */
public final class QuotaGauges {
    private static final List<String> BUDGET = List.of("scope", "target", "member", "period");
    private static final List<String> THRESHOLD = List.of("scope", "target", "member", "period", "threshold");
    private static final List<String> RATE = List.of("scope", "target", "member", "limit");

    private final QuotaRefusals refusals;
    private final QuotaStore store;
    private final QuotaUsage usage;

    /** {@code store} and {@code usage} null: only the refusals (an instance without limits configured). */
    public QuotaGauges(QuotaRefusals refusals, QuotaStore store, QuotaUsage usage) {
        this.refusals = refusals;
        this.store = store;
        this.usage = usage;
    }

    /** The most series one limit or budget gets (its most used members). */
    static final int MEMBERS_SHOWN = 50;

    void render(StringBuilder out) {
        MetricsRoutes.counter(out, "junction_quota_refusals_total", "Requests refused with 429 by a rate limit or a budget, by code, scope and what ran out.",
                List.of("code", "scope", "limit"), refusals.snapshot());
        if (store == null || usage == null) return;
        Map<UUID, Budget> budgets = store.budgets().stream().collect(Collectors.toMap(Budget::id, Function.identity()));
        Map<UUID, RateLimit> limits = store.limits().stream().collect(Collectors.toMap(RateLimit::id, Function.identity()));
        // a "*" target has a series per member (every identity seen): the most used MEMBERS_SHOWN of each are shown,
        // so a caller inventing identity ids cannot grow the scrape without bound (/api/spend has them all)
        List<QuotaUsage.Use> uses = new java.util.ArrayList<>(usage.current());
        uses.sort(java.util.Comparator.comparingDouble(QuotaJson::ratio).reversed());
        Map<UUID, Integer> shown = new java.util.HashMap<>();
        uses.removeIf(u -> shown.merge(u.id(), 1, Integer::sum) > MEMBERS_SHOWN);
        StringBuilder used = new StringBuilder(), limit = new StringBuilder(), ratio = new StringBuilder(), crossed = new StringBuilder();
        StringBuilder rateUsed = new StringBuilder(), rateLimit = new StringBuilder();
        for (QuotaUsage.Use u : uses) {
            if ("budget".equals(u.what())) {
                Budget b = budgets.get(u.id());
                if (b == null) continue; // removed since the last sync
                List<String> labels = List.of(u.scope().wire(), b.target(), u.member(), b.period().wire());
                line(used, "junction_budget_used_usd", BUDGET, labels, u.used().toPlainString());
                line(limit, "junction_budget_limit_usd", BUDGET, labels, u.limit().toPlainString());
                double r = QuotaJson.ratio(u);
                line(ratio, "junction_budget_used_ratio", BUDGET, labels, Double.toString(r));
                for (int t : b.thresholds()) {
                    List<String> withThreshold = List.of(labels.get(0), labels.get(1), labels.get(2), labels.get(3), Integer.toString(t));
                    line(crossed, "junction_budget_threshold_crossed", THRESHOLD, withThreshold, QuotaJson.crossed(r, t) ? "1" : "0");
                }
            } else {
                RateLimit l = limits.get(u.id());
                if (l == null) continue;
                List<String> labels = List.of(u.scope().wire(), l.target(), u.member(), u.what());
                line(rateUsed, "junction_rate_limit_used", RATE, labels, u.used().toPlainString());
                line(rateLimit, "junction_rate_limit_limit", RATE, labels, u.limit().toPlainString());
            }
        }
        section(out, "junction_budget_used_usd", "Spend in US dollars in the budget's current window.", used);
        section(out, "junction_budget_limit_usd", "The budget in US dollars.", limit);
        section(out, "junction_budget_used_ratio", "Spend over budget (1 = spent).", ratio);
        section(out, "junction_budget_threshold_crossed", "1 once spend reached the threshold (percent) in the current window.", crossed);
        section(out, "junction_rate_limit_used", "Use of a rate limit in its current minute (concurrent: requests in flight).", rateUsed);
        section(out, "junction_rate_limit_limit", "The rate limit.", rateLimit);
    }

    private static void line(StringBuilder b, String name, List<String> names, List<String> values, String value) {
        b.append(name).append(MetricsRoutes.labels(names, values)).append(' ').append(value).append('\n');
    }

    private static void section(StringBuilder out, String name, String help, StringBuilder lines) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        out.append(lines);
    }
}
