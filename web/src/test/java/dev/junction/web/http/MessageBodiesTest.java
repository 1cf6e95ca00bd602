package dev.junction.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.deployment.ToolCall;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Messages as both front doors send them (OpenAI's chat completions, Orquesta's reference section 3.1): every shape
 * read into the message model, and every malformed one a 400 naming its path.
 */
class MessageBodiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<PromptMessage> read(String json) throws Exception {
        return MessageBodies.read(JSON.readTree(json), "messages");
    }

    @Test
    void text_parts_are_joined_with_a_line_break_not_run_together() throws Exception {
        List<PromptMessage> messages = read("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello\"},"
                + "{\"type\":\"text\",\"text\":\"world\"}]}]");

        assertThat(messages.getFirst().content()).isEqualTo("Hello\nworld");
    }

    @Test
    void a_single_part_and_a_plain_string_are_taken_as_they_are() throws Exception {
        assertThat(read("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello world\"}]}]").getFirst().content())
                .isEqualTo("Hello world");
        assertThat(read("[{\"role\":\"user\",\"content\":\"Hello world\"}]").getFirst().content()).isEqualTo("Hello world");
    }

    private static final String PNG = "data:image/png;base64,iVBORw0KGgo=";

    @Test
    void a_user_message_with_media_keeps_every_part_in_order() throws Exception {
        PromptMessage m = read("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is this?\",\"cache_control\":{\"type\":\"ephemeral\"}},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + PNG + "\",\"detail\":\"low\"}},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/a.jpg\"}},"
                + "{\"type\":\"file\",\"file\":{\"file_data\":\"data:application/pdf;base64,JVBERi0=\",\"filename\":\"a.pdf\"}},"
                + "{\"type\":\"file\",\"file\":{\"uri\":\"gs://b/a.pdf\",\"mimeType\":\"application/pdf\"}},"
                + "{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"UklGRg==\",\"format\":\"wav\"}}]}]").getFirst();

        assertThat(m.role()).isEqualTo(Role.USER);
        assertThat(m.content()).isEqualTo("What is this?");
        assertThat(m.parts()).containsExactly(new ContentPart.Text("What is this?"), new ContentPart.Image(PNG, "low"),
                new ContentPart.Image("https://example.com/a.jpg", null),
                new ContentPart.File("data:application/pdf;base64,JVBERi0=", null, null, "a.pdf"),
                new ContentPart.File(null, "gs://b/a.pdf", "application/pdf", null), new ContentPart.Audio("UklGRg==", "wav"));
    }

    @Test
    void an_assistant_turn_keeps_its_tool_calls_reasoning_and_refusal_and_the_tool_result_its_call_id() throws Exception {
        List<PromptMessage> m = read("[{\"role\":\"assistant\",\"content\":null,\"reasoning_content\":\"think\","
                + "\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"city\\\":\\\"Paris\\\"}\"},"
                + "\"thought_signature\":\"sig-g\"}]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":[{\"type\":\"text\",\"text\":\"18C\"}]},"
                + "{\"role\":\"assistant\",\"content\":[{\"type\":\"reasoning\",\"reasoning\":\"hmm\",\"signature\":\"sig-a\"},"
                + "{\"type\":\"redacted_reasoning\",\"data\":\"opaque\"},{\"type\":\"text\",\"text\":\"Sunny.\"},{\"type\":\"refusal\",\"refusal\":\"No more.\"}]}]");

        assertThat(m.get(0).toolCalls()).containsExactly(new ToolCall("call_1", "get_weather", "{\"city\":\"Paris\"}", "sig-g"));
        assertThat(m.get(0).content()).isEmpty();
        assertThat(m.get(0).reasoning()).containsExactly(Reasoning.text("think", null));
        assertThat(m.get(1)).isEqualTo(PromptMessage.toolResult("call_1", "18C"));
        assertThat(m.get(2).content()).isEqualTo("Sunny.\nNo more.");
        assertThat(m.get(2).reasoning()).containsExactly(Reasoning.text("hmm", "sig-a"), Reasoning.redacted("opaque"));
        MessageBodies.requireAnsweredCalls(List.of("messages"), List.of(m));
    }

    @Test
    void a_tool_result_may_answer_a_call_made_in_the_prefix_messages() throws Exception {
        List<PromptMessage> prefix = MessageBodies.read(JSON.readTree("[{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\","
                + "\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]}]"), "prefix_messages");
        List<PromptMessage> messages = read("[{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":\"ok\"}]");

        MessageBodies.requireAnsweredCalls(List.of("prefix_messages", "messages"), List.of(prefix, messages));
        assertThat(prefix.getFirst().toolCalls().getFirst().arguments()).isEqualTo("{}");
    }

    static Stream<Arguments> refused() {
        String big = "A".repeat((int) (MessageParts.MAX_PART_BYTES / 3 * 4 + 8));
        String tools = "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}";
        return Stream.of(
                Arguments.of("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"a\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png,abc\"}}]}",
                        "messages[0].content[1].image_url.url", "a data: URI must be base64 (data:<media type>;base64,<content>)"),
                Arguments.of("{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,ab$d\"}}]}",
                        "messages[0].content[0].image_url.url", "the data: URI's content is not valid base64"),
                Arguments.of("{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64," + big + "\"}}]}",
                        "messages[0].content[0].image_url.url", "too large: " + (big.length() / 4 * 3) + " bytes decoded, at most 14680064 (14 MiB) per part"),
                Arguments.of("{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"ftp://x/y.png\"}}]}",
                        "messages[0].content[0].image_url.url", "must be an http(s) URL or a base64 data: URI (data:image/png;base64,...)"),
                Arguments.of("{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\",\"detail\":\"max\"}}]}",
                        "messages[0].content[0].image_url.detail", "must be low, high or auto"),
                Arguments.of("{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":\"https://x/y.png\"}]}",
                        "messages[0].content[0].image_url", "required: an object"),
                Arguments.of("{\"role\":\"user\",\"content\":[{\"type\":\"video\",\"video\":{}}]}",
                        "messages[0].content[0].type", "'video' parts are not taken in a user message (it takes file, image_url, input_audio, text)"),
                Arguments.of("{\"role\":\"user\",\"content\":[{\"text\":\"a\"}]}", "messages[0].content[0].type", "required: the part's type"),
                Arguments.of("{\"role\":\"user\",\"content\":[{\"type\":\"file\",\"file\":{\"file_id\":\"file-abc\"}}]}",
                        "messages[0].content[0].file.file_id", "a provider's file id is not supported (only that provider could read it): "
                                + "send the file inline as file_data (a base64 data: URI), or by uri with its mimeType"),
                Arguments.of("{\"role\":\"user\",\"content\":[{\"type\":\"file\",\"file\":{\"filename\":\"a.pdf\"}}]}",
                        "messages[0].content[0].file.file_data", "required: the file as a base64 data: URI (or uri with mimeType)"),
                Arguments.of("{\"role\":\"user\",\"content\":[{\"type\":\"file\",\"file\":{\"file_data\":\"JVBERi0=\"}}]}",
                        "messages[0].content[0].file.file_data", "not a data: URI"),
                Arguments.of("{\"role\":\"user\",\"content\":[{\"type\":\"file\",\"file\":{\"uri\":\"gs://b/a.pdf\"}}]}",
                        "messages[0].content[0].file.mimeType", "required with uri: the file's media type (application/pdf)"),
                Arguments.of("{\"role\":\"user\",\"content\":[{\"type\":\"file\",\"file\":{\"file_data\":\"data:application/pdf;base64,JVBERi0=\",\"mimeType\":\"image/png\"}}]}",
                        "messages[0].content[0].file.mimeType", "differs from the data: URI's media type (application/pdf)"),
                Arguments.of("{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"UklGRg==\",\"format\":\"ogg\"}}]}",
                        "messages[0].content[0].input_audio.format", "must be wav or mp3"),
                Arguments.of("{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\",\"input_audio\":{\"data\":\"not base64!\",\"format\":\"wav\"}}]}",
                        "messages[0].content[0].input_audio.data", "the data: URI's content is not valid base64"),
                Arguments.of("{\"role\":\"assistant\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\"}}]}",
                        "messages[0].content[0].type", "'image_url' parts are not taken in a assistant message (it takes reasoning, redacted_reasoning, refusal, text)"),
                Arguments.of("{\"role\":\"tool\",\"content\":\"42\"}", "messages[0].tool_call_id", "required: the id of the tool call this message answers"),
                Arguments.of("{\"role\":\"assistant\",\"tool_calls\":{}}", "messages[0].tool_calls", "must be an array of tool calls"),
                Arguments.of("{\"role\":\"assistant\",\"tool_calls\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]}",
                        "messages[0].tool_calls[0].id", "required: a string"),
                Arguments.of("{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"custom\",\"function\":{\"name\":\"f\"}}]}",
                        "messages[0].tool_calls[0].type", "must be \"function\""),
                Arguments.of("{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"arguments\":\"{}\"}}]}",
                        "messages[0].tool_calls[0].function.name", "required: a string"),
                Arguments.of("{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"[1]\"}}]}",
                        "messages[0].tool_calls[0].function.arguments", "must be a JSON object as text ({\"city\": \"Paris\"})"),
                Arguments.of("{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\"}},"
                        + "{\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"g\"}}]}",
                        "messages[0].tool_calls[1].id", "'c' is the id of another call of this message"),
                Arguments.of("{\"role\":\"assistant\",\"content\":[{\"type\":\"reasoning\",\"signature\":\"s\"}]}",
                        "messages[0].content[0].reasoning", "required: a string"),
                Arguments.of("{\"role\":\"assistant\",\"content\":\"x\",\"audio\":{\"id\":\"audio_1\"}}", "messages[0].audio",
                        "not supported: a reference to OpenAI's stored audio answer, which no other provider can read; send the turn's text as content"),
                Arguments.of("{\"role\":\"assistant\",\"reasoning_content\":5}", "messages[0].reasoning_content", "must be a string"),
                Arguments.of(tools + ",{\"role\":\"user\",\"content\":\"x\"},{\"role\":\"assistant\",\"content\":\"y\"},{\"role\":\"tool\",\"content\":\"42\",\"tool_call_id\":\"call_2\"}",
                        "messages[3].tool_call_id", "'call_2' answers no tool call of an earlier assistant message"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refused")
    void a_malformed_message_is_a_400_naming_the_path(String messages, String path, String message) {
        String body = "[" + messages + "]";
        FieldError error = SingleRefusal.of(() -> {
            try {
                MessageBodies.requireAnsweredCalls(List.of("messages"), List.of(read(body)));
            } catch (ApiError e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, body);
        assertThat(error.path()).isEqualTo(path);
        assertThat(error.message()).isEqualTo(message);
    }
}
