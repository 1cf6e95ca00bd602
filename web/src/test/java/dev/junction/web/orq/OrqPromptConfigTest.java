package dev.junction.web.orq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.deployment.ToolCall;
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

    @Test
    void messages_show_their_parts_tool_calls_and_tool_call_ids_in_the_sdks_shape() {
        List<Map<String, Object>> messages = OrqPromptConfig.messages(List.of(
                PromptMessage.of(Role.USER, List.of(new ContentPart.Text("Where?"), new ContentPart.Image("https://x/p.jpg", "low"),
                        new ContentPart.File("data:application/pdf;base64,JVBERi0=", null, null, "a.pdf"),
                        new ContentPart.File(null, "gs://b/c.pdf", "application/pdf", null), new ContentPart.Audio("UklGRg==", "wav"))),
                PromptMessage.toolCalls("", List.of(new ToolCall("call_0", "get_weather", "{\"city\":\"Paris\"}")), null),
                PromptMessage.toolResult("call_0", "18C")));

        assertThat(messages.get(0).get("content")).isEqualTo(List.of(
                Map.of("type", "text", "text", "Where?"),
                Map.of("type", "image_url", "image_url", Map.of("url", "https://x/p.jpg", "detail", "low")),
                Map.of("type", "file", "file", Map.of("file_data", "data:application/pdf;base64,JVBERi0=", "mimeType", "application/pdf", "filename", "a.pdf")),
                Map.of("type", "file", "file", Map.of("uri", "gs://b/c.pdf", "mimeType", "application/pdf")),
                Map.of("type", "file", "file", Map.of("file_data", "data:audio/wav;base64,UklGRg==", "mimeType", "audio/wav"))));
        assertThat(messages.get(1)).containsEntry("content", "").containsEntry("tool_calls", List.of(Map.of("id", "call_0", "index", 0,
                "type", "function", "function", Map.of("name", "get_weather", "arguments", "{\"city\":\"Paris\"}"))));
        assertThat(messages.get(2)).containsEntry("role", "tool").containsEntry("tool_call_id", "call_0").containsEntry("content", "18C");
    }

    @Test
    void reasoning_settings_are_camel_case_and_a_strict_tool_says_so() {
        ModelParameters p = new ModelParameters(null, null, null, null, null, null, null, null, null,
                List.of(new ToolSpec("lookup", "d", Map.of("type", "object", "properties", Map.of()), true)), null, null, "high", 4096);

        assertThat(OrqPromptConfig.parameters(p)).containsEntry("reasoningEffort", "high").containsEntry("budgetTokens", 4096);
        @SuppressWarnings("unchecked")
        Map<String, Object> function = (Map<String, Object>) OrqPromptConfig.tools(p).getFirst().get("function");
        assertThat(function).containsEntry("strict", true).containsEntry("description", "d");
    }
}
