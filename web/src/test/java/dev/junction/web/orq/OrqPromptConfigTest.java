package dev.junction.web.orq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.ToolSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrqPromptConfigTest {
    private static ModelParameters withFormat(Map<String, Object> format) {
        return new ModelParameters(0.3, 100, null, null, null, null, null, null, format, null);
    }

    @Test
    void parameters_are_camel_case_and_a_response_format_the_sdk_would_reject_is_left_out() {
        assertThat(OrqPromptConfig.parameters(withFormat(Map.of("type", "json_object"))))
                .containsEntry("temperature", 0.3).containsEntry("maxTokens", 100).containsKey("responseFormat");
        assertThat(OrqPromptConfig.parameters(withFormat(Map.of("type", "json_schema", "json_schema", Map.of("schema", Map.of())))))
                .as("json_schema without the name the SDK requires").doesNotContainKey("responseFormat");
        assertThat(OrqPromptConfig.parameters(withFormat(Map.of("type", "json_schema",
                "json_schema", Map.of("name", "answer", "schema", Map.of("type", "object")))))).containsKey("responseFormat");
    }

    @Test
    void tools_always_carry_an_object_schema_with_properties() {
        ModelParameters p = new ModelParameters(null, null, null, null, null, null, null, null, null,
                List.of(new ToolSpec("lookup", null, null)));
        assertThat(OrqPromptConfig.tools(p)).singleElement().satisfies(tool -> {
            assertThat(tool).containsEntry("type", "function");
            @SuppressWarnings("unchecked")
            Map<String, Object> function = (Map<String, Object>) tool.get("function");
            assertThat(function).containsEntry("name", "lookup")
                    .containsEntry("parameters", Map.of("type", "object", "properties", Map.of()));
        });
    }
}
