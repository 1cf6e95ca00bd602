package dev.junction.engine.provider.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.StreamCancelledException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The contract every provider adapter passes, against a real loopback HTTP server replaying that provider's wire
 * format from fixture files in {@code /fixtures/<fixtures()>/}:
 * <ul>
 *   <li>{@code success.json} (200) and {@code stream.sse} (200, the same kind of answer as server-sent events);</li>
 *   <li>{@code stream-error.sse}: a stream that carries the provider's error event after some text;</li>
 *   <li>errors as the provider sends them: {@code error-context-length.json} (with {@link #contextLengthStatus()}),
 *       {@code error-401.json}, {@code error-404.json}, {@code error-429.json} (sent with {@code Retry-After: 7}),
 *       {@code error-500.json}, {@code error-503.json}, and {@code malformed.json} (a 200 that is not an answer);</li>
 *   <li>faults below the format: a reset connection, a stall before the body, a stream cut short, a stream that
 *       stalls before its first token or in the middle, and a client that goes away mid-stream.</li>
 * </ul>
 * A subclass says how to build its adapter and what its fixtures contain.
 */
public abstract class ProviderContractTest extends ReplayServerTest {
    protected static final String KEY = "sk-contract-Zq81mXw0vLr4TgPb2HcN7890";
    protected static final Duration FAST = Duration.ofSeconds(5);
    protected static final Duration SHORT = Duration.ofMillis(400);

    private final List<String> failureTexts = new CopyOnWriteArrayList<>();

    /** What the fixtures say: the answer of success.json, and the text stream.sse delivers. Public: a protected
     *  record's constructor is protected too, out of reach of subclasses in the adapters' packages. */
    public record Expected(String content, String finishReason, int promptTokens, int completionTokens,
                              int cachedPromptTokens, String streamedContent, int streamedPromptTokens,
                              int streamedCompletionTokens) {}

    /** The adapter under test, calling {@code rootUrl} (the server's {@code http://127.0.0.1:port}) with {@code apiKey}. */
    protected abstract ProviderAdapter adapter(String rootUrl, String apiKey, Duration timeout);

    protected abstract Expected expected();

    /** Asserts that the request carries the key the way the provider wants it (a header, a query parameter). */
    protected abstract void assertAuthenticated(ReplayServer.Received request, String apiKey);

    /** The status the provider answers a too-long prompt with (400 for most). */
    protected int contextLengthStatus() {
        return 400;
    }

    @AfterAll
    void noFailureShowedTheKey() {
        assertThat(failureTexts).as("no failure message ever shows the API key").noneMatch(t -> t.contains(KEY) || t.contains(KEY.substring(8)));
    }

    protected static ChatRequest request(Duration timeout, Duration firstToken) {
        return new ChatRequest("test-model",
                List.of(PromptMessage.system("Answer in one sentence."), PromptMessage.user("What is the capital of France?")),
                new ModelParameters(0.2, 100, null, null, null, null, null, null, null, null), 1, timeout, firstToken);
    }

    protected ProviderAdapter adapter() {
        return adapter(server.rootUrl(), KEY, FAST);
    }

    protected ProviderFailure failureOf(Runnable call) {
        ProviderException e = thrownBy(call);
        failureTexts.add(e.failure().message());
        failureTexts.add(e.failure().toString());
        failureTexts.add(String.valueOf(e.getMessage()));
        return e.failure();
    }

    protected ProviderFailure chatFailure() {
        return failureOf(() -> adapter().chat(request(null, null)));
    }

    // ---- plain calls ---------------------------------------------------------------------------------------------

    @Test
    void a_success_maps_text_finish_reason_and_usage_and_carries_the_key() {
        server.replyWithFixture(200, "success.json");

        ChatResponse response = adapter().chat(request(null, null));

        Expected e = expected();
        assertThat(response.content()).isEqualTo(e.content());
        assertThat(response.finishReason()).isEqualTo(e.finishReason());
        assertThat(response.usage().promptTokens()).isEqualTo(e.promptTokens());
        assertThat(response.usage().completionTokens()).isEqualTo(e.completionTokens());
        assertThat(response.usage().cachedPromptTokens()).isEqualTo(e.cachedPromptTokens());
        assertAuthenticated(server.onlyRequest(), KEY);
        assertThat(server.onlyRequest().body()).contains("What is the capital of France?");
        // the model goes in the body (OpenAI, Anthropic) or in the path (Gemini: /v1beta/models/test-model:generateContent)
        assertThat(server.onlyRequest().path() + " " + server.onlyRequest().body()).contains("test-model");
    }

    @Test
    void a_too_long_prompt_is_a_context_length_failure_that_is_not_retried() {
        server.replyWithFixture(contextLengthStatus(), "error-context-length.json");
        ProviderFailure f = chatFailure();
        assertThat(f).isInstanceOf(ProviderFailure.ContextLengthExceeded.class);
        assertThat(f.retryable()).isFalse();
    }

    @Test
    void a_401_is_unauthorized_and_not_retried() {
        server.replyWithFixture(401, "error-401.json");
        ProviderFailure f = chatFailure();
        assertThat(f).isInstanceOf(ProviderFailure.Unauthorized.class);
        assertThat(f.retryable()).isFalse();
    }

    @Test
    void a_404_is_an_unknown_model() {
        server.replyWithFixture(404, "error-404.json");
        ProviderFailure f = chatFailure();
        assertThat(f).isInstanceOf(ProviderFailure.ModelNotFound.class);
        assertThat(f.retryable()).isFalse();
    }

    @Test
    void a_429_is_a_rate_limit_with_its_retry_after() {
        server.replyWithFixture(429, "error-429.json", "Retry-After", "7");
        ProviderFailure f = chatFailure();
        assertThat(f).isInstanceOf(ProviderFailure.RateLimited.class);
        assertThat(((ProviderFailure.RateLimited) f).retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(f.retryable()).isTrue();
    }

    @Test
    void a_500_and_a_503_are_server_errors_worth_a_retry() {
        server.replyWithFixture(500, "error-500.json");
        ProviderFailure f500 = chatFailure();
        server.replyWithFixture(503, "error-503.json");
        ProviderFailure f503 = chatFailure();
        assertThat(f500).isInstanceOf(ProviderFailure.ServerError.class);
        assertThat(f500.upstreamStatus()).isEqualTo(500);
        assertThat(f503).isInstanceOf(ProviderFailure.ServerError.class);
        assertThat(f503.upstreamStatus()).isEqualTo(503);
        assertThat(f503.retryable()).isTrue();
    }

    @Test
    void a_200_that_is_not_an_answer_is_a_malformed_response() {
        server.replyWithFixture(200, "malformed.json");
        ProviderFailure f = chatFailure();
        assertThat(f).isInstanceOf(ProviderFailure.MalformedResponse.class);
        assertThat(f.retryable()).isTrue();
    }

    @Test
    void a_reset_connection_is_a_connection_failure() {
        try (RawSocketServer reset = RawSocketServer.start(RawSocketServer.Behaviour.RESET)) {
            ProviderFailure f = failureOf(() -> adapter(reset.rootUrl(), KEY, FAST).chat(request(null, null)));
            assertThat(f).isInstanceOf(ProviderFailure.ConnectionFailed.class);
            assertThat(f.retryable()).isTrue();
        }
    }

    @Test
    void a_stall_after_the_headers_is_a_timeout_of_the_request_not_of_the_connection() {
        server.stallAfterHeaders();
        ProviderFailure f = failureOf(() -> adapter().chat(request(SHORT, null)));
        assertThat(f).isInstanceOf(ProviderFailure.Timeout.class);
        assertThat(f.retryable()).isTrue();
    }

    // ---- streams -------------------------------------------------------------------------------------------------

    @Test
    void a_stream_delivers_the_text_in_pieces_and_ends_with_the_whole_answer() {
        server.streamFixture("stream.sse", 0);
        List<String> deltas = new ArrayList<>();

        ChatResponse response = adapter().stream(request(null, null), dev.junction.engine.provider.StreamSink.texts(deltas::add));

        Expected e = expected();
        assertThat(deltas).hasSizeGreaterThan(1).doesNotContain("");
        assertThat(String.join("", deltas)).isEqualTo(e.streamedContent());
        assertThat(response.content()).isEqualTo(e.streamedContent());
        assertThat(response.finishReason()).isNotBlank();
        assertThat(response.usage().promptTokens()).isEqualTo(e.streamedPromptTokens());
        assertThat(response.usage().completionTokens()).isEqualTo(e.streamedCompletionTokens());
        assertAuthenticated(server.onlyRequest(), KEY);
    }

    @Test
    void a_stream_refused_before_it_starts_fails_like_a_plain_call() {
        server.replyWithFixture(429, "error-429.json", "Retry-After", "7");
        List<String> deltas = new ArrayList<>();
        ProviderFailure f = failureOf(() -> adapter().stream(request(null, null), dev.junction.engine.provider.StreamSink.texts(deltas::add)));
        assertThat(f).isInstanceOf(ProviderFailure.RateLimited.class);
        assertThat(deltas).isEmpty();
    }

    @Test
    void an_error_event_in_the_middle_of_a_stream_fails_the_call_after_the_text_before_it() {
        server.streamFixture("stream-error.sse", 0);
        List<String> deltas = new ArrayList<>();
        ProviderFailure f = failureOf(() -> adapter().stream(request(null, null), dev.junction.engine.provider.StreamSink.texts(deltas::add)));
        assertThat(deltas).isNotEmpty();
        assertThat(f).isNotNull();
    }

    @Test
    void a_stream_cut_short_fails_and_is_never_taken_for_a_complete_answer() {
        server.streamFixtureThenCut("stream.sse", 2);
        List<String> deltas = new ArrayList<>();
        ProviderFailure f = failureOf(() -> adapter().stream(request(null, null), dev.junction.engine.provider.StreamSink.texts(deltas::add)));
        assertThat(f).isInstanceOfAny(ProviderFailure.ConnectionFailed.class, ProviderFailure.MalformedResponse.class);
        assertThat(f.retryable()).isTrue();
    }

    @Test
    void a_stream_that_ends_without_its_final_event_is_not_a_complete_answer() {
        server.streamFixtureThenEnd("stream.sse", 2);
        List<String> deltas = new ArrayList<>();
        ProviderFailure f = failureOf(() -> adapter().stream(request(null, null), dev.junction.engine.provider.StreamSink.texts(deltas::add)));
        assertThat(f).isInstanceOf(ProviderFailure.MalformedResponse.class);
        assertThat(f.message()).contains("stream ended");
    }

    @Test
    void a_stream_that_sends_no_text_in_time_fails_with_a_timeout() {
        server.streamFixtureThenStall("stream.sse", 0);
        List<String> deltas = new ArrayList<>();
        ProviderFailure f = failureOf(() -> adapter().stream(request(FAST, SHORT), dev.junction.engine.provider.StreamSink.texts(deltas::add)));
        assertThat(f).isInstanceOf(ProviderFailure.Timeout.class);
        assertThat(deltas).isEmpty();
    }

    @Test
    void a_stream_that_stalls_in_the_middle_fails_with_a_timeout() {
        server.streamFixtureThenStall("stream.sse", 3);
        List<String> deltas = new ArrayList<>();
        ProviderFailure f = failureOf(() -> adapter().stream(request(SHORT, FAST), dev.junction.engine.provider.StreamSink.texts(deltas::add)));
        assertThat(f).isInstanceOf(ProviderFailure.Timeout.class);
    }

    @Test
    void a_client_that_goes_away_cancels_the_upstream_call() throws Exception {
        server.streamFixture("stream.sse", 150);
        Throwable thrown = catchThrowable(() -> adapter().stream(request(null, null), delta -> {
            throw new StreamCancelledException("client went away");
        }));
        assertThat(thrown).isInstanceOf(StreamCancelledException.class);
        assertThat(server.awaitClientGone(5_000)).as("the adapter closed the upstream connection").isTrue();
    }
}
