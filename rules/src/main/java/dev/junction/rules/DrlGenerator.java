package dev.junction.rules;

import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a routing table into DRL. Each enabled row becomes one rule in the activation group {@code routing},
 * with a salience that falls with the row's position, so the first matching row, in table order, is the one
 * that fires. Field names and values go into pools; the DRL holds only numbers we generated.
 */
final class DrlGenerator {
    static final String PACKAGE = "dev.junction.rules.generated";

    /** The DRL text and the pools its numbers index into. */
    record Generated(String drl, String[] fields, String[] literals) {}

    private DrlGenerator() {}

    static Generated generate(RoutingTable table) {
        Map<String, Integer> fields = new LinkedHashMap<>();
        Map<String, Integer> literals = new LinkedHashMap<>();
        StringBuilder drl = new StringBuilder(256 + 160 * table.rules().size());
        drl.append("package ").append(PACKAGE).append(";\n\n");
        drl.append("import ").append(RouteFact.class.getName()).append(";\n\n");
        List<RoutingRule> rules = table.rules();
        for (int row = 0; row < rules.size(); row++) {
            RoutingRule rule = rules.get(row);
            if (!rule.enabled()) continue;
            List<String> constraints = new ArrayList<>();
            for (Condition condition : rule.when()) {
                int field = fields.computeIfAbsent(condition.field(), k -> fields.size());
                int literal = literals.computeIfAbsent(condition.value(), k -> literals.size());
                constraints.add(switch (condition.op()) {
                    case EQUALS -> "eq(" + field + ", " + literal + ")";
                });
            }
            drl.append("rule \"row_").append(row).append("\"\n")
               .append("    salience ").append(rules.size() - row).append('\n')
               .append("    activation-group \"routing\"\n")
               .append("when\n")
               .append("    $f : RouteFact( ").append(String.join(", ", constraints)).append(" )\n")
               .append("then\n")
               .append("    $f.choose(").append(row).append(");\n")
               .append("end\n\n");
        }
        return new Generated(drl.toString(), fields.keySet().toArray(String[]::new), literals.keySet().toArray(String[]::new));
    }
}
