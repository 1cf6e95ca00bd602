package dev.junction.engine.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import java.util.Base64;
import java.util.List;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The conversation on the wire: content blocks for media, tool_use / tool_result, thinking sent back, merged turns. */
class AnthropicConversationTest {
    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
    private static final String PDF = "JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PC9UeXBlL0NhdGFsb2c+PgplbmRvYmoK";

    private static JsonNode messages(List<PromptMessage> messages, ModelParameters p) throws Exception {
        return AnthropicMapper.JSON.readTree(AnthropicMapper.requestBody(new ChatRequest("claude-sonnet-4-5", messages, p, 1), false));
    }

    private static JsonNode json(String text) throws Exception {
        return AnthropicMapper.JSON.readTree(text);
    }

    private static ProviderFailure refusal(List<PromptMessage> messages) {
        try {
            AnthropicMapper.requestBody(new ChatRequest("m", messages, null, 1), false);
        } catch (ProviderException e) {
            return e.failure();
        }
        throw new AssertionError("not refused");
    }

    @Test
    void images_and_documents_become_image_and_document_blocks() throws Exception {
        String notes = Base64.getEncoder().encodeToString("Meeting at noon.\nBring the report.".getBytes(StandardCharsets.UTF_8));
        PromptMessage user = PromptMessage.of(Role.USER, List.of(
                new ContentPart.Text("What do these show?"),
                new ContentPart.Image("data:image/png;base64," + PNG, "high"),
                new ContentPart.Image("https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg", null),
                new ContentPart.File("data:application/pdf;base64," + PDF, null, null, "report.pdf"),
                new ContentPart.File("data:text/plain;base64," + notes, null, null, "notes.txt"),
                new ContentPart.File(null, "https://assets.anthropic.com/m/1cd9d098ac3e6467/original/Claude-3-Model-Card-October-Addendum.pdf",
                        "application/pdf", null)));

        JsonNode body = messages(List.of(PromptMessage.system("Be precise."), user), null);

        assertThat(body.get("system").asText()).isEqualTo("Be precise.");
        assertThat(body.get("messages")).isEqualTo(json("""
                [{"role":"user","content":[
                  {"type":"text","text":"What do these show?"},
                  {"type":"image","source":{"type":"base64","media_type":"image/png","data":"%s"}},
                  {"type":"image","source":{"type":"url","url":"https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg"}},
                  {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"%s"},"title":"report.pdf"},
                  {"type":"document","source":{"type":"text","media_type":"text/plain","data":"Meeting at noon.\\nBring the report."},"title":"notes.txt"},
                  {"type":"document","source":{"type":"url","url":"https://assets.anthropic.com/m/1cd9d098ac3e6467/original/Claude-3-Model-Card-October-Addendum.pdf"}}
                ]}]""".formatted(PNG, PDF)));
    }

    @Test
    void an_image_jpg_data_uri_is_sent_as_the_jpeg_it_is() throws Exception {
        JsonNode body = messages(List.of(PromptMessage.of(Role.USER, List.of(new ContentPart.Image("data:image/jpg;base64,/9j/4AAQ", null)))), null);
        assertThat(body.at("/messages/0/content/0/source/media_type").asText()).isEqualTo("image/jpeg");
    }

    @Test
    void a_tool_loop_sends_tool_use_blocks_and_merges_the_results_into_one_user_turn() throws Exception {
        List<PromptMessage> conversation = List.of(
                PromptMessage.user("Weather in Paris and Rome?"),
                PromptMessage.toolCalls("Checking both.", List.of(
                        new ToolCall("call_abc123", "get_weather", "{\"location\":\"Paris\"}"),
                        new ToolCall("toolu_01B7bq2LwR7zXvQ3kTgH8mNp", "get_weather", "{\"location\": \"Rome\", \"unit\": \"celsius\"}")), null),
                PromptMessage.toolResult("call_abc123", "18°C, cloudy"),
                PromptMessage.toolResult("toolu_01B7bq2LwR7zXvQ3kTgH8mNp", "24°C, sunny"),
                PromptMessage.user("Which is warmer?"));

        JsonNode body = messages(conversation, null);

        assertThat(body.get("messages")).isEqualTo(json("""
                [{"role":"user","content":"Weather in Paris and Rome?"},
                 {"role":"assistant","content":[
                   {"type":"text","text":"Checking both."},
                   {"type":"tool_use","id":"call_abc123","name":"get_weather","input":{"location":"Paris"}},
                   {"type":"tool_use","id":"toolu_01B7bq2LwR7zXvQ3kTgH8mNp","name":"get_weather","input":{"location":"Rome","unit":"celsius"}}]},
                 {"role":"user","content":[
                   {"type":"tool_result","tool_use_id":"call_abc123","content":"18°C, cloudy"},
                   {"type":"tool_result","tool_use_id":"toolu_01B7bq2LwR7zXvQ3kTgH8mNp","content":"24°C, sunny"},
                   {"type":"text","text":"Which is warmer?"}]}]"""));
        assertThat(body.has("thinking")).isFalse();
    }

    @Test
    void tool_results_lead_their_user_turn_and_an_empty_result_still_goes() throws Exception {
        List<PromptMessage> conversation = List.of(
                PromptMessage.user("Start."),
                PromptMessage.toolCalls("", List.of(new ToolCall("toolu_1", "ping", null)), null),
                PromptMessage.user("(the tool said nothing)"),
                PromptMessage.toolResult("toolu_1", ""));

        JsonNode turns = messages(conversation, null).get("messages");

        assertThat(turns.get(1)).isEqualTo(json("""
                {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"ping","input":{}}]}"""));
        assertThat(turns.get(2)).isEqualTo(json("""
                {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1"},{"type":"text","text":"(the tool said nothing)"}]}"""));
    }

    @Test
    void with_thinking_the_reasoning_goes_back_first_signature_and_redacted_data_unchanged() throws Exception {
        List<PromptMessage> conversation = List.of(
                PromptMessage.user("Weather in Paris?"),
                PromptMessage.toolCalls("", List.of(new ToolCall("toolu_01CswdEQBMshySk6Y9DFKrfq", "get_weather", "{\"location\":\"Paris\"}")),
                        List.of(Reasoning.text("The user wants the weather; call the tool.", "EuYBCkQYAiJAgCs1le6"),
                                Reasoning.redacted("EmwKAhgBEgy3va3pzix"),
                                Reasoning.text("a thought from another provider with no signature", null))),
                PromptMessage.toolResult("toolu_01CswdEQBMshySk6Y9DFKrfq", "{\"temperature\":18}"));
        ModelParameters thinking = new ModelParameters(null, 1000, null, null, null, null, null, null, null, null, null, null, null, 2048);

        JsonNode body = messages(conversation, thinking);

        assertThat(body.at("/messages/1")).isEqualTo(json("""
                {"role":"assistant","content":[
                  {"type":"thinking","thinking":"The user wants the weather; call the tool.","signature":"EuYBCkQYAiJAgCs1le6"},
                  {"type":"redacted_thinking","data":"EmwKAhgBEgy3va3pzix"},
                  {"type":"tool_use","id":"toolu_01CswdEQBMshySk6Y9DFKrfq","name":"get_weather","input":{"location":"Paris"}}]}"""));
        assertThat(body.at("/messages/2/content/0/type").asText()).isEqualTo("tool_result");

        JsonNode without = messages(conversation, null);
        assertThat(without.at("/messages/1/content")).as("no thinking this time: no reasoning blocks").hasSize(1);
        assertThat(without.at("/messages/1/content/0/type").asText()).isEqualTo("tool_use");
    }

    @Test
    void tool_call_ids_anthropic_cannot_take_are_made_to_fit_the_same_way_on_both_sides() throws Exception {
        assertThat(AnthropicTurns.wireId("call_abc-123")).isEqualTo("call_abc-123");
        assertThat(AnthropicTurns.wireId("fc.7/x:1")).isEqualTo("fc_7_x_1");
        JsonNode body = messages(List.of(PromptMessage.user("go"),
                PromptMessage.toolCalls(null, List.of(new ToolCall("fc.7/x:1", "f", "{}")), null),
                PromptMessage.toolResult("fc.7/x:1", "done")), null);
        assertThat(body.at("/messages/1/content/0/id").asText()).isEqualTo("fc_7_x_1");
        assertThat(body.at("/messages/2/content/0/tool_use_id").asText()).isEqualTo("fc_7_x_1");
    }

    @Test
    void a_tool_result_with_an_image_carries_content_blocks() throws Exception {
        PromptMessage result = new PromptMessage(Role.TOOL, null,
                List.of(new ContentPart.Text("The chart:"), new ContentPart.Image("data:image/png;base64," + PNG, null)),
                null, "toolu_9", null);
        JsonNode body = messages(List.of(PromptMessage.user("chart?"),
                PromptMessage.toolCalls(null, List.of(new ToolCall("toolu_9", "chart", "{}")), null), result), null);
        assertThat(body.at("/messages/2/content/0")).isEqualTo(json("""
                {"type":"tool_result","tool_use_id":"toolu_9","content":[
                  {"type":"text","text":"The chart:"},
                  {"type":"image","source":{"type":"base64","media_type":"image/png","data":"%s"}}]}""".formatted(PNG)));
    }

    @Test
    void audio_and_what_anthropic_cannot_read_are_refused_by_path_before_sending() {
        ProviderFailure audio = refusal(List.of(PromptMessage.user("hi"),
                PromptMessage.of(Role.USER, List.of(new ContentPart.Text("listen"), new ContentPart.Audio("UklGRg==", "wav")))));
        assertThat(audio).isInstanceOf(ProviderFailure.Unsupported.class);
        assertThat(audio.message()).startsWith("messages[1].content[1]: audio");
        assertThat(audio.sent()).isFalse();

        assertThat(refusal(List.of(PromptMessage.of(Role.USER, List.of(new ContentPart.Image("data:image/bmp;base64,Qk0=", null))))).message())
                .isEqualTo("messages[0].content[0].url: Anthropic takes JPEG, PNG, GIF and WebP images, not image/bmp");
        assertThat(refusal(List.of(PromptMessage.of(Role.USER, List.of(new ContentPart.Image("data:image/png,notbase64", null))))).message())
                .startsWith("messages[0].content[0].url: a data: URI must be base64");
        assertThat(refusal(List.of(PromptMessage.of(Role.USER, List.of(new ContentPart.File(null, "file-abc123", "application/pdf", null))))).message())
                .startsWith("messages[0].content[0].uri: Anthropic cannot read a file by provider file URI");
        assertThat(refusal(List.of(PromptMessage.of(Role.USER,
                List.of(new ContentPart.File("data:application/vnd.openxmlformats-officedocument.wordprocessingml.document;base64,UEsDBA==", null, null, "a.docx"))))).message())
                .startsWith("messages[0].content[0]: Anthropic takes PDF, plain-text and image files");
        assertThat(refusal(List.of(PromptMessage.of(Role.SYSTEM, List.of(new ContentPart.Image("https://x.test/a.png", null))), PromptMessage.user("hi"))).message())
                .isEqualTo("messages[0].content[0]: Anthropic's system prompt takes only text, not image");
        assertThat(refusal(List.of(PromptMessage.user("go"), PromptMessage.toolCalls(null, List.of(new ToolCall("toolu_1", "f", "[1,2]")), null))).message())
                .isEqualTo("messages[1].tool_calls[0].function.arguments: Anthropic takes tool arguments only as a JSON object");
        assertThat(refusal(List.of(PromptMessage.user("go"), PromptMessage.toolCalls(null, List.of(new ToolCall(null, "f", "{}")), null))).message())
                .isEqualTo("messages[1].tool_calls[0].id: Anthropic needs an id on every tool call");
    }
}
