package dev.junction.web.orq;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.invoke.InvokeRequest;
import dev.junction.engine.invoke.Source;
import dev.junction.engine.support.Jackson;
import dev.junction.web.http.SingleRefusal;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every 400 an Orquesta invoke body can get from its parser ({@code /v2/deployments/invoke|stream|get_config}),
 * without HTTP or a database: each names the field at fault and says what is wrong in the words of
 * {@link dev.junction.web.http.JsonBody}. (Duplicate keys, trailing data and NUL: {@code RequestJsonTest}.)
 */
class OrqRequestsTest {
    private static final ObjectMapper MAPPER = Jackson.mapper().build();
    private static final OrqRequests REQUESTS = new OrqRequests(MAPPER);
    private static final String LONG_ID = "x".repeat(257);

    static FieldError refusal(String body) {
        return SingleRefusal.of(() -> REQUESTS.parse(body, Source.API), body);
    }

    /** A body with the key, and {@code members} after it. */
    static String with(String members) {
        return "{\"key\":\"support\"," + members + "}";
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("[1]", "body", "must be a JSON object"),
                Arguments.of("\"text\"", "body", "must be a JSON object"),
                Arguments.of("", "body", "must be a JSON object"),
                Arguments.of("{}", "key", "required: the deployment key to invoke"),
                Arguments.of("{\"key\":null}", "key", "required: the deployment key to invoke"),
                Arguments.of("{\"key\":42}", "key", "must be a non-empty string"),
                Arguments.of("{\"key\":\"  \"}", "key", "must be a non-empty string"),
                Arguments.of(with("\"stream\":\"yes\""), "stream", "must be true or false"),
                Arguments.of(with("\"context\":[1]"), "context", "must be a JSON object"),
                Arguments.of(with("\"inputs\":\"question\""), "inputs", "must be a JSON object"),
                Arguments.of(with("\"metadata\":1"), "metadata", "must be a JSON object"),
                Arguments.of(with("\"extra_params\":[]"), "extra_params", "must be a JSON object"),
                Arguments.of(with("\"identity\":\"contact_1\""), "identity", "must be a JSON object"),
                Arguments.of(with("\"identity\":{}"), "identity.id", "required: a non-empty string"),
                Arguments.of(with("\"identity\":{\"id\":7}"), "identity.id", "required: a non-empty string"),
                Arguments.of(with("\"identity\":{\"id\":\" \"}"), "identity.id", "required: a non-empty string"),
                Arguments.of(with("\"identity\":{\"id\":\"" + LONG_ID + "\"}"), "identity.id", "at most 256 characters"),
                Arguments.of(with("\"thread\":[]"), "thread", "must be a JSON object"),
                Arguments.of(with("\"thread\":{\"tags\":[]}"), "thread.id", "required: a non-empty string"),
                Arguments.of(with("\"thread\":{\"id\":\"" + LONG_ID + "\"}"), "thread.id", "at most 256 characters"),
                Arguments.of(with("\"thread\":{\"id\":\"t\",\"tags\":\"vip\"}"), "thread.tags", "must be an array of strings"),
                Arguments.of(with("\"thread\":{\"id\":\"t\",\"tags\":[\"a\",1]}"), "thread.tags[1]", "must be a string"),
                Arguments.of(with("\"invoke_options\":true"), "invoke_options", "must be a JSON object"),
                Arguments.of(with("\"invoke_options\":{\"include_usage\":\"no\"}"), "invoke_options.include_usage", "must be true or false"),
                Arguments.of(with("\"invoke_options\":{\"include_retrievals\":1}"), "invoke_options.include_retrievals", "must be true or false"),
                Arguments.of(with("\"invoke_options\":{\"mock_response\":{}}"), "invoke_options.mock_response", "must be a string"),
                Arguments.of(with("\"messages\":\"hi\""), "messages", "must be an array of messages"),
                Arguments.of(with("\"prefix_messages\":{}"), "prefix_messages", "must be an array of messages"),
                Arguments.of(with("\"messages\":[1]"), "messages[0]", "must be an object with role and content"),
                Arguments.of(with("\"messages\":[{\"content\":\"x\"}]"), "messages[0].role", "required: system, developer, user, assistant or tool"),
                Arguments.of(with("\"prefix_messages\":[{\"role\":\"robot\",\"content\":\"x\"}]"), "prefix_messages[0].role",
                        "unknown role 'robot' (expected system, developer, user, assistant or tool)"),
                Arguments.of(with("\"messages\":[{\"role\":\"user\",\"content\":5}]"), "messages[0].content",
                        "must be a string or an array of content parts"),
                Arguments.of(with("\"messages\":[{\"role\":\"user\",\"content\":[\"x\"]}]"), "messages[0].content[0]", "must be a content part object"),
                Arguments.of(with("\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]"), "messages[0].content[0].image_url",
                        "required: an object"),
                Arguments.of(with("\"messages\":[{\"role\":\"system\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\"}}]}]"),
                        "messages[0].content[0].type", "'image_url' parts are not taken in a system message (it takes text)"),
                Arguments.of(with("\"prefix_messages\":[{\"role\":\"tool\",\"content\":\"42\",\"tool_call_id\":\"call_1\"}],"
                        + "\"messages\":[{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}]"),
                        "prefix_messages[0].tool_call_id", "'call_1' answers no tool call of an earlier assistant message"),
                Arguments.of(with("\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":1}]}]"), "messages[0].content[0].text",
                        "must be a string"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("refused")
    void a_field_of_the_wrong_shape_is_a_400_naming_it(String body, String path, String message) {
        FieldError error = refusal(body);
        assertThat(error.path()).isEqualTo(path);
        assertThat(error.message()).isEqualTo(message);
    }

    @Test
    void malformed_json_is_a_400_on_the_body() {
        FieldError error = refusal("{\"key\":");
        assertThat(error.path()).isEqualTo("body");
        assertThat(error.message()).startsWith("malformed JSON: ");
    }

    @Test
    void null_members_are_not_given_and_unknown_ones_are_ignored() {
        OrqRequests.Parsed parsed = REQUESTS.parse("{\"key\":\"support\",\"stream\":null,\"context\":null,\"inputs\":null,"
                + "\"messages\":null,\"identity\":null,\"thread\":null,\"invoke_options\":null,\"documents\":[1],\"some_future_field\":{}}", Source.SDK);

        InvokeRequest request = parsed.request();
        assertThat(parsed.stream()).isFalse();
        assertThat(request.key()).isEqualTo("support");
        assertThat(request.context()).isEmpty();
        assertThat(request.inputs()).isEmpty();
        assertThat(request.options().usageInAnswer()).as("no invoke_options: the usage is in the answer").isTrue();
    }

    @Test
    void a_well_formed_body_is_read_whole() {
        OrqRequests.Parsed parsed = REQUESTS.parse(with("\"stream\":true,\"context\":{\"tier\":\"gold\"},\"inputs\":{\"q\":\"hi\"},"
                + "\"identity\":{\"id\":\"contact_1\"},\"thread\":{\"id\":\"t\",\"tags\":[\"a\"]},"
                + "\"invoke_options\":{\"include_usage\":false,\"mock_response\":\"canned\"},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]"), Source.API);

        assertThat(parsed.stream()).isTrue();
        assertThat(parsed.request().context()).containsEntry("tier", "gold");
        assertThat(parsed.request().inputs()).containsEntry("q", "hi");
        assertThat(parsed.request().messages()).hasSize(1);
        assertThat(parsed.request().options().usageInAnswer()).isFalse();
        assertThat(parsed.request().options().mockResponse()).isEqualTo("canned");
        assertThat(parsed.request().options().identity()).containsEntry("id", "contact_1");
    }
}
