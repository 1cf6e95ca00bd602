package dev.junction.web.http;

import dev.junction.engine.spend.QuotaExceededException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests this instance refused with a 429 for a rate limit or a budget, counted by code
 * ({@code rate_limit_exceeded}, {@code budget_exceeded}), scope and what ran out; {@code /metrics} shows them.
 */
public final class QuotaRefusals {
    private final Map<List<String>, LongAdder> counts = new ConcurrentHashMap<>();

    void count(QuotaExceededException e) {
        counts.computeIfAbsent(List.of(e.code(), e.scope().wire(), e.limit()), k -> new LongAdder()).increment();
    }

    /** (code, scope, limit) to count, in a stable order. */
    public Map<List<String>, Long> snapshot() {
        Map<List<String>, Long> out = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
