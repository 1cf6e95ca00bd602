package dev.junction.engine.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.StreamPiece;
import dev.junction.engine.provider.http.SseReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stream's events as the Messages API sends them: text, tool calls, reasoning, JSON by the forced tool. */
class AnthropicStreamMapperTest {
    private static final AnthropicErrors ERRORS =
            new AnthropicErrors(new AnthropicConnection("claude", "https://api.anthropic.com", "sk-ant-test", null), Clock.systemUTC());

    /** Every piece the fixture's events make, in order, through the same SSE framing the adapter uses. */
    static List<StreamPiece> replay(AnthropicStreamMapper mapper, String fixture) throws Exception {
        String text;
        try (InputStream in = AnthropicStreamMapperTest.class.getResourceAsStream("/fixtures/anthropic/" + fixture)) {
            if (in == null) throw new IOException("no fixture " + fixture);
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        SseReader reader = new SseReader();
        List<StreamPiece> pieces = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            SseReader.Event event = reader.line(line);
            if (event != null) pieces.addAll(mapper.accept(event, 200));
        }
        SseReader.Event last = reader.end();
        if (last != null) pieces.addAll(mapper.accept(last, 200));
        return pieces;
    }

    @Test
    void the_stream_accumulator_builds_the_answer_and_takes_the_last_cumulative_usage() throws Exception {
        AnthropicStreamMapper acc = new AnthropicStreamMapper("asked", null, ERRORS);
        assertThat(acc.accept("message_start", """
                {"type":"message_start","message":{"type":"message","model":"claude-opus-4-1","content":[],
                 "usage":{"input_tokens":10,"cache_read_input_tokens":5,"output_tokens":1}}}""")).isEmpty();
        assertThat(acc.accept("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")).isEmpty();
        assertThat(acc.started()).as("an empty text block is no piece").isFalse();
        assertThat(acc.accept("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}"))
                .containsExactly(new StreamPiece.Text("Hi"));
        assertThat(acc.started()).isTrue();
        assertThat(acc.accept("ping", "{\"type\": \"ping\"}")).isEmpty();
        assertThat(acc.accept("message_delta", """
                {"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},
                 "usage":{"input_tokens":12,"cache_read_input_tokens":5,"output_tokens":7}}""")).isEmpty();
        assertThat(acc.complete()).isFalse();
        acc.accept("message_stop", "{\"type\":\"message_stop\"}");

        assertThat(acc.complete()).isTrue();
        ChatResponse response = acc.response();
        assertThat(response.content()).isEqualTo("Hi");
        assertThat(response.finishReason()).isEqualTo("length");
        assertThat(response.model()).isEqualTo("claude-opus-4-1");
        assertThat(response.usage().promptTokens()).isEqualTo(17);
        assertThat(response.usage().cachedPromptTokens()).isEqualTo(5);
        assertThat(response.usage().completionTokens()).isEqualTo(7);
        assertThat(response.toolCalls()).isEmpty();
        assertThat(response.reasoning()).isEmpty();
    }

    @Test
    void tool_use_blocks_stream_as_tool_call_pieces_by_index_and_make_the_answers_calls() throws Exception {
        AnthropicStreamMapper mapper = new AnthropicStreamMapper("asked", null, ERRORS);

        List<StreamPiece> pieces = replay(mapper, "stream-tool-use.sse");

        assertThat(pieces).containsExactly(
                new StreamPiece.Text("I'll check the weather"),
                new StreamPiece.Text(" in Paris and Rome."),
                new StreamPiece.ToolCallDelta(0, "toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather", ""),
                new StreamPiece.ToolCallDelta(0, null, null, "{\"locati"),
                new StreamPiece.ToolCallDelta(0, null, null, "on\": \"P"),
                new StreamPiece.ToolCallDelta(0, null, null, "aris\"}"),
                new StreamPiece.ToolCallDelta(1, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather", ""),
                new StreamPiece.ToolCallDelta(1, null, null, "{\"location\":"),
                new StreamPiece.ToolCallDelta(1, null, null, " \"Rome\"}"));
        assertThat(mapper.complete()).isTrue();
        ChatResponse response = mapper.response();
        assertThat(response.content()).isEqualTo("I'll check the weather in Paris and Rome.");
        assertThat(response.finishReason()).isEqualTo("tool_calls");
        assertThat(response.toolCalls()).containsExactly(
                new ToolCall("toolu_01NRLabsLyVHZPKxbKvkfSMn", "get_weather", "{\"location\": \"Paris\"}"),
                new ToolCall("toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather", "{\"location\": \"Rome\"}"));
        assertThat(response.usage().completionTokens()).isEqualTo(89);
    }

    @Test
    void a_tool_calls_start_alone_counts_as_the_first_piece() throws Exception {
        AnthropicStreamMapper mapper = new AnthropicStreamMapper("asked", null, ERRORS);
        mapper.accept("content_block_start",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"f\",\"input\":{}}}");
        assertThat(mapper.started()).isTrue();
        assertThat(mapper.response().toolCalls()).containsExactly(new ToolCall("toolu_1", "f", "{}"));
    }

    @Test
    void thinking_streams_as_reasoning_pieces_with_its_signature_and_redacted_thinking_is_kept() throws Exception {
        AnthropicStreamMapper mapper = new AnthropicStreamMapper("asked", null, ERRORS);

        List<StreamPiece> pieces = replay(mapper, "stream-thinking.sse");

        String signature = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds...";
        assertThat(pieces).containsExactly(
                new StreamPiece.ReasoningDelta("27 * 453 = 27 * 400 + 27 * 53", null),
                new StreamPiece.ReasoningDelta(" = 10800 + 1431 = 12231.", null),
                new StreamPiece.ReasoningDelta(null, signature),
                new StreamPiece.Text("27 * 453 = 12,231."));
        ChatResponse response = mapper.response();
        assertThat(response.content()).isEqualTo("27 * 453 = 12,231.");
        assertThat(response.finishReason()).isEqualTo("stop");
        assertThat(response.reasoning()).containsExactly(
                Reasoning.text("27 * 453 = 27 * 400 + 27 * 53 = 10800 + 1431 = 12231.", signature),
                Reasoning.redacted("EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP"));
        assertThat(response.toolCalls()).isEmpty();
    }

    @Test
    void the_json_tools_input_streams_as_text_and_is_the_answer_with_no_tool_call() throws Exception {
        AnthropicStreamMapper mapper = new AnthropicStreamMapper("asked", "capital_answer", ERRORS);

        List<StreamPiece> pieces = replay(mapper, "stream-json-tool.sse");

        assertThat(pieces).containsExactly(
                new StreamPiece.Text("{\"country\": \"Fra"),
                new StreamPiece.Text("nce\", \"capital\": "),
                new StreamPiece.Text("\"Paris\"}"));
        ChatResponse response = mapper.response();
        assertThat(response.content()).isEqualTo("{\"country\": \"France\", \"capital\": \"Paris\"}");
        assertThat(response.finishReason()).as("the forced tool's stop is the answer done").isEqualTo("stop");
        assertThat(response.toolCalls()).isEmpty();
        assertThat(response.hasToolCalls()).isFalse();
    }

    @Test
    void without_json_mode_the_same_stream_is_a_tool_call() throws Exception {
        AnthropicStreamMapper mapper = new AnthropicStreamMapper("asked", null, ERRORS);
        List<StreamPiece> pieces = replay(mapper, "stream-json-tool.sse");
        assertThat(pieces).first().isEqualTo(new StreamPiece.ToolCallDelta(0, "toolu_01Mx7Fv2Qz8RkT4wLp9sNcYc", "capital_answer", ""));
        assertThat(mapper.response().finishReason()).isEqualTo("tool_calls");
        assertThat(mapper.response().content()).isEmpty();
    }

    @Test
    void a_delta_for_a_block_that_never_started_is_not_the_wire() {
        AnthropicStreamMapper mapper = new AnthropicStreamMapper("m", null, ERRORS);
        assertThatThrownBy(() -> mapper.accept("content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":3,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\"}}"))
                .isInstanceOf(AnthropicMapper.NotAMessage.class).hasMessageContaining("never started");
        assertThatThrownBy(() -> mapper.accept("content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"x\"}}"))
                .isInstanceOf(AnthropicMapper.NotAMessage.class);
    }

    @Test
    void an_error_event_is_a_stream_error_with_its_type_and_message() {
        AnthropicStreamMapper acc = new AnthropicStreamMapper("m", null, ERRORS);
        assertThatThrownBy(() -> acc.accept("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))
                .isInstanceOfSatisfying(AnthropicStreamMapper.StreamError.class, e -> {
                    assertThat(e.type()).isEqualTo("overloaded_error");
                    assertThat(e.detail()).isEqualTo("Overloaded");
                });
        assertThatThrownBy(() -> acc.accept("content_block_delta", "{not json"))
                .isInstanceOf(AnthropicMapper.NotAMessage.class);
    }
}
