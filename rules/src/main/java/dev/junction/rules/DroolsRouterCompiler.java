package dev.junction.rules;

import dev.junction.engine.routing.Examples;
import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RouterCompiler;
import dev.junction.engine.routing.RoutingCompileException;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingSchema;
import dev.junction.engine.routing.RoutingTable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.conf.ConstraintJittingThresholdOption;
import org.kie.internal.io.ResourceFactory;

/**
 * Compiles routing tables to Drools with a fresh {@link KnowledgeBuilder} per table (never KieHelper, which
 * shares one ReleaseId between threads), then warms the KieBase so the first real request does not pay
 * for Drools' lazy compilation.
 * <p>Every alpha constraint of the network then evaluates as a {@link SlotConstraint}, one class for all tables
 * ({@link CompiledConstraints}): Drools would otherwise JIT-compile each constraint into a class of its own, hundreds
 * per table, each called too rarely for the JVM to settle on, and the routing p99 stayed at 15 to 20 microseconds for
 * seconds after a deploy while C1/C2 recompiled them (docs/benchmarks/routing.md). Only a constraint the generator did
 * not describe (none today: {@link CompiledConstraints.Result#kept()}) keeps Drools' evaluator, which JIT-compiles from
 * its first evaluation ({@link #JITTING_THRESHOLD}) instead of after Drools' default 20 interpreted ones: an interpreted
 * constraint keeps an MVEL parser context listing every property of the fact class (7 per slot;
 * {@link SlotFact#sizeFor}), which made a 200-row version take 23 to 64 MB of heap.
 */
public final class DroolsRouterCompiler implements RouterCompiler {
    /**
     * For constraints left to Drools' own evaluator (the {@code slotTests} false compiler in tests, or one
     * {@link CompiledConstraints} could not pair). Drools JIT-compiles a constraint to bytecode when its evaluation
     * count reaches the threshold (its counter starts
     * at 1). 1: the first evaluation hands the constraint to Drools' jitting thread and sets the constraint's
     * {@code jitted} flag. Not 0: 0 compiles synchronously on the first evaluation but never sets that flag, so every
     * later evaluation looks the threshold up in the KieBase configuration again (a map lookup, a string switch and a
     * new option object per constraint evaluated). Not the default 20: most of a table's constraints are evaluated too
     * rarely to reach it and stay interpreted, each keeping an MVEL parser context (20+ MB per version).
     */
    static final int JITTING_THRESHOLD = 1;
    /** One round: the first evaluation of a constraint already starts its compilation. */
    private static final int WARM_ROUNDS = 1;

    private final boolean slotTests;

    /** Constraints evaluate as {@link SlotConstraint}s. */
    public DroolsRouterCompiler() {
        this(true);
    }

    /** {@code slotTests} false: Drools' own evaluators, JIT-compiled from the DRL (so tests can hold the DRL alone to the reference). */
    DroolsRouterCompiler(boolean slotTests) {
        this.slotTests = slotTests;
    }

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
        conf.setOption(ConstraintJittingThresholdOption.get(JITTING_THRESHOLD));
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(conf);
        kieBase.addPackages(builder.getKnowledgePackages());
        compileConsequences(kieBase);
        CompiledConstraints.Result constraints = slotTests
                ? CompiledConstraints.install(kieBase, generated.constraints())
                : new CompiledConstraints.Result(0, List.copyOf(generated.constraints().keySet()));
        DroolsRouter router = new DroolsRouter(kieBase, generated, table, constraints);
        warm(router, table, schema);
        return router;
    }

    /**
     * Replaces each rule's consequence, the MVEL {@code $f.choose(row);} of the DRL, by {@link ChooseRow}, the same
     * call compiled: an MVEL consequence builds a variable factory per firing (a quarter of the bytes a decision
     * allocated). The DRL keeps the MVEL text for people to read; rule names carry the row ({@code row_12},
     * {@code row_12_3} for an expanded {@code in}).
     */
    private static void compileConsequences(InternalKnowledgeBase kieBase) {
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                ((RuleImpl) rule).setConsequence(new ChooseRow(DrlGenerator.rowOf(rule.getName())));
            }
        }
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
