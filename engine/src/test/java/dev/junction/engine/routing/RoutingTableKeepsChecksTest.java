package dev.junction.engine.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.deployment.ExperimentSpec;
import dev.junction.engine.deployment.GuardrailSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A routing table read from a spreadsheet keeps the rows' guardrails and experiments, which a sheet cannot hold. */
class RoutingTableKeepsChecksTest {
    static final GuardrailSpec PII = new GuardrailSpec("pii", "pii", "input", "block", null, null, null, null, null, null,
            null, null, null, null, null, null, null);
    static final ExperimentSpec EXPERIMENT = new ExperimentSpec(new ExperimentSpec.Goal("error_rate", null, null), 100, null);
    static final List<SplitShare> SPLIT = List.of(new SplitShare("a", 50), new SplitShare("b", 50));

    @Test
    void rows_of_the_same_id_keep_their_guardrails_and_a_split_keeps_its_experiment() {
        RoutingTable before = new RoutingTable(List.of(
                new RoutingRule("vip", List.of(), "a", true, null, null, null, List.of(PII), null),
                new RoutingRule("ab", List.of(), null, true, null, SPLIT, "user", List.of(), EXPERIMENT),
                new RoutingRule("gone", List.of(), null, true, null, SPLIT, "user", List.of(PII), EXPERIMENT)), "a");
        RoutingTable fromSheet = new RoutingTable(List.of(
                new RoutingRule("vip", List.of(), "b", true, "edited in the sheet"),
                new RoutingRule("ab", List.of(), null, true, null, SPLIT, "user"),
                new RoutingRule("new", List.of(), "a", true, null)), "b");

        RoutingTable kept = fromSheet.keepingChecksOf(before);

        assertThat(kept.defaultVariant()).isEqualTo("b");
        assertThat(kept.rules().get(0).variant()).isEqualTo("b");
        assertThat(kept.rules().get(0).description()).isEqualTo("edited in the sheet");
        assertThat(kept.rules().get(0).guardrails()).containsExactly(PII);
        assertThat(kept.rules().get(1).experiment()).isEqualTo(EXPERIMENT);
        assertThat(kept.rules().get(2).guardrails()).isEmpty();
        assertThat(kept.rules()).hasSize(3);
    }

    @Test
    void a_row_that_is_no_longer_a_split_loses_its_experiment() {
        RoutingTable before = new RoutingTable(List.of(
                new RoutingRule("ab", List.of(), null, true, null, SPLIT, "user", List.of(), EXPERIMENT)), "a");
        RoutingTable fromSheet = new RoutingTable(List.of(new RoutingRule("ab", List.of(), "a", true, null)), "a");

        assertThat(fromSheet.keepingChecksOf(before).rules().getFirst().experiment()).isNull();
    }
}
