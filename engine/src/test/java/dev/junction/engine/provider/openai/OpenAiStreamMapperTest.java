package dev.junction.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.engine.deployment.Reasoning;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.StreamPiece;
import dev.junction.engine.provider.Usage;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pure side of streams: the chunks (the SSE lines are SseReaderTest's), and what an error object in a stream maps to. */
class OpenAiStreamMapperTest {
    private final OpenAiErrors errors = new OpenAiErrors(
            new OpenAiConnection("vllm", "http://127.0.0.1:8000/v1", "sk-local-secret", null, Duration.ofSeconds(2)),
            Clock.systemUTC());

    @Test
    void is_complete_only_after_done_and_ignores_anything_after_it() throws Exception {
        OpenAiStreamMapper answer = new OpenAiStreamMapper("m", errors, false);

        assertThat(answer.accept("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}"))
                .containsExactly(new StreamPiece.Text("Hi"));
        assertThat(answer.complete()).isFalse();
        assertThat(answer.accept("[DONE]")).isEmpty();
        assertThat(answer.accept("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"more\"}}]}")).isEmpty();

        assertThat(answer.complete()).isTrue();
        assertThat(answer.response().content()).isEqualTo("Hi");
        assertThat(answer.response().model()).as("the requested model when no chunk names one").isEqualTo("m");
        assertThat(answer.response().usage()).isEqualTo(Usage.NONE);
    }

    @Test
    void takes_the_first_choice_only_and_skips_role_only_and_null_content_deltas() throws Exception {
        OpenAiStreamMapper answer = new OpenAiStreamMapper("m", errors, false);

        assertThat(answer.accept("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}")).isEmpty();
        assertThat(answer.started()).as("a role-only chunk is no piece").isFalse();
        assertThat(answer.accept("{\"choices\":[{\"index\":1,\"delta\":{\"content\":\"other\"}},{\"index\":0,\"delta\":{\"content\":\"A\"}}]}"))
                .containsExactly(new StreamPiece.Text("A"));
        assertThat(answer.accept("{\"choices\":[{\"index\":0,\"delta\":{\"content\":null,\"tool_calls\":[]}}]}")).isEmpty();
        assertThat(answer.started()).isTrue();
    }

    @Test
    void a_chunk_that_is_not_json_or_not_an_object_is_not_a_chat_completion() {
        OpenAiStreamMapper answer = new OpenAiStreamMapper("m", errors, false);

        assertThatThrownBy(() -> answer.accept("{\"choices\": [")).isInstanceOf(OpenAiMapper.NotAChatCompletion.class);
        assertThatThrownBy(() -> answer.accept("[1, 2]")).isInstanceOf(OpenAiMapper.NotAChatCompletion.class);
        assertThatThrownBy(() -> answer.accept("{\"choices\": \"none\"}")).isInstanceOf(OpenAiMapper.NotAChatCompletion.class);
    }

    @Test
    void an_error_object_is_a_stream_error_with_its_detail() {
        OpenAiStreamMapper answer = new OpenAiStreamMapper("m", errors, false);

        assertThatThrownBy(() -> answer.accept("{\"error\":{\"message\":\"boom\",\"type\":\"server_error\",\"code\":null}}"))
                .isInstanceOfSatisfying(OpenAiStreamMapper.StreamError.class,
                        e -> assertThat(e.detail()).isEqualTo(new OpenAiWire.ErrorDetail("boom", "server_error", null, null)));
    }

    @Test
    void maps_a_stream_error_by_its_numeric_code_or_its_kind_and_masks_the_key() {
        assertThat(errors.fromStreamError(new OpenAiWire.ErrorDetail("slow down", "BadRequestError", null, "429")))
                .isEqualTo(new ProviderFailure.RateLimited(null, "slow down"));
        assertThat(errors.fromStreamError(new OpenAiWire.ErrorDetail(
                "This model's maximum context length is 4096 tokens.", "BadRequestError", null, "400")))
                .isInstanceOf(ProviderFailure.ContextLengthExceeded.class);
        assertThat(errors.fromStreamError(new OpenAiWire.ErrorDetail("too many tokens", "tokens", null, "rate_limit_exceeded")))
                .isInstanceOf(ProviderFailure.RateLimited.class);
        assertThat(errors.fromStreamError(new OpenAiWire.ErrorDetail("key sk-local-secret revoked", "invalid_request_error", null,
                "invalid_api_key"))).isEqualTo(new ProviderFailure.Unauthorized(401, "key *** revoked"));
        assertThat(errors.fromStreamError(new OpenAiWire.ErrorDetail(null, null, null, null)))
                .isEqualTo(new ProviderFailure.ServerError(500, "vllm sent an error in the stream"));
        assertThat(errors.fromStreamError(new OpenAiWire.ErrorDetail("overloaded", null, null, "503")).retryable()).isTrue();
    }

    @Test
    void reads_text_then_a_tool_call_in_one_answer_as_deepseek_streams_it() throws Exception {
        OpenAiStreamMapper answer = new OpenAiStreamMapper("deepseek-chat", errors, true);

        answer.accept("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}");
        assertThat(answer.accept("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"I'll check.\"},\"finish_reason\":null}]}"))
                .containsExactly(new StreamPiece.Text("I'll check."));
        assertThat(answer.accept("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_00_Sq0n5HVeFHkS1mBrIGbwBQcK\",\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}"))
                .containsExactly(new StreamPiece.ToolCallDelta(0, "call_00_Sq0n5HVeFHkS1mBrIGbwBQcK", "get_weather", ""));
        assertThat(answer.accept("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"location\\\": \\\"Tokyo\\\"}\"}}]},\"finish_reason\":null}]}"))
                .containsExactly(new StreamPiece.ToolCallDelta(0, null, null, "{\"location\": \"Tokyo\"}"));
        answer.accept("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"},\"finish_reason\":\"tool_calls\"}],\"usage\":{\"prompt_tokens\":161,\"completion_tokens\":25,\"total_tokens\":186,\"prompt_tokens_details\":{\"cached_tokens\":128}}}");
        answer.accept("[DONE]");

        assertThat(answer.response()).isEqualTo(new ChatResponse("I'll check.", "tool_calls", new Usage(161, 25, 128, 0),
                "deepseek-chat", List.of(new ToolCall("call_00_Sq0n5HVeFHkS1mBrIGbwBQcK", "get_weather",
                "{\"location\": \"Tokyo\"}")), null));
    }

    @Test
    void a_tool_call_piece_alone_starts_the_stream() throws Exception {
        OpenAiStreamMapper answer = new OpenAiStreamMapper("m", errors, false);

        answer.accept("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null}}]}");
        assertThat(answer.started()).isFalse();
        answer.accept("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"\"}}]}}]}");

        assertThat(answer.started()).isTrue();
    }

    @Test
    void numbers_whole_calls_sent_without_an_index_in_order_and_keeps_a_repeated_id_on_its_call() throws Exception {
        OpenAiStreamMapper answer = new OpenAiStreamMapper("m", errors, false);

        assertThat(answer.accept("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"id\":\"a\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\":\"}},{\"id\":\"b\",\"function\":{\"name\":\"g\",\"arguments\":\"{}\"}}]}}]}"))
                .containsExactly(new StreamPiece.ToolCallDelta(0, "a", "f", "{\"x\":"), new StreamPiece.ToolCallDelta(1, "b", "g", "{}"));
        assertThat(answer.accept("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"id\":\"b\",\"function\":{\"arguments\":\"\"}}]}}]}"))
                .as("nothing new: the same id, no arguments").isEmpty();
        answer.accept("[DONE]");

        assertThat(answer.response().toolCalls()).containsExactly(new ToolCall("a", "f", "{\"x\":"), new ToolCall("b", "g", "{}"));
    }

    @Test
    void a_tool_call_that_never_named_its_function_is_not_a_whole_answer() throws Exception {
        OpenAiStreamMapper answer = new OpenAiStreamMapper("m", errors, false);
        answer.accept("{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{}\"}}]}}]}");

        assertThatThrownBy(() -> answer.accept("[DONE]")).isInstanceOf(OpenAiMapper.NotAChatCompletion.class)
                .hasMessage("the stream's tool call at index 0 never said its function name");
        assertThat(answer.complete()).isFalse();
    }

    @Test
    void reads_reasoning_or_reasoning_content_once_when_a_vendor_sends_both() throws Exception {
        OpenAiStreamMapper answer = new OpenAiStreamMapper("m", errors, false);

        assertThat(answer.accept("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"reasoning\":\"Let me\"}}]}"))
                .containsExactly(new StreamPiece.ReasoningDelta("Let me", null));
        assertThat(answer.accept("{\"choices\":[{\"index\":0,\"delta\":{\"reasoning\":\" think.\",\"reasoning_content\":\" think.\"}}]}"))
                .containsExactly(new StreamPiece.ReasoningDelta(" think.", null));
        assertThat(answer.started()).isTrue();
        answer.accept("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"4\"},\"finish_reason\":\"stop\"}]}");
        answer.accept("[DONE]");

        assertThat(answer.response().reasoning()).containsExactly(Reasoning.text("Let me think.", null));
        assertThat(answer.response().content()).isEqualTo("4");
    }
}
