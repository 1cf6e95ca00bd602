package dev.junction.rules;

import dev.junction.engine.routing.RoutingDecision;
import dev.junction.engine.routing.Router;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import java.util.List;
import java.util.Map;
import org.kie.api.KieBase;
import org.kie.api.runtime.StatelessKieSession;

/** A routing table compiled into a KieBase. Thread-safe: each evaluation gets its own fact. */
final class DroolsRouter implements Router {
    private final KieBase kieBase;
    private final StatelessKieSession session;
    private final String[] fields;
    private final String[] literals;
    private final List<RoutingRule> rules;
    private final String defaultVariant;
    private final String drl;

    DroolsRouter(KieBase kieBase, DrlGenerator.Generated generated, RoutingTable table) {
        this.kieBase = kieBase;
        this.session = kieBase.newStatelessKieSession();
        this.fields = generated.fields();
        this.literals = generated.literals();
        this.rules = table.rules();
        this.defaultVariant = table.defaultVariant();
        this.drl = generated.drl();
    }

    @Override
    public RoutingDecision route(Map<String, Object> context) {
        Object[] values = new Object[fields.length];
        for (int i = 0; i < fields.length; i++) {
            values[i] = context.get(fields[i]);
        }
        RouteFact fact = new RouteFact(values, literals);
        session.execute(fact);
        int row = fact.chosenRow();
        if (row < 0) return new RoutingDecision.DefaultMatched(defaultVariant);
        RoutingRule rule = rules.get(row);
        return new RoutingDecision.Matched(rule.variantFor(context), rule.id());
    }

    /** The generated DRL, for people who want to see what their table became. */
    String drl() {
        return drl;
    }

    KieBase kieBase() {
        return kieBase;
    }
}
