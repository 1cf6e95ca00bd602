package dev.junction.rules;

import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RouterCompiler;
import dev.junction.engine.routing.RoutingCompileException;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * Compiles routing tables to Drools with a fresh {@link KnowledgeBuilder} per table (never KieHelper, which
 * shares one ReleaseId between threads), then warms the KieBase so the first real request does not pay
 * for Drools' lazy compilation.
 */
public final class DroolsRouterCompiler implements RouterCompiler {

    @Override
    public Router compile(String name, RoutingTable table) {
        DrlGenerator.Generated generated = DrlGenerator.generate(table);
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(ResourceFactory.newByteArrayResource(generated.drl().getBytes(StandardCharsets.UTF_8))
                .setSourcePath(name.replaceAll("[^A-Za-z0-9_.@-]", "_") + ".drl"), ResourceType.DRL);
        if (builder.hasErrors()) {
            throw new RoutingCompileException("routing rules of " + name + " do not compile: " + builder.getErrors());
        }
        KieBase kieBase = builder.newKieBase();
        DroolsRouter router = new DroolsRouter(kieBase, generated, table);
        warm(router, table);
        return router;
    }

    /** Evaluates once with an empty context and once with a context that satisfies each row. */
    private static void warm(DroolsRouter router, RoutingTable table) {
        router.route(Map.of());
        for (RoutingRule rule : table.rules()) {
            Map<String, Object> context = new HashMap<>();
            rule.when().forEach(c -> context.put(c.field(), c.value()));
            router.route(context);
        }
    }

    /** The DRL a table compiles to (for viewing and for tests). */
    public static String drlOf(RoutingTable table) {
        return DrlGenerator.generate(table).drl();
    }
}
