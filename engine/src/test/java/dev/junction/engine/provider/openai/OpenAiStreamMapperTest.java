package dev.junction.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.StreamPiece;
import dev.junction.engine.provider.Usage;
import java.time.Clock;
import java.time.Duration;
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
}
