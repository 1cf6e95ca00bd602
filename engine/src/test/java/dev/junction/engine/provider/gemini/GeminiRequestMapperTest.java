package dev.junction.engine.provider.gemini;

import static dev.junction.engine.provider.gemini.GeminiMapperTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.deployment.ToolChoice;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request on Gemini's wire: parts, tool turns, tools, structured output and thinking. */
class GeminiRequestMapperTest {
    private static final ToolSpec WEATHER = new ToolSpec("get_weather", "Current weather of a city",
            Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")), "required", List.of("city")));
    private static final ToolSpec TIME = new ToolSpec("get_time", "Local time in a timezone",
            Map.of("type", "object", "properties", Map.of("timezone", Map.of("type", "string")), "required", List.of("timezone")));
    private static final ModelParameters TOOLS = ModelParameters.DEFAULTS.withTools(List.of(WEATHER, TIME));

    private static JsonNode body(List<PromptMessage> messages, ModelParameters p) throws IOException {
        return body("gemini-2.5-flash", messages, p);
    }

    private static JsonNode body(String model, List<PromptMessage> messages, ModelParameters p) throws IOException {
        return GeminiMapper.JSON.readTree(GeminiRequestMapper.requestBody(new ChatRequest(model, messages, p, 1)));
    }

    private static JsonNode json(String text) throws IOException {
        return GeminiMapper.JSON.readTree(text);
    }

    private static ProviderFailure refusal(List<PromptMessage> messages, ModelParameters p) {
        try {
            GeminiRequestMapper.requestBody(new ChatRequest("gemini-2.5-flash", messages, p, 1));
        } catch (ProviderException e) {
            return e.failure();
        }
        throw new AssertionError("the request was not refused");
    }

    @Test
    void images_files_and_audio_go_inline_or_by_uri_exactly_as_gemini_takes_them() throws IOException {
        PromptMessage user = PromptMessage.of(Role.USER, List.of(
                new ContentPart.Text("What is in this picture, and what does the report say?"),
                new ContentPart.Image("data:image/png;base64,iVBORw0KGgo=", null),
                new ContentPart.Image("https://example.com/photos/cat.JPG?size=large", "high"),
                new ContentPart.File(null, "https://generativelanguage.googleapis.com/v1beta/files/8kq2c7zv1m3x", "application/pdf", "report.pdf"),
                new ContentPart.File("data:application/pdf;base64,JVBERi0xLjQK", null, null, "inline.pdf"),
                new ContentPart.Audio("UklGRiQAAABXQVZF", "wav")));

        JsonNode body = body(List.of(PromptMessage.system("Describe what you are given."), user), ModelParameters.DEFAULTS);

        assertThat(body).isEqualTo(json(fixture("request-media.json")));
    }

    @Test
    void a_tool_conversation_becomes_function_calls_and_responses_named_after_their_calls() throws IOException {
        List<PromptMessage> messages = List.of(
                PromptMessage.user("Weather in Paris and London?"),
                PromptMessage.toolCalls("Let me check.", List.of(
                        new ToolCall("call_r4F7_0", "get_weather", "{\"city\":\"Paris\"}", "CpkCAdHtim9sLq2Y"),
                        new ToolCall("call_r4F7_1", "get_weather", "{\"city\": \"London\"}")), null),
                PromptMessage.toolResult("call_r4F7_0", "{\"temp_c\": 18}"),
                PromptMessage.toolResult("call_r4F7_1", "Cloudy, 14 °C"),
                PromptMessage.assistant("Paris: 18 °C. London: cloudy, 14 °C."),
                PromptMessage.user("And the time in Tokyo?"),
                // a call another provider made: no signature of Google's
                PromptMessage.toolCalls("", List.of(new ToolCall("toolu_01A9", "get_time", "{\"timezone\":\"Asia/Tokyo\"}")), null),
                PromptMessage.toolResult("toolu_01A9", "[\"10:04\", \"JST\"]"));

        JsonNode body = body(messages, TOOLS.withToolChoice(ToolChoice.AUTO));

        assertThat(body).isEqualTo(json(fixture("request-tool-turns.json")));
    }

    @Test
    void ids_gemini_did_not_send_survive_the_round_trip_and_name_the_right_function() throws Exception {
        ChatResponse first = GeminiMapper.fromJson(fixture("function-calls-parallel.json"), "gemini-2.5-flash");
        List<PromptMessage> messages = new ArrayList<>(List.of(PromptMessage.user("Weather in Paris and London, time in Paris?"),
                first.asMessage()));
        for (ToolCall call : first.toolCalls()) messages.add(PromptMessage.toolResult(call.id(), "{\"ok\":true}"));
        ChatResponse second = GeminiMapper.fromJson(fixture("function-call.json"), "gemini-2.5-flash");
        messages.add(second.asMessage());
        messages.add(PromptMessage.toolResult(second.toolCalls().getFirst().id(), "{\"temp_c\":18}"));

        JsonNode contents = body(messages, TOOLS).get("contents");

        assertThat(contents).hasSize(5);
        JsonNode calls = contents.get(1).get("parts");
        JsonNode results = contents.get(2).get("parts");
        assertThat(calls).hasSize(3);
        assertThat(results).hasSize(3);
        for (int k = 0; k < 3; k++) {
            assertThat(results.get(k).at("/functionResponse/id")).isEqualTo(calls.get(k).at("/functionCall/id"));
            assertThat(results.get(k).at("/functionResponse/name")).isEqualTo(calls.get(k).at("/functionCall/name"));
        }
        assertThat(results.get(2).at("/functionResponse/name").asText()).isEqualTo("get_time");
        assertThat(calls.get(0).get("thoughtSignature").asText()).isEqualTo("CpkCAdHtim9sLq2Y0fZ8Q1vJk3cT6nqXwR4bH7uPz5aE2iDgW0oKxMyN");
        assertThat(calls.get(1).has("thoughtSignature")).as("parallel calls: only the first is signed").isFalse();
        assertThat(calls.get(0).at("/functionCall/args")).isEqualTo(json("{\"city\":\"Paris\",\"unit\":\"celsius\"}"));
        assertThat(contents.get(4).at("/parts/0/functionResponse/name").asText()).isEqualTo("get_weather");
        assertThat(contents.get(4).at("/parts/0/functionResponse/id").asText())
                .isNotEqualTo(results.get(0).at("/functionResponse/id").asText());
    }

    @Test
    void a_reused_id_names_the_nearest_earlier_call() throws IOException {
        List<PromptMessage> messages = List.of(
                PromptMessage.user("weather"),
                PromptMessage.toolCalls("", List.of(new ToolCall("call_0", "get_weather", "{}")), null),
                PromptMessage.toolResult("call_0", "sunny"),
                PromptMessage.user("time"),
                PromptMessage.toolCalls("", List.of(new ToolCall("call_0", "get_time", "{}")), null),
                PromptMessage.toolResult("call_0", "10:04"));

        JsonNode contents = body(messages, TOOLS).get("contents");

        assertThat(contents).hasSize(5); // a tool result and the user's next words share the user turn
        assertThat(contents.at("/2/parts/0/functionResponse/name").asText()).isEqualTo("get_weather");
        assertThat(contents.at("/2/parts/1/text").asText()).isEqualTo("time");
        assertThat(contents.at("/4/parts/0/functionResponse/name").asText()).isEqualTo("get_time");
    }

    @Test
    void a_json_schema_answer_and_a_thinking_budget_go_in_the_generation_config() throws IOException {
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("answer", Map.of("type", "integer")),
                "required", List.of("answer"), "additionalProperties", false);
        ModelParameters p = new ModelParameters(0.2, 1024, null, null, null, null, null, null,
                Map.of("type", "json_schema", "json_schema", Map.of("name", "product", "strict", true, "schema", schema)),
                null, null, null, null, 2048);

        JsonNode config = body(List.of(PromptMessage.user("17 × 24?")), p).get("generationConfig");

        assertThat(config).isEqualTo(json("""
                {"temperature": 0.2, "maxOutputTokens": 1024, "responseMimeType": "application/json",
                 "responseJsonSchema": {"type": "object", "properties": {"answer": {"type": "integer"}},
                                        "required": ["answer"], "additionalProperties": false},
                 "thinkingConfig": {"includeThoughts": true, "thinkingBudget": 2048}}"""));
    }

    @Test
    void an_effort_is_a_thinking_level_for_gemini_3_and_a_budget_for_gemini_2() {
        ModelParameters high = effort("high");

        assertThat(GeminiRequestMapper.thinkingConfig(high, "gemini-3-pro-preview"))
                .isEqualTo(new GeminiWire.ThinkingConfig(true, null, "HIGH"));
        assertThat(GeminiRequestMapper.thinkingConfig(effort("minimal"), "gemini-3-flash-preview"))
                .isEqualTo(new GeminiWire.ThinkingConfig(true, null, "MINIMAL"));
        assertThat(GeminiRequestMapper.thinkingConfig(high, "gemini-2.5-flash"))
                .isEqualTo(new GeminiWire.ThinkingConfig(true, 24576, null));
        assertThat(GeminiRequestMapper.thinkingConfig(effort("low"), "models/gemini-2.5-pro"))
                .isEqualTo(new GeminiWire.ThinkingConfig(true, 1024, null));
        assertThat(GeminiRequestMapper.thinkingConfig(effort("none"), "gemini-2.5-flash"))
                .as("thinking off: no thoughts to include").isEqualTo(new GeminiWire.ThinkingConfig(null, 0, null));
        assertThat(GeminiRequestMapper.thinkingConfig(
                new ModelParameters(null, null, null, null, null, null, null, null, null, null, null, null, "high", 512), "gemini-3-pro-preview"))
                .as("a budget wins over an effort: never both").isEqualTo(new GeminiWire.ThinkingConfig(true, 512, null));
        assertThat(GeminiRequestMapper.thinkingConfig(ModelParameters.DEFAULTS, "gemini-3-pro-preview")).isNull();
        assertThat(refusal(List.of(PromptMessage.user("x")), effort("extreme")))
                .isEqualTo(new ProviderFailure.Unsupported("reasoning_effort: gemini takes none, minimal, low, medium or high, not extreme"));
    }

    private static ModelParameters effort(String effort) {
        return new ModelParameters(null, null, null, null, null, null, null, null, null, null, null, null, effort, null);
    }

    @Test
    void tool_choice_becomes_the_function_calling_mode() throws IOException {
        List<PromptMessage> user = List.of(PromptMessage.user("x"));

        assertThat(body(user, TOOLS.withToolChoice(ToolChoice.NONE)).at("/toolConfig/functionCallingConfig"))
                .isEqualTo(json("{\"mode\": \"NONE\"}"));
        assertThat(body(user, TOOLS.withToolChoice(ToolChoice.REQUIRED)).at("/toolConfig/functionCallingConfig"))
                .isEqualTo(json("{\"mode\": \"ANY\"}"));
        assertThat(body(user, TOOLS.withToolChoice(ToolChoice.function("get_time"))).at("/toolConfig/functionCallingConfig"))
                .isEqualTo(json("{\"mode\": \"ANY\", \"allowedFunctionNames\": [\"get_time\"]}"));
        assertThat(body(user, TOOLS).has("toolConfig")).as("no choice: Google's default, AUTO").isFalse();
        assertThat(refusal(user, TOOLS.withToolChoice(ToolChoice.function("get_stock"))))
                .isEqualTo(new ProviderFailure.BadRequest(0, "tool_choice.function.name: \"get_stock\" is not one of the tools"));
        assertThat(refusal(user, ModelParameters.DEFAULTS.withToolChoice(ToolChoice.REQUIRED)))
                .isEqualTo(new ProviderFailure.BadRequest(0, "tool_choice: required needs tools"));
    }

    @Test
    void what_gemini_cannot_take_is_refused_by_its_path() {
        assertThat(refusal(List.of(PromptMessage.user("hi"), PromptMessage.of(Role.USER, List.of(new ContentPart.Text("look"),
                new ContentPart.Image("https://example.com/render?id=7", null)))), ModelParameters.DEFAULTS))
                .isInstanceOf(ProviderFailure.Unsupported.class)
                .extracting(ProviderFailure::message).asString().startsWith("messages[1].content[1].url: gemini needs an image URL's media type");
        assertThat(refusal(List.of(PromptMessage.of(Role.USER, List.of(new ContentPart.Image("data:image/gif;base64,R0lGOD==", null)))),
                ModelParameters.DEFAULTS))
                .isEqualTo(new ProviderFailure.Unsupported("messages[0].content[0]: gemini takes images as PNG, JPEG, WebP, HEIC or HEIF, not image/gif"));
        assertThat(refusal(List.of(PromptMessage.of(Role.SYSTEM, List.of(new ContentPart.Image("data:image/png;base64,iVBORw0KGgo=", null)))),
                ModelParameters.DEFAULTS))
                .isEqualTo(new ProviderFailure.Unsupported("messages[0].content[0]: gemini takes only text in the system instruction, not an image"));
        assertThat(refusal(List.of(PromptMessage.of(Role.USER, List.of(new ContentPart.Audio("AAAA", "webm")))), ModelParameters.DEFAULTS))
                .isEqualTo(new ProviderFailure.Unsupported("messages[0].content[0].format: gemini takes audio as wav, mp3, aiff, aac, ogg or flac, not webm"));
        assertThat(refusal(List.of(PromptMessage.user("x")), TOOLS.withToolChoice(null)
                .overriddenBy(new ModelParameters(null, null, null, null, null, null, null, null, null, null, null, false, null, null))))
                .isEqualTo(new ProviderFailure.Unsupported("parallel_tool_calls: gemini cannot be held to one tool call a turn"));
        assertThat(refusal(List.of(PromptMessage.user("x")), ModelParameters.DEFAULTS.withResponseFormat(Map.of("type", "xml"))))
                .isEqualTo(new ProviderFailure.Unsupported("response_format.type: gemini takes text, json_object or json_schema, not xml"));
    }

    @Test
    void malformed_conversations_are_bad_requests_naming_the_path() {
        assertThat(refusal(List.of(PromptMessage.user("x"), PromptMessage.toolResult("call_9", "42")), TOOLS))
                .isEqualTo(new ProviderFailure.BadRequest(0, "messages[1].tool_call_id: \"call_9\" answers no earlier tool call"));
        assertThat(refusal(List.of(PromptMessage.user("x"),
                PromptMessage.toolCalls("", List.of(new ToolCall("c1", "get_weather", "[1, 2]")), null)), TOOLS))
                .isEqualTo(new ProviderFailure.BadRequest(0,
                        "messages[1].tool_calls[0].function.arguments: gemini takes a call's arguments as a JSON object"));
        assertThat(refusal(List.of(PromptMessage.of(Role.USER, List.of(new ContentPart.File("data:application/pdf;base64,%%%%", null, null, null)))),
                ModelParameters.DEFAULTS))
                .isEqualTo(new ProviderFailure.BadRequest(0, "messages[0].content[0].data: the data: URI's content is not valid base64"));
        assertThat(refusal(List.of(PromptMessage.of(Role.USER, List.of(new ContentPart.File(null, "gs://bucket/report.pdf", null, null)))),
                ModelParameters.DEFAULTS))
                .isEqualTo(new ProviderFailure.BadRequest(0, "messages[0].content[0].media_type: a file by uri needs its media type (application/pdf, ...)"));
        assertThatThrownBy(() -> GeminiRequestMapper.requestBody(new ChatRequest("m",
                List.of(PromptMessage.of(Role.USER, List.of(new ContentPart.Image("ftp://example.com/a.png", null)))), ModelParameters.DEFAULTS, 1)))
                .isInstanceOf(ProviderException.class).hasMessageContaining("messages[0].content[0].url");
    }

    @Test
    void a_tool_result_that_is_an_object_goes_as_it_is_anything_else_as_output() throws IOException {
        assertThat(GeminiRequestMapper.responseObject("{\"temp_c\": 18}")).isEqualTo(json("{\"temp_c\": 18}"));
        assertThat(GeminiRequestMapper.responseObject("[1, 2]")).isEqualTo(json("{\"output\": [1, 2]}"));
        assertThat(GeminiRequestMapper.responseObject("42")).isEqualTo(json("{\"output\": \"42\"}"));
        assertThat(GeminiRequestMapper.responseObject("not json {")).isEqualTo(json("{\"output\": \"not json {\"}"));
        assertThat(GeminiRequestMapper.responseObject("")).isEqualTo(json("{\"output\": \"\"}"));
    }

    @Test
    void an_image_urls_media_type_comes_from_its_extension() {
        assertThat(GeminiRequestMapper.imageTypeOf("https://x.test/a/b.webp")).isEqualTo("image/webp");
        assertThat(GeminiRequestMapper.imageTypeOf("https://x.test/a/photo.jpeg#top")).isEqualTo("image/jpeg");
        assertThat(GeminiRequestMapper.imageTypeOf("https://x.test/a.png/view")).isNull();
        assertThat(GeminiRequestMapper.imageTypeOf("https://x.test/a/b.svg")).isNull();
    }
}
