package dev.junction.rules;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.AlphaNode;
import org.drools.core.common.BaseNode;
import org.drools.core.reteoo.LeftInputAdapterNode;
import org.drools.core.reteoo.LeftTupleSource;
import org.drools.core.reteoo.TerminalNode;
import org.drools.mvel.ConditionEvaluator;
import org.drools.mvel.MVELConstraint;

/**
 * Gives each alpha node of a compiled routing KieBase the {@link SlotConstraint} of its constraint, as {@link ChooseRow} does
 * for consequences: the rule's pattern, read from its terminal node up to the object type node, is paired in order
 * with the constraints {@link DrlGenerator} wrote for it. A rule whose chain does not pair up (a count or a getter that
 * differs: a Drools that builds patterns differently) keeps Drools' own evaluators, which mean the same, and is
 * counted in {@link Result#kept}.
 */
final class CompiledConstraints {
    private static final VarHandle EVALUATOR, JITTED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(MVELConstraint.class, MethodHandles.lookup());
            EVALUATOR = lookup.findVarHandle(MVELConstraint.class, "conditionEvaluator", ConditionEvaluator.class);
            JITTED = lookup.findVarHandle(MVELConstraint.class, "jitted", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** How many alpha nodes got a {@link SlotConstraint}, and the rules that kept Drools' evaluators. */
    record Result(int installed, List<String> kept) {}

    private CompiledConstraints() {}

    static Result install(InternalRuleBase kieBase, Map<String, List<DrlGenerator.Constraint>> constraints) {
        int installed = 0;
        List<String> kept = new ArrayList<>();
        for (Map.Entry<String, List<DrlGenerator.Constraint>> rule : constraints.entrySet()) {
            TerminalNode[] terminals = kieBase.getReteooBuilder().getTerminalNodes(DrlGenerator.PACKAGE + "." + rule.getKey());
            if (terminals == null) {
                kept.add(rule.getKey());
                continue;
            }
            for (TerminalNode terminal : terminals) {
                List<MVELConstraint> chain = chain(terminal);
                if (chain == null || !pairs(chain, rule.getValue())) {
                    kept.add(rule.getKey());
                    continue;
                }
                for (int i = 0; i < chain.size(); i++) {
                    EVALUATOR.setVolatile(chain.get(i), (ConditionEvaluator) rule.getValue().get(i).inJava());
                    JITTED.setVolatile(chain.get(i), true);
                    installed++;
                }
            }
        }
        return new Result(installed, List.copyOf(kept));
    }

    /** The constraints of the terminal's pattern in DRL order, or null when the chain holds anything but MVEL alpha constraints. */
    private static List<MVELConstraint> chain(TerminalNode terminal) {
        LeftTupleSource source = terminal.getLeftTupleSource();
        if (!(source instanceof LeftInputAdapterNode adapter)) return null;
        List<MVELConstraint> chain = new ArrayList<>();
        BaseNode node = adapter.getParentObjectSource();
        while (node instanceof AlphaNode alpha) {
            if (!(alpha.getConstraint() instanceof MVELConstraint c)) return null;
            chain.add(c);
            node = alpha.getParent();
        }
        Collections.reverse(chain);
        return chain;
    }

    private static boolean pairs(List<MVELConstraint> chain, List<DrlGenerator.Constraint> written) {
        if (chain.size() != written.size()) return false;
        for (int i = 0; i < chain.size(); i++) {
            if (!written.get(i).property().equals(DrlGenerator.firstGetter(chain.get(i).getExpression()))) return false;
        }
        return true;
    }
}
