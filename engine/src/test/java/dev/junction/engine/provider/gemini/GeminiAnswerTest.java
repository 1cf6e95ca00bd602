package dev.junction.engine.provider.gemini;

import static dev.junction.engine.provider.gemini.GeminiMapperTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.StreamPiece;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.provider.http.SseReader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Answers and streams with tool calls and reasoning, from fixtures in Gemini's wire format. */
class GeminiAnswerTest {

    /** Every event of an SSE fixture, through a stream mapper, with the pieces each event gave. */
    private static List<List<StreamPiece>> stream(GeminiStreamMapper mapper, String fixture) throws Exception {
        List<List<StreamPiece>> pieces = new ArrayList<>();
        for (String block : fixture(fixture).split("\n\n")) {
            if (block.isBlank()) continue;
            pieces.add(mapper.accept(new SseReader.Event(null, block.strip().substring("data: ".length())), 200));
        }
        return pieces;
    }

    private static GeminiStreamMapper mapper() {
        return new GeminiStreamMapper("gemini-2.5-flash",
                new GeminiErrors(new GeminiConnection("gemini", "http://127.0.0.1:1", "k", Duration.ofSeconds(1)), Clock.systemUTC()));
    }

    @Test
    void parallel_function_calls_are_tool_calls_in_order_the_first_keeping_its_signature() throws Exception {
        ChatResponse response = GeminiMapper.fromJson(fixture("function-calls-parallel.json"), "m");

        assertThat(response.finishReason()).isEqualTo("tool_calls");
        assertThat(response.content()).isEmpty();
        assertThat(response.toolCalls()).containsExactly(
                new ToolCall("call_r4F7aNPlLqWxkdUP9M3C0Ac_0", "get_weather", "{\"city\":\"Paris\",\"unit\":\"celsius\"}",
                        "CpkCAdHtim9sLq2Y0fZ8Q1vJk3cT6nqXwR4bH7uPz5aE2iDgW0oKxMyN"),
                new ToolCall("call_r4F7aNPlLqWxkdUP9M3C0Ac_1", "get_weather", "{\"city\":\"London\",\"unit\":\"celsius\"}"),
                new ToolCall("call_r4F7aNPlLqWxkdUP9M3C0Ac_2", "get_time", "{\"timezone\":\"Europe/Paris\"}"));
        assertThat(response.usage()).isEqualTo(new Usage(118, 46 + 137, 0, 137));
        assertThat(response.usage().totalTokens()).isEqualTo(301);
    }

    @Test
    void geminis_own_call_id_is_kept() throws Exception {
        String body = """
                {"candidates":[{"content":{"role":"model","parts":[
                  {"functionCall":{"id":"fc_7Yq1","name":"get_weather","args":{"city":"Oslo"}},"thoughtSignature":"c2ln"}]},
                  "finishReason":"STOP"}],"modelVersion":"gemini-3-pro-preview","responseId":"abc"}""";

        ChatResponse response = GeminiMapper.fromJson(body, "m");

        assertThat(response.toolCalls()).containsExactly(new ToolCall("fc_7Yq1", "get_weather", "{\"city\":\"Oslo\"}", "c2ln"));
    }

    @Test
    void a_call_without_a_response_id_gets_an_id_unique_to_its_answer() throws Exception {
        String body = """
                {"candidates":[{"content":{"role":"model","parts":[
                  {"functionCall":{"name":"get_weather","args":{}}},{"functionCall":{"name":"get_time"}}]},"finishReason":"STOP"}]}""";

        ChatResponse one = GeminiMapper.fromJson(body, "m");
        ChatResponse two = GeminiMapper.fromJson(body, "m");

        assertThat(one.toolCalls().get(0).id()).matches("call_[0-9a-f]{24}_0");
        assertThat(one.toolCalls().get(1).id()).isEqualTo(one.toolCalls().get(0).id().replaceAll("_0$", "_1"));
        assertThat(one.toolCalls().get(1).arguments()).isEqualTo("{}");
        assertThat(two.toolCalls().get(0).id()).isNotEqualTo(one.toolCalls().get(0).id());
    }

    @Test
    void thought_parts_are_reasoning_and_thought_tokens_are_reasoning_tokens_billed_as_output() throws Exception {
        ChatResponse response = GeminiMapper.fromJson(fixture("thinking.json"), "gemini-2.5-pro");

        assertThat(response.content()).isEqualTo("17 × 24 = 408.");
        assertThat(response.reasoning()).containsExactly(Reasoning.text(
                "**Weighing the numbers**\n\nI need the product of 17 and 24. 17 times 20 is 340, and 17 times 4 is 68, so the total is 408.\n",
                null));
        assertThat(response.finishReason()).isEqualTo("stop");
        assertThat(response.usage()).isEqualTo(new Usage(12, 9 + 211, 0, 211));
        assertThat(response.usage().totalTokens()).isEqualTo(232);
    }

    @Test
    void a_thought_with_a_signature_closes_its_block() throws Exception {
        String body = """
                {"candidates":[{"content":{"role":"model","parts":[
                  {"text":"first","thought":true},{"text":" thought","thought":true,"thoughtSignature":"c2lnMQ=="},
                  {"text":"second","thought":true},{"text":"Answer."}]},"finishReason":"STOP"}]}""";

        ChatResponse response = GeminiMapper.fromJson(body, "m");

        assertThat(response.reasoning()).containsExactly(Reasoning.text("first thought", "c2lnMQ=="), Reasoning.text("second", null));
        assertThat(response.content()).isEqualTo("Answer.");
    }

    @Test
    void a_streamed_function_call_is_one_whole_tool_call_piece_after_the_reasoning() throws Exception {
        GeminiStreamMapper mapper = mapper();
        assertThat(mapper.started()).isFalse();

        List<List<StreamPiece>> pieces = stream(mapper, "stream-function-call.sse");

        assertThat(pieces.get(0)).containsExactly(new StreamPiece.ReasoningDelta(
                "**Finding the weather tool**\n\nThe user wants the weather in Paris, so I'll call get_weather with the city.\n", null));
        assertThat(pieces.get(1)).containsExactly(new StreamPiece.ToolCallDelta(0, "call_XYJ7aJ2gA7OFkdUPwJ-4gQ0_0", "get_weather",
                "{\"city\":\"Paris\"}"));
        assertThat(mapper.started()).isTrue();
        assertThat(mapper.wholeAtEnd()).isTrue();
        ChatResponse response = mapper.response();
        assertThat(response.finishReason()).isEqualTo("tool_calls");
        assertThat(response.toolCalls()).containsExactly(new ToolCall("call_XYJ7aJ2gA7OFkdUPwJ-4gQ0_0", "get_weather",
                "{\"city\":\"Paris\"}", "CsYCAdHtim9Qm1pZ3RvbGQtc2lnbmF0dXJlLWZvci1wYXJpcw=="));
        assertThat(response.reasoning()).hasSize(1);
        assertThat(response.usage()).isEqualTo(new Usage(61, 16 + 88, 0, 88));
    }

    @Test
    void a_stream_that_thinks_first_has_started_before_any_text() throws Exception {
        GeminiStreamMapper mapper = mapper();

        List<List<StreamPiece>> pieces = stream(mapper, "stream-thinking.sse");

        assertThat(pieces.get(0)).containsExactly(new StreamPiece.ReasoningDelta(
                "**Weighing the numbers**\n\nI need the product of 17 and 24.", null));
        assertThat(pieces.get(2)).containsExactly(new StreamPiece.Text("17 × 24"));
        assertThat(pieces.get(3)).containsExactly(new StreamPiece.Text(" = 408."));
        ChatResponse response = mapper.response();
        assertThat(response.content()).isEqualTo("17 × 24 = 408.");
        assertThat(response.reasoning()).containsExactly(Reasoning.text(
                "**Weighing the numbers**\n\nI need the product of 17 and 24. 17 times 20 is 340, and 17 times 4 is 68, so the total is 408.\n",
                null));
        assertThat(response.usage().reasoningTokens()).isEqualTo(211);
        assertThat(response.usage().completionTokens()).isEqualTo(220);
    }

    @Test
    void a_chunk_with_nothing_new_does_not_start_the_stream() throws Exception {
        GeminiAnswer answer = new GeminiAnswer("m");

        List<StreamPiece> none = answer.accept(GeminiMapper.JSON.readValue(
                "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"\"}]},\"index\":0}]}",
                GeminiWire.GenerateContentResponse.class));

        assertThat(none).isEmpty();
        assertThat(answer.started()).isFalse();
    }
}
