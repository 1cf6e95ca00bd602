package dev.junction.bench;

import dev.junction.engine.routing.Router;
import dev.junction.rules.DroolsRouterCompiler;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Compile (and warm) a table with one of the encodings (A-F, E2; P = production, see {@link ProdTables}). */
public final class Encodings {
    private static final AtomicInteger SEQ = new AtomicInteger();

    private Encodings() {}

    public static Router compile(String encoding, BenchTable t) {
        String name = "bench_" + encoding + "_" + SEQ.incrementAndGet();
        Router router = switch (encoding) {
            // A: today's encoding, the real compiler (it warms itself)
            case "A" -> new DroolsRouterCompiler().compile(name, TableGen.toRoutingTable(t));
            case "B", "B_stateless" -> {
                PooledDrlGenerator.Generated g = PooledDrlGenerator.generate(t);
                Object[] lits = g.literals();
                yield new DroolsBenchRouter(Kie.build(name, g.drl()), encoding.equals("B"), t, v -> new PooledFact(v, lits));
            }
            case "C", "D" -> new DroolsBenchRouter(Kie.build(name, TypedDrlGenerator.generate(t)), encoding.equals("D"), t,
                    TypedFact::new);
            case "F" -> new DroolsBenchRouter(Kie.build(name, TypedDrlGenerator.generate(t, true)), true, t, TypedFact::new);
            // P: production, the real DroolsRouterCompiler on the table converted to the engine's types (warms itself)
            case "P" -> new DroolsRouterCompiler().compile(name, ProdTables.toEngine(t, null), ProdTables.schemaOf(t, false));
            case "E" -> new JavaRouter(t);
            case "E2" -> new IndexedJavaRouter(t);
            default -> throw new IllegalArgumentException(encoding);
        };
        if (!encoding.equals("A") && !encoding.equals("P")) {
            for (Map<String, Object> ctx : TableGen.warmContexts(t)) router.route(ctx);
        }
        return router;
    }
}
