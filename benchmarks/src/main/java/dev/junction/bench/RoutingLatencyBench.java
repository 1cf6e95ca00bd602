package dev.junction.bench;

import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RoutingDecision;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One routing decision over a 200-row table, contexts cycling through 4096 whose first match is spread over
 * rows 0..199 and "no match". Every encoding is checked against the plain-Java reference in setup.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
@State(Scope.Thread)
public class RoutingLatencyBench {
    @Param({"A", "B", "C", "D", "E", "E2"})
    public String encoding;

    @Param({"eq", "mixed"})
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
        BenchTable table = TableGen.table(shape, rows, 42);
        List<Map<String, Object>> list = TableGen.contexts(table, 4096, 7);
        router = Encodings.compile(encoding, table);
        Check.sameAsReference(encoding, table, router, list);
        contexts = list.toArray(Map[]::new);
    }

    @Benchmark
    public RoutingDecision route() {
        Map<String, Object> ctx = contexts[next];
        next = (next + 1) & (contexts.length - 1);
        return router.route(ctx);
    }
}
