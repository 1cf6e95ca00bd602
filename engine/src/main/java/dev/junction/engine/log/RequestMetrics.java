package dev.junction.engine.log;

import dev.junction.engine.invoke.Attempt;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of this instance since it started, fed from the request log ({@link MeteredLogSink}): requests by
 * deployment and status, latency and time-to-first-token histograms by deployment, attempts by provider, model and
 * outcome, retries and fallbacks by deployment and the reason of the attempt that caused them. Thread-safe, lock-free
 * on the request path. Read with {@link #snapshot()}.
 */
public final class RequestMetrics {
    /** Upper bounds, in seconds, of the latency histogram buckets (+Inf implied). */
    public static final double[] LATENCY_BOUNDS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120};

    private final Map<List<String>, LongAdder> requests = new ConcurrentHashMap<>();
    private final Map<List<String>, LongAdder> attempts = new ConcurrentHashMap<>();
    private final Map<List<String>, LongAdder> retries = new ConcurrentHashMap<>();
    private final Map<List<String>, LongAdder> fallbacks = new ConcurrentHashMap<>();
    private final Map<String, Histogram> latency = new ConcurrentHashMap<>();
    private final Map<String, Histogram> ttft = new ConcurrentHashMap<>();

    /** A cumulative histogram: counts per bucket (the last is +Inf), the sum of observed seconds and their number. */
    public record HistogramSnapshot(long[] buckets, double sum, long count) {}

    /** Label values (in the order the metric's names say) to counts, sorted for a stable exposition. */
    public record Snapshot(Map<List<String>, Long> requests, Map<List<String>, Long> attempts,
                           Map<List<String>, Long> retries, Map<List<String>, Long> fallbacks,
                           Map<String, HistogramSnapshot> latency, Map<String, HistogramSnapshot> ttft) {}

    public void record(RequestLog entry) {
        String deployment = entry.route().deploymentKey();
        RequestLog.Outcome outcome = entry.outcome();
        count(requests, List.of(deployment, outcome.status().wire()));
        histogram(latency, deployment).observe(outcome.latencyMicros() / 1e6);
        if (outcome.ttftMicros() != null) histogram(ttft, deployment).observe(outcome.ttftMicros() / 1e6);
        for (Attempt a : entry.attempts()) {
            count(attempts, List.of(nz(a.provider()), nz(a.model()), a.success() ? "success" : "failure"));
            if (a.next() == Attempt.Next.RETRY) count(retries, List.of(deployment, nz(a.reason())));
            if (a.next() == Attempt.Next.FALLBACK) count(fallbacks, List.of(deployment, nz(a.reason())));
        }
    }

    public Snapshot snapshot() {
        Map<String, HistogramSnapshot> lat = new TreeMap<>();
        latency.forEach((k, h) -> lat.put(k, h.snapshot()));
        Map<String, HistogramSnapshot> first = new TreeMap<>();
        ttft.forEach((k, h) -> first.put(k, h.snapshot()));
        return new Snapshot(counts(requests), counts(attempts), counts(retries), counts(fallbacks), lat, first);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void count(Map<List<String>, LongAdder> map, List<String> labels) {
        map.computeIfAbsent(labels, k -> new LongAdder()).increment();
    }

    private static Histogram histogram(Map<String, Histogram> map, String key) {
        return map.computeIfAbsent(key, k -> new Histogram());
    }

    private static Map<List<String>, Long> counts(Map<List<String>, LongAdder> map) {
        Map<List<String>, Long> out = new TreeMap<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
        map.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    private static final class Histogram {
        private final AtomicLongArray buckets = new AtomicLongArray(LATENCY_BOUNDS.length + 1);
        private final DoubleAdder sum = new DoubleAdder();
        private final LongAdder count = new LongAdder();

        void observe(double seconds) {
            int i = 0;
            while (i < LATENCY_BOUNDS.length && seconds > LATENCY_BOUNDS[i]) i++;
            buckets.incrementAndGet(i);
            sum.add(seconds);
            count.increment();
        }

        HistogramSnapshot snapshot() {
            long[] cumulative = new long[buckets.length()];
            long running = 0;
            for (int i = 0; i < cumulative.length; i++) {
                running += buckets.get(i);
                cumulative[i] = running;
            }
            return new HistogramSnapshot(cumulative, sum.sum(), running);
        }
    }
}
