package dev.junction.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.deployment.ModelConfig;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.ToolSpec;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
    static final List<PromptMessage> MESSAGES = List.of(PromptMessage.system("Be brief."), PromptMessage.user("Where is my order?"));
    static final ModelConfig PRIMARY = new ModelConfig("openai", "gpt-4o-mini", ModelParameters.of(0.2, 100), 2, null);
    static final ModelConfig FALLBACK = ModelConfig.of("anthropic", "claude-haiku-4-5");

    static String key(String deployment, List<ModelConfig> options, ModelParameters overrides, List<PromptMessage> messages) {
        return CacheKey.of(deployment, options, overrides, messages);
    }

    @Test
    void the_key_is_a_sha256_and_the_same_inputs_give_the_same_key() {
        String a = key("d", List.of(PRIMARY, FALLBACK), ModelParameters.DEFAULTS, MESSAGES);
        assertThat(a).hasSize(64).matches("[0-9a-f]+");
        assertThat(key("d", List.of(PRIMARY, FALLBACK), ModelParameters.DEFAULTS, List.copyOf(MESSAGES))).isEqualTo(a);
    }

    @Test
    void each_input_that_decides_the_answer_changes_the_key() {
        Set<String> keys = new HashSet<>();
        List<ModelConfig> both = List.of(PRIMARY, FALLBACK);
        keys.add(key("d", both, ModelParameters.DEFAULTS, MESSAGES));
        keys.add(key("other-deployment", both, ModelParameters.DEFAULTS, MESSAGES));
        keys.add(key("d", List.of(PRIMARY), ModelParameters.DEFAULTS, MESSAGES)); // the fallback removed
        keys.add(key("d", List.of(new ModelConfig("openai", "gpt-4o", PRIMARY.parameters(), 2, null), FALLBACK), ModelParameters.DEFAULTS, MESSAGES));
        keys.add(key("d", List.of(new ModelConfig("azure", "gpt-4o-mini", PRIMARY.parameters(), 2, null), FALLBACK), ModelParameters.DEFAULTS, MESSAGES));
        keys.add(key("d", List.of(PRIMARY.withParameters(ModelParameters.of(0.3, 100)), FALLBACK), ModelParameters.DEFAULTS, MESSAGES));
        keys.add(key("d", both, ModelParameters.of(0.9, null), MESSAGES)); // a request override
        keys.add(key("d", both, new ModelParameters(null, null, null, null, null, null, null, null,
                Map.of("type", "json_object"), null), MESSAGES)); // response format
        keys.add(key("d", both, new ModelParameters(null, null, null, null, null, null, null, null, null,
                List.of(new ToolSpec("lookup", "find an order", Map.of("type", "object"), null))), MESSAGES)); // a tool
        keys.add(key("d", both, ModelParameters.DEFAULTS, List.of(PromptMessage.system("Be brief!"), MESSAGES.get(1)))); // the prompt
        keys.add(key("d", both, ModelParameters.DEFAULTS, List.of(MESSAGES.get(0), PromptMessage.user("Where is my parcel?")))); // the input
        keys.add(key("d", both, ModelParameters.DEFAULTS, List.of(MESSAGES.get(0), new PromptMessage(
                dev.junction.engine.deployment.Role.ASSISTANT, "Where is my order?")))); // the role
        assertThat(keys).hasSize(12);
    }

    @Test
    void retries_and_the_order_of_map_entries_do_not_change_the_key() {
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("type", "json_schema");
        ab.put("json_schema", Map.of("name", "x", "schema", Map.of("type", "object")));
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("json_schema", Map.of("schema", Map.of("type", "object"), "name", "x"));
        ba.put("type", "json_schema");
        ModelParameters p1 = new ModelParameters(null, null, null, null, null, null, null, null, ab, null);
        ModelParameters p2 = new ModelParameters(null, null, null, null, null, null, null, null, ba, null);
        assertThat(key("d", List.of(PRIMARY.withParameters(p1)), ModelParameters.DEFAULTS, MESSAGES))
                .isEqualTo(key("d", List.of(PRIMARY.withParameters(p2).withRetries(5)), ModelParameters.DEFAULTS, MESSAGES));
    }

    @Test
    void an_override_equal_to_the_variants_own_value_is_the_same_request() {
        assertThat(key("d", List.of(PRIMARY), ModelParameters.of(0.2, null), MESSAGES))
                .isEqualTo(key("d", List.of(PRIMARY), ModelParameters.DEFAULTS, MESSAGES));
    }
}
