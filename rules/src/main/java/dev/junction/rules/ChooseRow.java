package dev.junction.rules;

import org.drools.base.base.ValueResolver;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.consequence.Consequence;
import org.drools.core.rule.consequence.KnowledgeHelper;

/**
 * A row's consequence, {@code $f.choose(row);}, as plain Java: set on each rule by {@link DroolsRouterCompiler} in place
 * of the MVEL consequence the DRL compiles to. The rule's only pattern is the fact, so the fired match's tuple holds it.
 */
final class ChooseRow implements Consequence<KnowledgeHelper> {
    private final int row;

    ChooseRow(int row) {
        this.row = row;
    }

    @Override
    public String getName() {
        return RuleImpl.DEFAULT_CONSEQUENCE_NAME;
    }

    @Override
    public void evaluate(KnowledgeHelper helper, ValueResolver resolver) {
        ((SlotFact) helper.getActivation().getTuple().getFactHandle().getObject()).choose(row);
    }
}
