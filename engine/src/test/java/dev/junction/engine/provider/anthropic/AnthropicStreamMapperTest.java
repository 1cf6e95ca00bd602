package dev.junction.engine.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.engine.provider.ChatResponse;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/** The stream's events as the Messages API sends them (moved from AnthropicMapperTest with the class split). */
class AnthropicStreamMapperTest {
    private static final AnthropicErrors ERRORS =
            new AnthropicErrors(new AnthropicConnection("claude", "https://api.anthropic.com", "sk-ant-test", null), Clock.systemUTC());

    @Test
    void the_stream_accumulator_builds_the_answer_and_takes_the_last_cumulative_usage() throws Exception {
        AnthropicStreamMapper acc = new AnthropicStreamMapper("asked", ERRORS);
        assertThat(acc.accept("message_start", """
                {"type":"message_start","message":{"type":"message","model":"claude-opus-4-1","content":[],
                 "usage":{"input_tokens":10,"cache_read_input_tokens":5,"output_tokens":1}}}""")).isNull();
        assertThat(acc.accept("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")).isNull();
        assertThat(acc.accept("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}")).isEqualTo("Hi");
        assertThat(acc.accept("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"c\"}}")).isNull();
        assertThat(acc.accept("ping", "{\"type\": \"ping\"}")).isNull();
        assertThat(acc.accept("message_delta", """
                {"type":"message_delta","delta":{"stop_reason":"max_tokens","stop_sequence":null},
                 "usage":{"input_tokens":12,"cache_read_input_tokens":5,"output_tokens":7}}""")).isNull();
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
    }

    @Test
    void an_error_event_is_a_stream_error_with_its_type_and_message() {
        AnthropicStreamMapper acc = new AnthropicStreamMapper("m", ERRORS);
        assertThatThrownBy(() -> acc.accept("error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"))
                .isInstanceOfSatisfying(AnthropicStreamMapper.StreamError.class, e -> {
                    assertThat(e.type()).isEqualTo("overloaded_error");
                    assertThat(e.detail()).isEqualTo("Overloaded");
                });
        assertThatThrownBy(() -> acc.accept("content_block_delta", "{not json"))
                .isInstanceOf(AnthropicMapper.NotAMessage.class);
    }
}
