package dev.junction.web.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.ToolChoice;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.engine.invoke.InvalidInputException;
import java.util.Map;
import dev.junction.engine.invoke.Source;
import dev.junction.engine.support.Jackson;
import dev.junction.web.http.SingleRefusal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every 400 an OpenAI chat completion body (and its {@code X-Junction-Context} header) can get from its parser,
 * without HTTP or a database: each names the field at fault ({@code error.param} on the wire) in the words of
 * {@link dev.junction.web.http.JsonBody}. (Duplicate keys, trailing data and NUL: {@code RequestJsonTest}.)
 */
class ChatCompletionRequestsTest {
    private static final ObjectMapper MAPPER = Jackson.mapper().build();
    private static final ChatCompletionRequests REQUESTS = new ChatCompletionRequests(MAPPER);

    static FieldError refusal(String body, String header) {
        return SingleRefusal.of(() -> REQUESTS.parse(body, header, Source.API), body);
    }

    /** A body with the model and messages, and {@code members} after them. */
    static String with(String members) {
        return "{\"model\":\"oai-chat\",\"messages\":[]," + members + "}";
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("[1]", "body", "must be a JSON object"),
                Arguments.of("", "body", "must be a JSON object"),
                Arguments.of("{\"messages\":[]}", "model", "required: the deployment key to invoke"),
                Arguments.of("{\"model\":null,\"messages\":[]}", "model", "required: the deployment key to invoke"),
                Arguments.of("{\"model\":42,\"messages\":[]}", "model", "must be a non-empty string"),
                Arguments.of("{\"model\":\"\",\"messages\":[]}", "model", "must be a non-empty string"),
                Arguments.of(with("\"stream\":\"yes\""), "stream", "must be true or false"),
                Arguments.of(with("\"stream_options\":true"), "stream_options", "must be a JSON object"),
                Arguments.of(with("\"stream_options\":{\"include_usage\":1}"), "stream_options.include_usage", "must be true or false"),
                Arguments.of(with("\"functions\":[{\"name\":\"f\"}]"), "functions",
                        "deprecated by OpenAI and not supported: send tools ({type: \"function\", function: {...}})"),
                Arguments.of(with("\"function_call\":\"auto\""), "function_call", "deprecated by OpenAI and not supported: send tool_choice"),
                Arguments.of(with("\"n\":2"), "n", "only 1 choice per request is supported"),
                Arguments.of(with("\"n\":0"), "n", "only 1 choice per request is supported"),
                Arguments.of(with("\"n\":1.5"), "n", "must be a whole number"),
                Arguments.of(with("\"n\":\"1\""), "n", "must be a whole number"),
                Arguments.of(with("\"junction\":[]"), "junction", "must be a JSON object: {context, inputs, metadata}"),
                Arguments.of(with("\"junction\":{\"contxt\":{}}"), "junction.contxt", "unknown field (expected context, inputs, metadata or cache)"),
                Arguments.of(with("\"junction\":{\"context\":[1]}"), "junction.context", "must be a JSON object"),
                Arguments.of(with("\"junction\":{\"inputs\":\"q\"}"), "junction.inputs", "must be a JSON object"),
                Arguments.of(with("\"junction\":{\"metadata\":1}"), "junction.metadata", "must be a JSON object"),
                Arguments.of(with("\"metadata\":[1]"), "metadata", "must be a JSON object"),
                Arguments.of(with("\"user\":7"), "user", "must be a string"),
                Arguments.of("{\"model\":\"oai-chat\"}", "messages", "required: an array of messages (it may be empty)"),
                Arguments.of("{\"model\":\"oai-chat\",\"messages\":null}", "messages", "required: an array of messages (it may be empty)"),
                Arguments.of("{\"model\":\"oai-chat\",\"messages\":\"hi\"}", "messages", "must be an array of messages"),
                Arguments.of("{\"model\":\"oai-chat\",\"messages\":[1]}", "messages[0]", "must be an object with role and content"),
                Arguments.of("{\"model\":\"oai-chat\",\"messages\":[{\"role\":7}]}", "messages[0].role",
                        "required: system, developer, user, assistant or tool"),
                Arguments.of("{\"model\":\"oai-chat\",\"messages\":[{\"role\":\"robot\",\"content\":\"x\"}]}", "messages[0].role",
                        "unknown role 'robot' (expected system, developer, user, assistant or tool)"),
                Arguments.of("{\"model\":\"oai-chat\",\"messages\":[{\"role\":\"user\",\"content\":{}}]}", "messages[0].content",
                        "must be a string or an array of content parts"),
                Arguments.of("{\"model\":\"oai-chat\",\"messages\":[{\"role\":\"user\",\"content\":[\"x\"]}]}", "messages[0].content[0]",
                        "must be a content part object"),
                Arguments.of("{\"model\":\"oai-chat\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}}]}]}",
                        "messages[0].content[0].image_url.url", "must be an http(s) URL or a base64 data: URI (data:image/png;base64,...)"),
                Arguments.of("{\"model\":\"oai-chat\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\"}]}]}",
                        "messages[0].content[0].text", "required: a string"),
                Arguments.of("{\"model\":\"oai-chat\",\"messages\":[{\"role\":\"tool\",\"content\":\"42\",\"tool_call_id\":\"call_9\"}]}",
                        "messages[0].tool_call_id", "'call_9' answers no tool call of an earlier assistant message"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("refused")
    void a_field_of_the_wrong_shape_is_a_400_naming_it(String body, String path, String message) {
        FieldError error = refusal(body, null);
        assertThat(error.path()).isEqualTo(path);
        assertThat(error.message()).isEqualTo(message);
    }

    @Test
    void malformed_json_is_a_400_on_the_body() {
        FieldError error = refusal("not json", null);
        assertThat(error.path()).isEqualTo("body");
        assertThat(error.message()).startsWith("malformed JSON: ");
    }

    @Test
    void a_context_header_that_is_not_a_json_object_is_a_400_naming_the_header() {
        FieldError malformed = refusal(with("\"user\":\"u\""), "tier=gold");
        assertThat(malformed.path()).isEqualTo("X-Junction-Context");
        assertThat(malformed.message()).startsWith("malformed JSON: ");

        FieldError array = refusal(with("\"user\":\"u\""), "[\"gold\"]");
        assertThat(array.path()).isEqualTo("X-Junction-Context");
        assertThat(array.message()).isEqualTo("must be a JSON object");
    }

    @Test
    void a_context_key_given_two_values_by_body_and_header_is_a_400_naming_it() {
        FieldError error = refusal(with("\"junction\":{\"context\":{\"tier\":\"gold\"}}"), "{\"tier\":\"silver\"}");
        assertThat(error.path()).isEqualTo("junction.context.tier");
        assertThat(error.message()).isEqualTo("conflicts with the X-Junction-Context header; send each context key once");
    }

    @Test
    void what_openai_allows_and_junction_need_not_refuse_is_accepted() {
        ChatCompletionRequests.Parsed parsed = REQUESTS.parse(with("\"tools\":[],\"functions\":null,\"n\":1,\"stream\":true,"
                + "\"stream_options\":{\"include_usage\":true},\"temperature\":0.2,\"stop\":null,\"user\":\"u-1\","
                + "\"metadata\":{\"team\":\"a\"},\"junction\":{\"context\":{\"tier\":\"gold\"},\"metadata\":{\"team\":\"b\"}},\"future\":1"),
                "{\"tier\":\"gold\",\"lang\":\"es\"}", Source.SDK);

        assertThat(parsed.stream()).isTrue();
        assertThat(parsed.includeUsage()).isTrue();
        assertThat(parsed.ignored()).containsExactly("temperature");
        assertThat(parsed.request().context()).containsEntry("tier", "gold").containsEntry("lang", "es");
        assertThat(parsed.request().metadata()).containsEntry("team", "b").containsEntry("user", "u-1");
    }

    @Test
    void tools_tool_choice_response_format_and_reasoning_effort_are_honoured_and_sampling_parameters_named_as_ignored() {
        ChatCompletionRequests.Parsed parsed = REQUESTS.parse(with("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\","
                + "\"description\":\"Weather\",\"parameters\":{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}},\"strict\":true}}],"
                + "\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}},\"parallel_tool_calls\":false,"
                + "\"response_format\":{\"type\":\"json_object\"},\"reasoning_effort\":\"low\",\"temperature\":0.3,\"max_tokens\":9"), null, Source.API);

        ModelParameters p = parsed.request().options().overrides();
        assertThat(p.tools()).containsExactly(new ToolSpec("get_weather", "Weather",
                Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string"))), true));
        assertThat(p.toolChoice()).isEqualTo(ToolChoice.function("get_weather"));
        assertThat(p.parallelToolCalls()).isFalse();
        assertThat(p.responseFormat()).isEqualTo(Map.of("type", "json_object"));
        assertThat(p.reasoningEffort()).isEqualTo("low");
        assertThat(p.temperature()).isNull();
        assertThat(parsed.ignored()).containsExactly("temperature", "max_tokens");
    }

    static Stream<Arguments> badParameters() {
        return Stream.of(
                Arguments.of("\"tools\":{}", "tools"),
                Arguments.of("\"tools\":[{\"type\":\"retrieval\",\"function\":{\"name\":\"f\"}}]", "tools[0].type"),
                Arguments.of("\"tools\":[{\"type\":\"function\"}]", "tools[0].function"),
                Arguments.of("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}},{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]",
                        "tools[1].function.name"),
                Arguments.of("\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":[]}}]", "tools[0].function.parameters"),
                Arguments.of("\"tool_choice\":\"always\"", "tool_choice"),
                Arguments.of("\"tool_choice\":{\"type\":\"function\"}", "tool_choice"),
                Arguments.of("\"parallel_tool_calls\":\"yes\"", "parallel_tool_calls"),
                Arguments.of("\"reasoning_effort\":\"max\"", "reasoning_effort"),
                Arguments.of("\"response_format\":\"json\"", "response_format"));
    }

    @ParameterizedTest(name = "{1}: {0}")
    @MethodSource("badParameters")
    void an_honoured_parameter_of_the_wrong_shape_is_refused_naming_it(String members, String path) {
        InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> REQUESTS.parse(with(members), null, Source.API));
        assertThat(e).as(members).isNotNull();
        assertThat(e.errors()).extracting(FieldError::path).containsExactly(path);
    }
}
