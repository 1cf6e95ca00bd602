package dev.junction.bench;

import dev.junction.engine.routing.Router;
import dev.junction.rules.DroolsRouterCompiler;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Issue #4's compile and memory figures for the production router ({@code DroolsRouterCompiler.compile}, which
 * includes its own warm-up), on 200-row tables of {@link ProdTables}:
 * <ol>
 *   <li>compile time in a warm JVM: the first compile of the JVM (reported apart), {@code throwaway} untimed
 *       compiles, then {@code timed} compiles of fresh tables (different seeds): median, p90, max; plus the first
 *       {@code route()} on each freshly compiled router (what the first request after activation pays);</li>
 *   <li>the last timed version must decide like {@code RoutingExplainer.decide} on 4096 contexts;</li>
 *   <li>retained memory: {@code keep} versions compiled and kept alive, full GCs before and after, heap and
 *       metaspace delta / keep; then {@code release()} on each (drops the pooled sessions) and the references
 *       (drops the KieBases and their classes), measured again to show it comes back.</li>
 * </ol>
 * Usage: {@code java -Xms1g -Xmx6g -cp benchmarks.jar dev.junction.bench.ProdCompileAndHeap SHAPE [ROWS [TIMED [KEEP]]]}
 * with SHAPE eq, mixed or typed. Prints plain lines; the last starts with {@code RESULT}.
 */
public final class ProdCompileAndHeap {
    public static void main(String[] args) throws Exception {
        String shape = args.length > 0 ? args[0] : "typed";
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int timed = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int keep = args.length > 3 ? Integer.parseInt(args[3]) : 50;
        int throwaway = 5;
        DroolsRouterCompiler compiler = new DroolsRouterCompiler();
        long seed = 1000;

        ProdTables.Prod p0 = ProdTables.table(shape, rows, seed++);
        long s0 = System.nanoTime();
        compiler.compile("first", p0.table(), p0.schema()).release();
        double firstMs = (System.nanoTime() - s0) / 1e6;
        for (int i = 0; i < throwaway; i++) {
            ProdTables.Prod p = ProdTables.table(shape, rows, seed++);
            compiler.compile("throwaway" + i, p.table(), p.schema()).release();
        }

        double[] ms = new double[timed];
        double[] firstRouteUs = new double[timed];
        Map<String, Object> probe = ProdTables.contexts(ProdTables.table(shape, rows, 1), 1, 5).getFirst();
        ProdTables.Prod last = null;
        Router lastRouter = null;
        for (int i = 0; i < timed; i++) {
            ProdTables.Prod p = ProdTables.table(shape, rows, seed++); // table generation is not timed
            long s = System.nanoTime();
            Router r = compiler.compile(shape + "@v" + i, p.table(), p.schema());
            ms[i] = (System.nanoTime() - s) / 1e6;
            long f = System.nanoTime();
            r.route(probe);
            firstRouteUs[i] = (System.nanoTime() - f) / 1e3;
            if (lastRouter != null) lastRouter.release();
            last = p;
            lastRouter = r;
        }
        System.out.println("compile+warm ms, in order: " + Arrays.toString(Arrays.stream(ms).map(x -> Math.round(x)).toArray()));
        List<Map<String, Object>> ctxs = ProdTables.contexts(last, 4096, 3);
        Check.sameAsEngine("P", last, lastRouter, ctxs);
        System.out.println("check: the last version decides as RoutingExplainer.decide on " + ctxs.size() + " contexts; "
                + Check.workload(last, ctxs));
        lastRouter.release();
        lastRouter = null;

        List<ProdTables.Prod> tables = new ArrayList<>();
        for (int i = 0; i < keep; i++) tables.add(ProdTables.table(shape, rows, seed++));
        settle();
        long heap0 = heap(), meta0 = metaspace();
        List<Router> kept = new ArrayList<>();
        for (int i = 0; i < keep; i++) kept.add(compiler.compile(shape + "@kept" + i, tables.get(i).table(), tables.get(i).schema()));
        settle();
        long heap1 = heap(), meta1 = metaspace();
        for (Router r : kept) r.release();
        settle();
        long heap2 = heap(), meta2 = metaspace();
        kept.clear();
        settle();
        long heap3 = heap(), meta3 = metaspace();

        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        double[] fr = firstRouteUs.clone();
        Arrays.sort(fr);
        System.out.printf("heap MB: before %.1f, %d kept %.1f, after release() %.1f, after dropping them %.1f%n",
                mb(heap0), keep, mb(heap1), mb(heap2), mb(heap3));
        System.out.printf("metaspace MB: before %.1f, %d kept %.1f, after release() %.1f, after dropping them %.1f%n",
                mb(meta0), keep, mb(meta1), mb(meta2), mb(meta3));
        System.out.printf("RESULT shape=%s rows=%d cpus=%d firstCompileMs=%.0f compileWarmMs(n=%d) median=%.0f p90=%.0f max=%.0f "
                        + "over1s=%d firstRouteUs median=%.0f max=%.0f heapPerVersionMB=%.2f metaspacePerVersionMB=%.2f "
                        + "heapFreedByReleaseMB=%.2f/version heapLeftAfterDropMB=%.1f metaspaceLeftAfterDropMB=%.1f%n",
                shape, rows, Runtime.getRuntime().availableProcessors(), firstMs, timed, median(sorted),
                sorted[(int) Math.ceil(0.9 * timed) - 1], sorted[timed - 1], Arrays.stream(ms).filter(x -> x >= 1000).count(),
                median(fr), fr[timed - 1], mb(heap1 - heap0) / keep, mb(meta1 - meta0) / keep,
                mb(heap1 - heap2) / keep, mb(heap3 - heap0), mb(meta3 - meta0));
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    private static void settle() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
    }

    private static long heap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long metaspace() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) sum += pool.getUsage().getUsed(); // includes class space
        }
        return sum;
    }
}
