package dev.junction.engine.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.StreamPiece;
import dev.junction.engine.provider.Usage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure translation, without a server. */
class GeminiMapperTest {

    private static JsonNode body(ChatRequest request) throws IOException {
        return GeminiMapper.JSON.readTree(GeminiRequestMapper.requestBody(request));
    }

    static String fixture(String name) {
        try (InputStream in = GeminiMapperTest.class.getResourceAsStream("/fixtures/gemini/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void system_messages_become_the_system_instruction_and_turns_alternate_user_and_model() throws IOException {
        ChatRequest request = new ChatRequest("gemini-2.5-flash", List.of(
                PromptMessage.system("Be brief."),
                new PromptMessage(Role.DEVELOPER, "Answer in French."),
                PromptMessage.user("Hi"),
                PromptMessage.assistant("Bonjour."),
                PromptMessage.user("Capital of France?"),
                PromptMessage.user("One word."),
                PromptMessage.user("")), ModelParameters.DEFAULTS, 1);

        JsonNode body = body(request);

        assertThat(body.at("/systemInstruction/parts/0/text").asText()).isEqualTo("Be brief.");
        assertThat(body.at("/systemInstruction/parts/1/text").asText()).isEqualTo("Answer in French.");
        assertThat(body.at("/systemInstruction/role").isMissingNode()).isTrue();
        assertThat(body.get("contents")).hasSize(3);
        assertThat(body.at("/contents/0/role").asText()).isEqualTo("user");
        assertThat(body.at("/contents/1/role").asText()).isEqualTo("model");
        assertThat(body.at("/contents/1/parts/0/text").asText()).isEqualTo("Bonjour.");
        assertThat(body.at("/contents/2/parts")).hasSize(2); // consecutive user messages share a turn; the empty one is dropped
        assertThat(body.at("/contents/2/parts/1/text").asText()).isEqualTo("One word.");
        assertThat(body.has("model")).as("the model goes in the path").isFalse();
        assertThat(body.has("generationConfig")).as("defaults send no config").isFalse();
        assertThat(body.has("tools")).isFalse();
    }

    @Test
    void parameters_become_the_generation_config() throws IOException {
        ModelParameters p = new ModelParameters(0.3, 256, 0.9, 40, List.of("END"), 0.5, 0.25, 42L,
                Map.of("type", "json_object"), null);

        JsonNode config = body(new ChatRequest("m", List.of(PromptMessage.user("x")), p, 1)).get("generationConfig");

        assertThat(config.get("temperature").asDouble()).isEqualTo(0.3);
        assertThat(config.get("maxOutputTokens").asInt()).isEqualTo(256);
        assertThat(config.get("topP").asDouble()).isEqualTo(0.9);
        assertThat(config.get("topK").asInt()).isEqualTo(40);
        assertThat(config.get("stopSequences").get(0).asText()).isEqualTo("END");
        assertThat(config.get("presencePenalty").asDouble()).isEqualTo(0.5);
        assertThat(config.get("frequencyPenalty").asDouble()).isEqualTo(0.25);
        assertThat(config.get("seed").asLong()).isEqualTo(42);
        assertThat(config.get("responseMimeType").asText()).isEqualTo("application/json");
        assertThat(config.has("responseJsonSchema")).isFalse();
        assertThat(config.has("candidateCount")).as("one candidate, Google's default").isFalse();
    }

    @Test
    void a_json_schema_response_format_and_tools_pass_their_json_schemas_on() throws IOException {
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")));
        ModelParameters p = new ModelParameters(null, null, null, null, null, null, null, null,
                Map.of("type", "json_schema", "json_schema", Map.of("name", "answer", "schema", schema)),
                List.of(new ToolSpec("get_weather", "Weather of a city", schema)));

        JsonNode body = body(new ChatRequest("m", List.of(PromptMessage.user("x")), p, 1));

        assertThat(body.at("/generationConfig/responseMimeType").asText()).isEqualTo("application/json");
        assertThat(body.at("/generationConfig/responseJsonSchema/properties/city/type").asText()).isEqualTo("string");
        assertThat(body.at("/tools/0/functionDeclarations/0/name").asText()).isEqualTo("get_weather");
        assertThat(body.at("/tools/0/functionDeclarations/0/parametersJsonSchema/type").asText()).isEqualTo("object");
    }

    @Test
    void finish_reasons_map_onto_openai_style_ones() {
        assertThat(GeminiMapper.finishReason("STOP", false)).isEqualTo("stop");
        assertThat(GeminiMapper.finishReason("STOP", true)).isEqualTo("tool_calls");
        assertThat(GeminiMapper.finishReason("MAX_TOKENS", false)).isEqualTo("length");
        for (String blocked : List.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY")) {
            assertThat(GeminiMapper.finishReason(blocked, false)).as(blocked).isEqualTo("content_filter");
        }
        assertThat(GeminiMapper.finishReason("MALFORMED_FUNCTION_CALL", false)).isEqualTo("malformed_function_call");
        assertThat(GeminiMapper.finishReason(null, false)).isNull();
    }

    @Test
    void thinking_tokens_count_as_output_and_tool_prompts_as_input() {
        Usage usage = GeminiMapper.usage(new GeminiWire.UsageMetadata(100, 20, 64, 30, 5, 155));

        assertThat(usage).isEqualTo(new Usage(105, 50, 64, 30));
        assertThat(usage.totalTokens()).isEqualTo(155);
        assertThat(GeminiMapper.usage(null)).isEqualTo(Usage.NONE);
    }

    @Test
    void reads_an_answer_keeping_thought_summaries_apart_as_reasoning() throws Exception {
        String body = """
                {"candidates":[{"content":{"role":"model","parts":[
                  {"text":"Let me think about capitals...","thought":true},
                  {"text":"Paris"},{"text":"."}]},"finishReason":"STOP"}],
                 "usageMetadata":{"promptTokenCount":9,"candidatesTokenCount":2,"totalTokenCount":11}}""";

        ChatResponse response = GeminiMapper.fromJson(body, "gemini-2.5-pro");

        assertThat(response).isEqualTo(new ChatResponse("Paris.", "stop", new Usage(9, 2), "gemini-2.5-pro", null,
                List.of(Reasoning.text("Let me think about capitals...", null))));
    }

    @Test
    void a_function_call_is_a_tool_calls_answer_and_a_safety_stop_a_content_filter_one() throws Exception {
        ChatResponse call = GeminiMapper.fromJson(fixture("function-call.json"), "m");
        ChatResponse filtered = GeminiMapper.fromJson(fixture("answer-safety.json"), "m");

        assertThat(call.content()).isEmpty();
        assertThat(call.finishReason()).isEqualTo("tool_calls");
        assertThat(call.toolCalls()).containsExactly(
                new ToolCall("call_tXx7aLfBM8ePkdUPlZ3BsQk_0", "get_weather", "{\"city\":\"Paris\"}"));
        assertThat(call.model()).isEqualTo("gemini-2.5-flash");
        assertThat(filtered.content()).isEmpty();
        assertThat(filtered.finishReason()).isEqualTo("content_filter");
        assertThat(filtered.usage().promptTokens()).isEqualTo(12);
    }

    @Test
    void a_blocked_prompt_is_not_an_answer_but_says_why() {
        assertThatThrownBy(() -> GeminiMapper.fromJson(fixture("prompt-blocked.json"), "m"))
                .isInstanceOf(GeminiMapper.PromptBlocked.class)
                .extracting(e -> ((GeminiMapper.PromptBlocked) e).blockReason()).isEqualTo("SAFETY");
    }

    @Test
    void bodies_that_are_not_answers_say_what_is_wrong_without_quoting_them() {
        assertThatThrownBy(() -> GeminiMapper.fromJson(fixture("malformed.json"), "m"))
                .isInstanceOf(GeminiMapper.NotAnAnswer.class).hasMessage("the body has no candidates");
        assertThatThrownBy(() -> GeminiMapper.fromJson("{\"secret\": sk-12345", "m"))
                .isInstanceOf(GeminiMapper.NotAnAnswer.class).hasMessageStartingWith("the body is not valid generateContent JSON")
                .hasMessageNotContaining("sk-12345");
        assertThatThrownBy(() -> GeminiMapper.fromJson(" ", "m")).hasMessage("the body is empty");
        assertThatThrownBy(() -> GeminiMapper.fromJson("{\"candidates\":[{\"index\":0}]}", "m"))
                .hasMessage("candidates[0] has neither content nor a finishReason");
    }

    @Test
    void stream_events_are_chunks_or_googles_error() throws Exception {
        GeminiMapper.StreamEvent chunk = GeminiMapper.parseEvent(
                "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}],\"role\":\"model\"},\"index\":0}]}");
        GeminiMapper.StreamEvent error = GeminiMapper.parseEvent(
                "{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}");

        GeminiAnswer state = new GeminiAnswer("m");
        assertThat(state.accept(((GeminiMapper.StreamEvent.Chunk) chunk).response())).containsExactly(new StreamPiece.Text("Hi"));
        assertThat(state.finished()).isFalse();
        assertThat(((GeminiMapper.StreamEvent.Error) error).error())
                .isEqualTo(new GeminiWire.GoogleError(503, "The model is overloaded.", "UNAVAILABLE", null, null));
        assertThatThrownBy(() -> GeminiMapper.parseEvent("[DONE]")).isInstanceOf(GeminiMapper.NotAnAnswer.class);
    }
}
