package dev.junction.engine.provider.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.engine.catalog.CatalogModel;
import dev.junction.engine.catalog.SimulatorModels;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.StreamCancelledException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SimulatorProviderTest {
    private final SimulatorProvider simulator = new SimulatorProvider();
    private final List<PromptMessage> prompt = List.of(PromptMessage.system("Be brief."), PromptMessage.user("Hi"));

    private ChatRequest request(String model, int attempt) {
        return new ChatRequest(model, prompt, ModelParameters.DEFAULTS, attempt);
    }

    private static ProviderFailure failureOf(Runnable call) {
        try {
            call.run();
        } catch (ProviderException e) {
            return e.failure();
        }
        throw new AssertionError("the call did not fail");
    }

    @Test
    void echo_answers_deterministically_with_the_rendered_prompt_and_counts_tokens() {
        ChatResponse a = simulator.chat(request("echo", 1));
        ChatResponse b = simulator.chat(request("echo", 1));

        assertThat(a).isEqualTo(b);
        assertThat(a.content()).isEqualTo("system: Be brief.\nuser: Hi");
        assertThat(a.finishReason()).isEqualTo("stop");
        assertThat(a.usage().promptTokens()).isPositive();
        assertThat(a.usage().completionTokens()).isPositive();
    }

    @Test
    void max_tokens_cuts_the_reply_with_finish_reason_length() {
        ChatResponse r = simulator.chat(new ChatRequest("echo", prompt, ModelParameters.of(null, 2), 1));
        assertThat(r.finishReason()).isEqualTo("length");
        assertThat(r.content()).hasSize(8);
    }

    @Test
    void flaky_fails_its_first_attempt_with_a_retryable_503_and_succeeds_on_a_retry() {
        ProviderFailure first = failureOf(() -> simulator.chat(request("flaky", 1)));
        assertThat(first).isInstanceOf(ProviderFailure.ServerError.class);
        assertThat(first.upstreamStatus()).isEqualTo(503);
        assertThat(first.retryable()).isTrue();
        assertThat(simulator.chat(request("flaky", 2)).content()).contains("Hi");
    }

    @Test
    void rate_limited_always_answers_429_with_retry_after() {
        ProviderFailure f = failureOf(() -> simulator.chat(request("rate-limited", 3)));
        assertThat(f).isInstanceOfSatisfying(ProviderFailure.RateLimited.class,
                r -> assertThat(r.retryAfter()).hasSeconds(1));
    }

    @Test
    void tiny_context_refuses_a_prompt_that_does_not_fit_and_that_is_not_retryable() {
        List<PromptMessage> big = List.of(PromptMessage.user("x".repeat(400)));
        ProviderFailure f = failureOf(() -> simulator.chat(new ChatRequest("tiny-context", big, ModelParameters.DEFAULTS, 1)));
        assertThat(f).isInstanceOf(ProviderFailure.ContextLengthExceeded.class);
        assertThat(f.retryable()).isFalse();
        assertThat(simulator.chat(request("tiny-context", 1)).content()).contains("Hi");
    }

    @Test
    void broken_fails_with_500_and_an_unknown_model_with_model_not_found() {
        assertThat(failureOf(() -> simulator.chat(request("broken", 1))).upstreamStatus()).isEqualTo(500);
        assertThat(failureOf(() -> simulator.chat(request("gpt-4o", 1)))).isInstanceOf(ProviderFailure.ModelNotFound.class);
    }

    @Test
    void slow_takes_its_delay_from_its_name_and_a_malformed_one_is_an_unknown_model() {
        assertThat(simulator.chat(request("slow-5", 1)).content()).contains("Hi");
        assertThat(failureOf(() -> simulator.chat(request("slow-x", 1)))).isInstanceOf(ProviderFailure.ModelNotFound.class);
    }

    // ---- streams -------------------------------------------------------------------------------------------------

    private ChatRequest streamRequest(String model, int attempt, Duration timeout, Duration firstToken) {
        return new ChatRequest(model, prompt, ModelParameters.DEFAULTS, attempt, timeout, firstToken);
    }

    @Test
    void a_stream_delivers_the_echo_reply_in_word_pieces_and_returns_the_same_answer_as_a_plain_call() {
        List<String> pieces = new ArrayList<>();

        ChatResponse streamed = simulator.stream(request("echo", 1), dev.junction.engine.provider.StreamSink.texts(pieces::add));

        assertThat(pieces).containsExactly("system: ", "Be ", "brief.\n", "user: ", "Hi");
        assertThat(streamed).isEqualTo(simulator.chat(request("echo", 1)));
    }

    @Test
    void max_tokens_cuts_the_streamed_reply_too() {
        List<String> pieces = new ArrayList<>();
        ChatResponse r = simulator.stream(new ChatRequest("echo", prompt, ModelParameters.of(null, 2), 1), dev.junction.engine.provider.StreamSink.texts(pieces::add));
        assertThat(String.join("", pieces)).isEqualTo(r.content()).hasSize(8);
        assertThat(r.finishReason()).isEqualTo("length");
    }

    @Test
    void a_slow_stream_spreads_its_delay_over_the_pieces() {
        List<Long> at = new ArrayList<>();
        long start = System.nanoTime();

        simulator.stream(request("slow-500", 1), piece -> at.add((System.nanoTime() - start) / 1_000_000));

        assertThat(at).hasSize(5);
        assertThat(at.getFirst()).as("the first piece comes after a fifth of the delay").isBetween(90L, 400L);
        assertThat(at.getLast()).isGreaterThanOrEqualTo(490L);
    }

    @Test
    void a_slow_stream_fails_with_a_timeout_when_its_first_piece_or_a_later_one_takes_too_long() {
        ProviderFailure first = failureOf(() -> simulator.stream(
                streamRequest("slow-5000", 1, Duration.ofSeconds(10), Duration.ofMillis(50)), piece -> { }));
        assertThat(first).isInstanceOf(ProviderFailure.Timeout.class);
        assertThat(first.message()).contains("50 ms");

        List<String> pieces = new ArrayList<>();
        ProviderFailure gap = failureOf(() -> simulator.stream(
                streamRequest("slow-500", 1, Duration.ofMillis(50), Duration.ofSeconds(1)), dev.junction.engine.provider.StreamSink.texts(pieces::add)));
        assertThat(gap).isInstanceOf(ProviderFailure.Timeout.class);
        assertThat(pieces).containsExactly("system: ");
    }

    @Test
    void a_plain_call_to_a_slow_model_honours_the_request_timeout() {
        ProviderFailure f = failureOf(() -> simulator.chat(streamRequest("slow-5000", 1, Duration.ofMillis(50), null)));
        assertThat(f).isInstanceOf(ProviderFailure.Timeout.class);
    }

    @Test
    void cut_stream_sends_a_few_pieces_then_fails_with_a_retryable_connection_failure() {
        List<String> pieces = new ArrayList<>();

        ProviderFailure f = failureOf(() -> simulator.stream(request("cut-stream", 1), dev.junction.engine.provider.StreamSink.texts(pieces::add)));

        assertThat(pieces).containsExactly("system: ", "Be ", "brief.\n");
        assertThat(f).isInstanceOf(ProviderFailure.ConnectionFailed.class);
        assertThat(f.retryable()).isTrue();
        assertThat(failureOf(() -> simulator.chat(request("cut-stream", 2)))).isInstanceOf(ProviderFailure.ConnectionFailed.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"flaky", "rate-limited", "broken", "no-such-model"})
    void failing_models_fail_a_stream_before_its_first_piece(String model) {
        List<String> pieces = new ArrayList<>();
        ProviderFailure f = failureOf(() -> simulator.stream(request(model, 1), dev.junction.engine.provider.StreamSink.texts(pieces::add)));
        assertThat(f).isNotNull();
        assertThat(pieces).isEmpty();
    }

    @Test
    void tiny_context_fails_a_stream_before_its_first_piece() {
        List<String> pieces = new ArrayList<>();
        List<PromptMessage> big = List.of(PromptMessage.user("x".repeat(400)));
        ProviderFailure f = failureOf(() -> simulator.stream(new ChatRequest("tiny-context", big, ModelParameters.DEFAULTS, 1), dev.junction.engine.provider.StreamSink.texts(pieces::add)));
        assertThat(f).isInstanceOf(ProviderFailure.ContextLengthExceeded.class);
        assertThat(pieces).isEmpty();
    }

    @Test
    void a_client_that_goes_away_stops_the_stream() {
        List<String> pieces = new ArrayList<>();

        assertThatThrownBy(() -> simulator.stream(request("slow-200", 1), dev.junction.engine.provider.StreamSink.texts(piece -> {
            pieces.add(piece);
            if (pieces.size() == 2) throw new StreamCancelledException("client went away");
        }))).isInstanceOf(StreamCancelledException.class);

        assertThat(pieces).hasSize(2);
    }

    @Test
    void every_simulator_model_is_in_the_catalog() {
        assertThat(SimulatorModels.all()).extracting(CatalogModel::model)
                .containsExactlyInAnyOrderElementsOf(SimulatorProvider.MODELS);
    }
}
