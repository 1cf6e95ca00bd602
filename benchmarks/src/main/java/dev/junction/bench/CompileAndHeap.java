package dev.junction.bench;

import dev.junction.engine.routing.Router;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Compile+warm time of fresh 200-row tables in a warm JVM (3 untimed, then 10 timed, median), and retained
 * heap / metaspace per compiled version (20 kept alive, full GC before and after, delta / 20).
 * Usage: java -cp benchmarks.jar dev.junction.bench.CompileAndHeap ENCODING SHAPE [ROWS]
 */
public final class CompileAndHeap {
    public static void main(String[] args) throws Exception {
        String encoding = args[0], shape = args[1];
        int rows = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        long seed = 1000;
        long first = System.nanoTime();
        Router r0 = Encodings.compile(encoding, TableGen.table(shape, rows, seed++));
        double firstMs = (System.nanoTime() - first) / 1e6;
        for (int i = 0; i < 2; i++) Encodings.compile(encoding, TableGen.table(shape, rows, seed++));
        double[] ms = new double[10];
        for (int i = 0; i < ms.length; i++) {
            BenchTable t = TableGen.table(shape, rows, seed++);
            long s = System.nanoTime();
            Router r = Encodings.compile(encoding, t);
            ms[i] = (System.nanoTime() - s) / 1e6;
            if (r == null) throw new AssertionError();
        }
        Arrays.sort(ms);
        // sanity: the last table decides like the reference
        BenchTable check = TableGen.table(shape, rows, seed++);
        List<Map<String, Object>> ctxs = TableGen.contexts(check, 2000, 3);
        Check.sameAsReference(encoding, check, Encodings.compile(encoding, check), ctxs);

        List<BenchTable> tables = new ArrayList<>();
        for (int i = 0; i < 20; i++) tables.add(TableGen.table(shape, rows, seed++));
        settle();
        long heap0 = heap(), meta0 = metaspace();
        List<Router> keep = new ArrayList<>();
        for (BenchTable t : tables) keep.add(Encodings.compile(encoding, t));
        settle();
        long heap1 = heap(), meta1 = metaspace();
        System.out.printf("RESULT encoding=%s shape=%s rows=%d firstCompileMs=%.0f compileWarmMs median=%.1f min=%.1f max=%.1f "
                        + "heapPerVersionKB=%.0f metaspacePerVersionKB=%.0f kept=%d %s%n",
                encoding, shape, rows, firstMs, (ms[4] + ms[5]) / 2, ms[0], ms[9],
                (heap1 - heap0) / 20.0 / 1024, (meta1 - meta0) / 20.0 / 1024, keep.size() + (r0 == null ? 0 : 0),
                Check.workload(check, ctxs));
    }

    private static void settle() throws InterruptedException {
        for (int i = 0; i < 4; i++) { System.gc(); Thread.sleep(100); }
    }

    private static long heap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long metaspace() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getName().contains("Metaspace")) sum += p.getUsage().getUsed();
        }
        return sum;
    }
}
