package dev.junction.bench;

import dev.junction.bench.BenchTable.Row;
import dev.junction.engine.routing.RoutingCompileException;
import dev.junction.engine.routing.RoutingDecision;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/** Shared plumbing: a fresh KnowledgeBuilder per table (never KieHelper), and decisions by row. */
final class Kie {
    private Kie() {}

    static KieBase build(String name, String drl) {
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8)).setSourcePath(name + ".drl"),
                ResourceType.DRL);
        if (builder.hasErrors()) throw new RoutingCompileException(name + " does not compile: " + builder.getErrors());
        return builder.newKieBase();
    }

    static RoutingDecision[] decisions(BenchTable t) {
        List<Row> rows = t.rows();
        RoutingDecision[] d = new RoutingDecision[rows.size()];
        for (int r = 0; r < d.length; r++) d[r] = new RoutingDecision.Matched(rows.get(r).variant(), rows.get(r).id());
        return d;
    }

    static void ruleHeader(StringBuilder drl, int row, int size) {
        drl.append("rule \"row_").append(row).append("\"\n")
           .append("    salience ").append(size - row).append('\n')
           .append("    activation-group \"routing\"\n")
           .append("when\n");
    }
}
