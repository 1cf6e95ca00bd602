package dev.junction.engine.provider.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import java.util.List;
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
}
