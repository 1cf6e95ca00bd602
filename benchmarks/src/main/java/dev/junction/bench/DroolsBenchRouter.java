package dev.junction.bench;

import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RoutingDecision;
import java.util.Map;
import java.util.function.Function;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Encodings B, C and D: a KieBase plus either one StatelessKieSession, or one stateful KieSession per platform
 * thread (insert, fireAllRules, delete). With virtual threads the per-thread sessions would be unbounded.
 */
final class DroolsBenchRouter implements Router {
    private final KieBase kieBase;
    private final StatelessKieSession stateless;
    private final ThreadLocal<KieSession> perThread;
    private final Function<Object[], Chooser> factOf;
    private final String[] names;
    private final BenchTable.Kind[] kinds;
    private final RoutingDecision[] decisions;
    private final RoutingDecision fallback;

    DroolsBenchRouter(KieBase kieBase, boolean stateful, BenchTable t, Function<Object[], Chooser> factOf) {
        this.kieBase = kieBase;
        this.stateless = stateful ? null : kieBase.newStatelessKieSession();
        this.perThread = stateful ? ThreadLocal.withInitial(kieBase::newKieSession) : null;
        this.factOf = factOf;
        this.names = t.fieldNames();
        this.kinds = t.kinds();
        this.decisions = Kie.decisions(t);
        this.fallback = new RoutingDecision.DefaultMatched(t.defaultVariant());
    }

    @Override
    public RoutingDecision route(Map<String, Object> context) {
        Chooser fact = factOf.apply(JavaRouter.values(names, kinds, context));
        if (stateless != null) {
            stateless.execute(fact);
        } else {
            KieSession session = perThread.get();
            FactHandle handle = session.insert(fact);
            try {
                session.fireAllRules();
            } finally {
                session.delete(handle);
            }
        }
        int row = fact.chosenRow();
        return row < 0 ? fallback : decisions[row];
    }
}
