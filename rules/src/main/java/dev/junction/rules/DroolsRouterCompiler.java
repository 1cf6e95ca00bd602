package dev.junction.rules;

import dev.junction.engine.routing.Examples;
import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RouterCompiler;
import dev.junction.engine.routing.RoutingCompileException;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingSchema;
import dev.junction.engine.routing.RoutingTable;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.conf.ConstraintJittingThresholdOption;
import org.kie.internal.io.ResourceFactory;

/**
 * Compiles routing tables to Drools with a fresh {@link KnowledgeBuilder} per table (never KieHelper, which
 * shares one ReleaseId between threads), then warms the KieBase so the first real request does not pay
 * for Drools' lazy compilation.
 * <p>The KieBase JIT-compiles every constraint to bytecode on its first evaluation (jitting threshold 0) instead of
 * after Drools' default 20 interpreted ones: an interpreted constraint keeps an MVEL parser context listing every
 * property of {@link RouteFact} (384), which made a 200-row version take 23 to 64 MB of heap; compiled, it takes a
 * few MB (docs/benchmarks/routing.md).
 */
public final class DroolsRouterCompiler implements RouterCompiler {
    /** One round: with the jitting threshold at 0 the first evaluation of a constraint already compiles it. */
    private static final int WARM_ROUNDS = 1;

    @Override
    public Router compile(String name, RoutingTable table, RoutingSchema schema) {
        DrlGenerator.Generated generated = DrlGenerator.generate(table, schema);
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(ResourceFactory.newByteArrayResource(generated.drl().getBytes(StandardCharsets.UTF_8))
                .setSourcePath(name.replaceAll("[^A-Za-z0-9_.@-]", "_") + ".drl"), ResourceType.DRL);
        if (builder.hasErrors()) {
            throw new RoutingCompileException("routing rules of " + name + " do not compile: " + builder.getErrors());
        }
        KieBaseConfiguration conf = KieServices.get().newKieBaseConfiguration();
        conf.setOption(ConstraintJittingThresholdOption.get(0));
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(conf);
        kieBase.addPackages(builder.getKnowledgePackages());
        DroolsRouter router = new DroolsRouter(kieBase, generated, table);
        warm(router, table, schema);
        return router;
    }

    /**
     * Evaluates with an empty context and with a context that satisfies each row (where one can be found), so Drools
     * has compiled its constraints and loaded its classes before traffic.
     */
    private static void warm(DroolsRouter router, RoutingTable table, RoutingSchema schema) {
        for (int round = 0; round < WARM_ROUNDS; round++) {
            router.route(Map.of());
            for (RoutingRule rule : table.rules()) {
                Examples.satisfying(rule, schema).ifPresent(router::route);
            }
        }
    }

    /** The DRL a table compiles to (for viewing and for tests). */
    public static String drlOf(RoutingTable table, RoutingSchema schema) {
        return DrlGenerator.generate(table, schema).drl();
    }

    public static String drlOf(RoutingTable table) {
        return drlOf(table, RoutingSchema.STRINGS);
    }
}
