package dev.junction.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.contract.ReplayServerTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the adapter sends for messages with parts and for structured output and reasoning settings, checked on the
 * exact body a real local server received (OpenAI's {@code ChatCompletionRequestUserMessageContentPart} shapes), and
 * the parts it refuses by path before sending anything.
 */
class OpenAiContentPartsTest extends ReplayServerTest {
    private static final String KEY = "sk-test-Zq81mXw0vLr4TgPb2HcN7890";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A 1x1 transparent PNG. */
    private static final String PNG = "data:image/png;base64,"
            + "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=";
    /** "%PDF-1.4\n" */
    private static final String PDF = "data:application/pdf;base64,JVBERi0xLjQK";

    @Override
    protected String fixtures() {
        return "openai";
    }

    private OpenAiCompatibleProvider provider() {
        return new OpenAiCompatibleProvider(
                new OpenAiConnection("openai", server.rootUrl() + "/v1", KEY, "openai", Duration.ofSeconds(5)), http);
    }

    private static ChatRequest request(List<PromptMessage> messages, ModelParameters parameters) {
        return new ChatRequest("gpt-4o", messages, parameters, 1);
    }

    private JsonNode sentBody() throws Exception {
        return JSON.readTree(server.onlyRequest().body());
    }

    private ProviderFailure refusal(PromptMessage... messages) {
        server.replyWithFixture(200, "success.json");
        ProviderException e = thrownBy(() -> provider().chat(request(List.of(messages), ModelParameters.DEFAULTS)));
        assertThat(server.received()).as("nothing is sent").isEmpty();
        ProviderException streamed = thrownBy(() -> provider().stream(request(List.of(messages), ModelParameters.DEFAULTS),
                piece -> { }));
        assertThat(server.received()).as("nothing is streamed either").isEmpty();
        assertThat(streamed.failure()).isEqualTo(e.failure());
        return e.failure();
    }

    @Test
    void sends_image_file_and_audio_parts_of_a_user_message_as_an_array_in_openais_shapes() throws Exception {
        server.replyWithFixture(200, "success.json");
        PromptMessage user = PromptMessage.of(Role.USER, List.of(
                new ContentPart.Text("What is in these?"),
                new ContentPart.Image("https://upload.wikimedia.org/wikipedia/commons/thumb/boardwalk.jpg", "low"),
                new ContentPart.Image(PNG, null),
                new ContentPart.File(PDF, null, null, "report.pdf"),
                new ContentPart.File(PDF, null, null, null),
                new ContentPart.File(null, "file-6F2ksmvXxt4VdoqmHRw6kL", "application/pdf", null),
                new ContentPart.Audio("UklGRiQAAABXQVZF", "wav")));

        provider().chat(request(List.of(PromptMessage.system("Describe."), user), ModelParameters.DEFAULTS));

        assertThat(sentBody().get("messages")).isEqualTo(JSON.readTree("""
                [{"role": "system", "content": "Describe."},
                 {"role": "user", "content": [
                    {"type": "text", "text": "What is in these?"},
                    {"type": "image_url", "image_url": {"url": "https://upload.wikimedia.org/wikipedia/commons/thumb/boardwalk.jpg", "detail": "low"}},
                    {"type": "image_url", "image_url": {"url": "%s"}},
                    {"type": "file", "file": {"file_data": "%s", "filename": "report.pdf"}},
                    {"type": "file", "file": {"file_data": "%s", "filename": "file.pdf"}},
                    {"type": "file", "file": {"file_id": "file-6F2ksmvXxt4VdoqmHRw6kL"}},
                    {"type": "input_audio", "input_audio": {"data": "UklGRiQAAABXQVZF", "format": "wav"}}]}]
                """.formatted(PNG, PDF, PDF)));
    }

    @Test
    void sends_text_parts_of_other_roles_as_an_array_of_text() throws Exception {
        server.replyWithFixture(200, "success.json");
        PromptMessage system = PromptMessage.of(Role.SYSTEM, List.of(new ContentPart.Text("One."), new ContentPart.Text("Two.")));

        provider().chat(request(List.of(system, PromptMessage.user("Hi")), ModelParameters.DEFAULTS));

        assertThat(sentBody().get("messages").get(0)).isEqualTo(JSON.readTree("""
                {"role": "system", "content": [{"type": "text", "text": "One."}, {"type": "text", "text": "Two."}]}
                """));
    }

    @Test
    void sends_a_json_schema_response_format_as_given_and_the_reasoning_effort() throws Exception {
        server.replyWithFixture(200, "success.json");
        Map<String, Object> format = Map.of("type", "json_schema", "json_schema", Map.of(
                "name", "capital", "strict", true,
                "schema", Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")),
                        "required", List.of("city"), "additionalProperties", false)));
        ModelParameters parameters = new ModelParameters(null, 200, null, null, null, null, null, null, format, null,
                null, null, "high", 4000);

        provider().chat(request(List.of(PromptMessage.user("Capital of France?")), parameters));

        assertThat(sentBody()).isEqualTo(JSON.readTree("""
                {"model": "gpt-4o",
                 "messages": [{"role": "user", "content": "Capital of France?"}],
                 "max_tokens": 200,
                 "response_format": {"type": "json_schema", "json_schema": {"name": "capital", "strict": true,
                    "schema": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"],
                               "additionalProperties": false}}},
                 "reasoning_effort": "high",
                 "stream": false}
                """));
    }

    @Test
    void a_thinking_budget_without_an_effort_is_sent_as_the_nearest_effort() throws Exception {
        for (Object[] row : new Object[][] {{0, "low"}, {1024, "low"}, {1025, "medium"}, {8192, "medium"}, {8193, "high"}}) {
            server.reset();
            server.replyWithFixture(200, "success.json");
            ModelParameters parameters = new ModelParameters(null, null, null, null, null, null, null, null, null, null,
                    null, null, null, (Integer) row[0]);

            provider().chat(request(List.of(PromptMessage.user("Hi")), parameters));

            assertThat(sentBody().get("reasoning_effort").textValue()).as("budget %s", row[0]).isEqualTo(row[1]);
        }
    }

    @Test
    void refuses_a_file_by_url_naming_its_path() {
        ProviderFailure failure = refusal(PromptMessage.user("Hi"), PromptMessage.of(Role.USER, List.of(
                new ContentPart.Text("Summarise"),
                new ContentPart.File(null, "https://example.com/report.pdf", "application/pdf", "report.pdf"))));

        assertThat(failure).isInstanceOf(ProviderFailure.Unsupported.class);
        assertThat(failure.message()).startsWith("messages[1].content[1]: ").contains("not by URL");
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.sent()).isFalse();
    }

    @Test
    void refuses_media_outside_user_messages_audio_it_cannot_take_and_images_by_other_schemes() {
        assertThat(refusal(PromptMessage.of(Role.SYSTEM, List.of(new ContentPart.Text("Look"), new ContentPart.Image(PNG, null))),
                PromptMessage.user("Hi")).message())
                .isEqualTo("messages[0].content[1]: OpenAI takes image parts only in user messages, not in a system message");
        assertThat(refusal(PromptMessage.of(Role.USER, List.of(new ContentPart.Audio("ZkxhQw==", "flac")))).message())
                .isEqualTo("messages[0].content[0]: OpenAI takes audio as wav or mp3, not flac");
        assertThat(refusal(PromptMessage.of(Role.USER, List.of(new ContentPart.Image("gs://bucket/cat.png", null)))).message())
                .isEqualTo("messages[0].content[0]: OpenAI takes an image by http(s) URL or data: URI, not a gs: URI");
        assertThat(refusal(PromptMessage.of(Role.USER, List.of(new ContentPart.Image(PDF, null)))).message())
                .isEqualTo("messages[0].content[0]: an image part holds application/pdf, not an image");
    }

    @Test
    void refuses_a_tool_call_without_an_id_since_its_result_could_not_name_it() {
        ProviderFailure failure = refusal(PromptMessage.user("Weather?"),
                PromptMessage.toolCalls(null, List.of(new ToolCall(null, "get_weather", "{}")), null));

        assertThat(failure.message()).startsWith("messages[1].tool_calls[0].id: ");
    }
}
