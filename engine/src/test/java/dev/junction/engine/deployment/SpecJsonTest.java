package dev.junction.engine.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.junction.engine.routing.Condition;
import dev.junction.engine.routing.RoutingRule;
import dev.junction.engine.routing.RoutingTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecJsonTest {
    static DeploymentSpec spec() {
        Variant v = new Variant("a", List.of(PromptMessage.system("sys"), PromptMessage.user("{{q}}")),
                new ModelConfig("simulator", "echo", new ModelParameters(0.2, 100, null, null, List.of("\n"), null, null, 7L,
                        java.util.Map.of("type", "json_object"), List.of(new ToolSpec("lookup", "find an order", java.util.Map.of("type", "object")))), 1, List.of("rate_limited")),
                ModelConfig.of("simulator", "slow"), "notes");
        return new DeploymentSpec("k", "d", List.of(v),
                new RoutingTable(List.of(RoutingRule.of("r1", "a", Condition.equalsTo("tier", "gold"))), "a"));
    }

    @Test
    void a_spec_survives_a_round_trip_through_json() throws JsonProcessingException {
        DeploymentSpec spec = spec();
        assertThat(SpecJson.read(SpecJson.write(spec))).isEqualTo(spec);
    }

    @Test
    void equal_specs_hash_equal_and_any_change_changes_the_hash() throws JsonProcessingException {
        DeploymentSpec spec = spec();
        DeploymentSpec same = SpecJson.read(SpecJson.write(spec));
        DeploymentSpec changed = new DeploymentSpec("k", "d2", spec.variants(), spec.routing());

        assertThat(SpecJson.contentHash(same)).isEqualTo(SpecJson.contentHash(spec));
        assertThat(SpecJson.contentHash(changed)).isNotEqualTo(SpecJson.contentHash(spec));
    }

    @Test
    void an_unknown_field_is_an_error_not_a_silently_ignored_setting() {
        String json = SpecJson.write(spec()).replace("\"retries\":1", "\"retires\":1");
        assertThatThrownBy(() -> SpecJson.read(json)).isInstanceOf(JsonProcessingException.class).hasMessageContaining("retires");
    }
}
