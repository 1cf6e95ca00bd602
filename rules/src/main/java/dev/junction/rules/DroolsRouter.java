package dev.junction.rules;

import dev.junction.engine.routing.ContextValues;
import dev.junction.engine.routing.FieldType;
import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RoutingDecision;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import dev.junction.engine.routing.UserRegex;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * A routing table compiled into a KieBase. Thread-safe. Each evaluation reads the context into a fresh
 * {@link SlotFact}, inserts it into a stateful session, fires, and deletes it again, which leaves the session empty
 * for the next evaluation. Sessions come from a bounded pool (at most {@link #POOL} idle ones, two per core): a
 * burst beyond that gets a new session that is disposed after use, so virtual threads never pile up sessions.
 * ({@code KieSessionsPool} is not used: it does not reset activation groups.) {@link #release()} disposes the pooled
 * sessions when the version retires; an evaluation racing with it still works, on a throwaway session.
 */
final class DroolsRouter implements Router {
    static final int POOL = Math.max(2, 2 * Runtime.getRuntime().availableProcessors());

    private final KieBase kieBase;
    private final ArrayBlockingQueue<KieSession> idle = new ArrayBlockingQueue<>(POOL);
    private final String[] fields;
    private final FieldType[] types;
    private final List<RoutingRule> rules;
    private final RoutingDecision[] matched;
    private final RoutingDecision defaultMatched;
    private final String drl;
    private volatile boolean released;
    private final SlotFact.Size fact;
    private final CompiledConstraints.Result constraints;
    private final Map<String, UserRegex> regexes;

    DroolsRouter(KieBase kieBase, DrlGenerator.Generated generated, RoutingTable table, CompiledConstraints.Result constraints) {
        this.kieBase = kieBase;
        this.constraints = constraints;
        this.fields = generated.fields();
        this.types = generated.types();
        this.rules = table.rules();
        this.matched = new RoutingDecision[rules.size()];
        for (int r = 0; r < matched.length; r++) {
            RoutingRule rule = rules.get(r);
            matched[r] = rule.isSplit() ? null : new RoutingDecision.Matched(rule.variant(), rule.id());
        }
        this.defaultMatched = new RoutingDecision.DefaultMatched(table.defaultVariant());
        this.drl = generated.drl();
        this.fact = generated.fact();
        this.regexes = generated.regexes();
    }

    @Override
    public RoutingDecision route(Map<String, Object> context) {
        Object[] values = new Object[this.fact.slots()]; // every getter of the class can read its slot
        long present = 0;
        for (int i = 0; i < fields.length; i++) {
            Object raw = context.get(fields[i]);
            if (raw != null) {
                present |= 1L << i;
                values[i] = ContextValues.read(types[i], raw);
            }
        }
        SlotFact fact = this.fact.create(values, present);
        fact.regexes = regexes;
        KieSession session = idle.poll();
        if (session == null) session = kieBase.newKieSession();
        try {
            FactHandle handle = session.insert(fact);
            try {
                session.fireAllRules();
            } finally {
                session.delete(handle);
            }
        } catch (RuntimeException e) {
            session.dispose(); // a session in an unknown state is not reused
            throw e;
        }
        if (released || !idle.offer(session)) session.dispose();
        return decide(fact, context);
    }

    private RoutingDecision decide(SlotFact fact, Map<String, Object> context) {
        int row = fact.chosenRow();
        if (row < 0) return defaultMatched;
        RoutingDecision decision = matched[row];
        if (decision != null) return decision;
        RoutingRule rule = rules.get(row);
        return new RoutingDecision.Matched(rule.variantFor(context), rule.id());
    }

    /** Disposes the idle sessions; later evaluations (there should be none) use throwaway sessions. */
    @Override
    public void release() {
        released = true;
        KieSession session;
        while ((session = idle.poll()) != null) session.dispose();
    }

    /** The generated DRL, for people who want to see what their table became. */
    String drl() {
        return drl;
    }

    /** Which constraints evaluate as {@link SlotConstraint}s (all, unless Drools built a pattern unexpectedly). */
    CompiledConstraints.Result constraints() {
        return constraints;
    }

    KieBase kieBase() {
        return kieBase;
    }

    int idleSessions() {
        return idle.size();
    }
}
