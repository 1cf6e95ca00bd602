package dev.junction.bench;

import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.rules.DroolsRouterCompiler;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Times every routing decision, second by second, where {@link RoutingLatencyBench} (JMH SampleTime) samples some
 * of them over a few iterations: it shows how long the one-core JVM takes to settle and how far the steady state's
 * p99 moves from one second to the next. Same production path and tables ({@link ProdTables}, 200 rows, 4096
 * contexts, checked against {@code RoutingExplainer.decide} first); one {@code System.nanoTime()} pair per call, so
 * each figure includes about 50 ns of clock reads.
 * <p>Usage: {@code taskset -c 0 java -Xms1g -Xmx1g -cp benchmarks.jar dev.junction.bench.RoutingEveryCall SHAPE
 * [SECONDS]}. Prints one line per second (calls, p50, p99, p99.9, max, calls over 10 us) and a {@code RESULT} line:
 * the median and the worst of the per-second p99s over the second half of the run.
 */
public final class RoutingEveryCall {
    public static void main(String[] args) {
        String shape = args.length > 0 ? args[0] : "typed";
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        ProdTables.Prod p = ProdTables.table(shape, 200, 42);
        List<Map<String, Object>> list = ProdTables.contexts(p, 4096, 7);
        Router router = new DroolsRouterCompiler().compile("every_" + shape, p.table(), p.schema());
        Check.sameAsEngine("P", p, router, list);
        @SuppressWarnings("unchecked")
        Map<String, Object>[] contexts = list.toArray(Map[]::new);

        long[] t = new long[4_000_000];
        double[] p99s = new double[seconds];
        int next = 0;
        long sink = 0;
        for (int s = 0; s < seconds; s++) {
            int n = 0;
            long end = System.nanoTime() + 1_000_000_000L;
            while (n < t.length && ((n & 1023) != 0 || System.nanoTime() < end)) {
                long start = System.nanoTime();
                RoutingDecision d = router.route(contexts[next]);
                t[n++] = System.nanoTime() - start;
                sink += d.variant().length();
                next = (next + 1) & (contexts.length - 1);
            }
            Arrays.sort(t, 0, n);
            p99s[s] = at(t, n, 0.99);
            int over = n - lowerBound(t, n, 10_000);
            System.out.printf("second %2d: %,d calls, p50 %.2f, p99 %.2f, p99.9 %.2f, max %.0f us; %d over 10 us%n",
                    s + 1, n, at(t, n, 0.5), p99s[s], at(t, n, 0.999), t[n - 1] / 1e3, over);
        }
        double[] late = Arrays.copyOfRange(p99s, seconds / 2, seconds);
        Arrays.sort(late);
        System.out.printf("RESULT shape=%s seconds=%d p99 over the last %d seconds: median %.2f us, worst %.2f us (%d)%n",
                shape, seconds, late.length, late[late.length / 2], late[late.length - 1], sink & 1);
    }

    private static double at(long[] sorted, int n, double q) {
        return sorted[Math.min(n - 1, (int) (n * q))] / 1e3;
    }

    private static int lowerBound(long[] sorted, int n, long value) {
        int i = Arrays.binarySearch(sorted, 0, n, value);
        return i < 0 ? -i - 1 : i;
    }
}
