package dev.junction.bench;

import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.rules.DroolsRouterCompiler;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One routing decision over a 200-row table, contexts cycling through 4096 whose first match is spread over
 * rows 0..199 and "no match". Every encoding is checked against the plain-Java reference in setup.
 * <p>The default is encoding P, the production router ({@code DroolsRouterCompiler} via the engine's
 * {@code RouterCompiler} port, {@link ProdTables}), on shapes eq, mixed and typed; P is checked against the engine's
 * {@code RoutingExplainer.decide} on all 4096 contexts (and, on eq/mixed, against the bench reference too) and the
 * trial fails if a single decision differs. The research encodings run with {@code -p encoding=A,B,C,D,E,E2,F}
 * (shape typed is P only; A knows only eq). See docs/benchmarks/routing.md.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
@State(Scope.Thread)
public class RoutingLatencyBench {
    @Param({"P"}) // research prototypes: A, B, B_stateless, C, D, E, E2, F
    public String encoding;

    @Param({"eq", "mixed", "typed"})
    public String shape;

    @Param("200")
    public int rows;

    private Router router;
    private Map<String, Object>[] contexts;
    private int next;

    @SuppressWarnings("unchecked")
    @Setup(Level.Trial)
    public void setup() {
        if (encoding.equals("A") && shape.equals("mixed")) {
            throw new IllegalStateException("encoding A (today's) knows only equality: skipped for the mixed shape");
        }
        if (encoding.equals("P")) {
            ProdTables.Prod p = ProdTables.table(shape, rows, 42);
            List<Map<String, Object>> list = ProdTables.contexts(p, 4096, 7);
            router = new DroolsRouterCompiler().compile("bench_P_" + shape, p.table(), p.schema());
            Check.sameAsEngine(encoding, p, router, list);
            if (p.extra() == null) Check.sameAsReference(encoding, p.bench(), router, list);
            System.out.println("P/" + shape + ": " + list.size() + " contexts decide as RoutingExplainer.decide; "
                    + Check.workload(p, list) + "; GC " + gcNames() + ", " + Runtime.getRuntime().availableProcessors()
                    + " CPU(s) visible");
            contexts = list.toArray(Map[]::new);
            return;
        }
        if (shape.equals("typed")) {
            throw new IllegalStateException("shape typed (lists, dates, splits) is for encoding P only");
        }
        BenchTable table = TableGen.table(shape, rows, 42);
        List<Map<String, Object>> list = TableGen.contexts(table, 4096, 7);
        router = Encodings.compile(encoding, table);
        Check.sameAsReference(encoding, table, router, list);
        contexts = list.toArray(Map[]::new);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (router != null) router.release();
    }

    static String gcNames() {
        return String.join("+", ManagementFactory.getGarbageCollectorMXBeans().stream().map(GarbageCollectorMXBean::getName).toList());
    }

    @Benchmark
    public RoutingDecision route() {
        Map<String, Object> ctx = contexts[next];
        next = (next + 1) & (contexts.length - 1);
        return router.route(ctx);
    }
}
