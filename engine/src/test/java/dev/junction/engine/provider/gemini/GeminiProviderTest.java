package dev.junction.engine.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.deployment.ToolSpec;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.StreamPiece;
import dev.junction.engine.provider.StreamSink;
import dev.junction.engine.provider.contract.ReplayServer;
import dev.junction.engine.provider.contract.ReplayServerTest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the contract suite does not pin down: the request on the wire, blocked prompts, and the stream's clocks. */
class GeminiProviderTest extends ReplayServerTest {
    private static final String KEY = "AIzaSyB-test-0123456789abcdefghijklmno";

    @Override
    protected String fixtures() {
        return "gemini";
    }

    private GeminiProvider provider() {
        return new GeminiProvider(new GeminiConnection("gemini", server.rootUrl(), KEY, Duration.ofSeconds(5)), http, Clock.systemUTC());
    }

    private static ChatRequest request(Duration timeout, Duration firstToken) {
        return new ChatRequest("gemini-2.5-flash",
                List.of(PromptMessage.system("Answer in one sentence."), PromptMessage.user("What is the capital of France?")),
                ModelParameters.of(0.2, 100), 1, timeout, firstToken);
    }

    private static ProviderFailure failureOf(Runnable call) {
        ProviderException e = thrownBy(call);
        assertThat(e.getMessage()).doesNotContain(KEY);
        return e.failure();
    }

    @Test
    void sends_the_prompt_as_contents_with_a_system_instruction_and_the_key_in_a_header() throws Exception {
        server.replyWithFixture(200, "success.json");

        ChatResponse response = provider().chat(request(null, null));

        ReplayServer.Received received = server.onlyRequest();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(received.query()).isNull();
        assertThat(received.header("x-goog-api-key")).isEqualTo(KEY);
        assertThat(received.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = GeminiMapper.JSON.readTree(received.body());
        assertThat(body.at("/systemInstruction/parts/0/text").asText()).isEqualTo("Answer in one sentence.");
        assertThat(body.at("/contents/0/role").asText()).isEqualTo("user");
        assertThat(body.at("/generationConfig/maxOutputTokens").asInt()).isEqualTo(100);
        assertThat(response.model()).isEqualTo("gemini-2.5-flash");
    }

    @Test
    void streams_from_stream_generate_content_as_server_sent_events() {
        server.streamFixture("stream.sse", 0);
        List<String> deltas = new ArrayList<>();

        ChatResponse response = provider().stream(request(null, null), dev.junction.engine.provider.StreamSink.texts(deltas::add));

        ReplayServer.Received received = server.onlyRequest();
        assertThat(received.path()).isEqualTo("/v1beta/models/gemini-2.5-flash:streamGenerateContent");
        assertThat(received.query()).isEqualTo("alt=sse");
        assertThat(received.header("Accept")).isEqualTo("text/event-stream");
        assertThat(deltas).containsExactly("The", " capital of", " France", " is", " Paris", ".");
        assertThat(response.finishReason()).isEqualTo("stop");
    }

    @Test
    void a_blocked_prompt_is_a_bad_request_not_an_empty_answer_in_a_call_or_a_stream() {
        server.replyWithFixture(200, "prompt-blocked.json");
        ProviderFailure call = failureOf(() -> provider().chat(request(null, null)));
        server.streamFixture("stream-prompt-blocked.sse", 0);
        List<String> deltas = new ArrayList<>();
        ProviderFailure stream = failureOf(() -> provider().stream(request(null, null), dev.junction.engine.provider.StreamSink.texts(deltas::add)));

        assertThat(call).isEqualTo(new ProviderFailure.BadRequest(200, "gemini blocked the prompt (SAFETY)"));
        assertThat(stream).isEqualTo(new ProviderFailure.BadRequest(200, "gemini blocked the prompt (PROHIBITED_CONTENT)"));
        assertThat(deltas).isEmpty();
    }

    @Test
    void an_answer_stopped_by_safety_is_a_content_filter_answer() {
        server.replyWithFixture(200, "answer-safety.json");

        ChatResponse response = provider().chat(request(null, null));

        assertThat(response.content()).isEmpty();
        assertThat(response.finishReason()).isEqualTo("content_filter");
    }

    @Test
    void a_key_google_does_not_know_is_unauthorized() {
        server.replyWithFixture(400, "error-400-api-key-invalid.json");

        assertThat(failureOf(() -> provider().chat(request(null, null)))).isInstanceOf(ProviderFailure.Unauthorized.class);
    }

    @Test
    void an_error_in_the_stream_is_googles_error_after_the_text_before_it() {
        server.streamFixture("stream-error.sse", 0);
        List<String> deltas = new ArrayList<>();

        ProviderFailure f = failureOf(() -> provider().stream(request(null, null), dev.junction.engine.provider.StreamSink.texts(deltas::add)));

        assertThat(deltas).containsExactly("The capital", " of France");
        assertThat(f).isEqualTo(new ProviderFailure.ServerError(503, "The model is overloaded. Please try again later."));
        assertThat(f.retryable()).isTrue();
    }

    @Test
    void the_two_stream_clocks_say_which_ran_out() {
        server.streamFixtureThenStall("stream.sse", 0);
        ProviderFailure first = failureOf(() -> provider().stream(request(Duration.ofSeconds(5), Duration.ofMillis(300)), d -> {}));
        server.reset();
        server.streamFixtureThenStall("stream.sse", 2);
        long started = System.nanoTime();
        ProviderFailure gap = failureOf(() -> provider().stream(request(Duration.ofMillis(300), Duration.ofSeconds(5)), d -> {}));
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(first).isEqualTo(new ProviderFailure.Timeout("gemini sent no text within 300 ms"));
        assertThat(gap).isEqualTo(new ProviderFailure.Timeout("gemini's stream sent nothing for 300 ms"));
        assertThat(took).as("the gap, not the first-token limit").isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void time_spent_in_the_sink_does_not_count_against_the_provider() {
        server.streamFixture("stream.sse", 0);
        List<String> deltas = new ArrayList<>();
        StreamSink slow = StreamSink.texts(delta -> {
            try {
                Thread.sleep(350);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            deltas.add(delta);
        });

        ChatResponse response = provider().stream(request(Duration.ofMillis(200), Duration.ofSeconds(5)), slow);

        assertThat(response.content()).isEqualTo("The capital of France is Paris.");
        assertThat(deltas).hasSize(6);
    }

    @Test
    void a_stream_that_breaks_after_its_finish_reason_chunk_is_a_whole_answer_and_one_that_breaks_before_is_not() {
        server.streamFixtureThenCut("stream-then-cut.sse", 6); // the six events of stream.sse, then the body is cut
        List<String> deltas = new ArrayList<>();

        ChatResponse response = provider().stream(request(null, null), dev.junction.engine.provider.StreamSink.texts(deltas::add));

        assertThat(response.content()).isEqualTo("The capital of France is Paris.");
        assertThat(response.finishReason()).isEqualTo("stop");
        assertThat(response.usage().completionTokens()).isEqualTo(7);
        server.reset();
        server.streamFixtureThenCut("stream.sse", 5);
        assertThat(failureOf(() -> provider().stream(request(null, null), d -> {})))
                .isInstanceOf(ProviderFailure.ConnectionFailed.class);
    }

    private static ChatRequest toolRequest(Duration timeout, Duration firstToken) {
        ModelParameters p = new ModelParameters(null, null, null, null, null, null, null, null, null,
                List.of(new ToolSpec("get_weather", "Current weather of a city",
                        Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string"))))),
                null, null, "medium", null);
        return new ChatRequest("gemini-2.5-flash", List.of(PromptMessage.user("Weather in Paris?")), p, 1, timeout, firstToken);
    }

    @Test
    void a_streamed_function_call_reaches_the_sink_whole_after_the_reasoning() throws Exception {
        server.streamFixture("stream-function-call.sse", 0);
        List<StreamPiece> pieces = new ArrayList<>();

        ChatResponse response = provider().stream(toolRequest(null, null), pieces::add);

        JsonNode body = GeminiMapper.JSON.readTree(server.onlyRequest().body());
        assertThat(body.at("/tools/0/functionDeclarations/0/name").asText()).isEqualTo("get_weather");
        assertThat(body.at("/generationConfig/thinkingConfig/thinkingBudget").asInt()).isEqualTo(8192);
        assertThat(body.at("/generationConfig/thinkingConfig/includeThoughts").asBoolean()).isTrue();
        assertThat(pieces).hasSize(2);
        assertThat(pieces.get(0)).isInstanceOf(StreamPiece.ReasoningDelta.class);
        assertThat(pieces.get(1)).isEqualTo(new StreamPiece.ToolCallDelta(0, "call_XYJ7aJ2gA7OFkdUPwJ-4gQ0_0", "get_weather",
                "{\"city\":\"Paris\"}"));
        assertThat(response.finishReason()).isEqualTo("tool_calls");
        assertThat(response.toolCalls()).extracting(ToolCall::signature)
                .containsExactly("CsYCAdHtim9Qm1pZ3RvbGQtc2lnbmF0dXJlLWZvci1wYXJpcw==");
    }

    @Test
    void a_thought_is_the_first_token_of_a_stream_not_only_text() {
        server.streamFixtureThenStall("stream-function-call.sse", 1); // the thought, then nothing
        long started = System.nanoTime();

        ProviderFailure f = failureOf(() -> provider().stream(toolRequest(Duration.ofMillis(300), Duration.ofSeconds(10)), p -> {}));

        assertThat(f).isEqualTo(new ProviderFailure.Timeout("gemini's stream sent nothing for 300 ms"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void a_part_gemini_cannot_take_is_refused_before_anything_is_sent() {
        ChatRequest request = new ChatRequest("gemini-2.5-flash", List.of(PromptMessage.of(dev.junction.engine.deployment.Role.USER,
                List.of(new dev.junction.engine.deployment.ContentPart.Image("https://example.com/render?id=7", null)))),
                ModelParameters.DEFAULTS, 1);

        ProviderFailure f = failureOf(() -> provider().chat(request));

        assertThat(f).isInstanceOf(ProviderFailure.Unsupported.class);
        assertThat(f.sent()).isFalse();
        assertThat(server.received()).isEmpty();
    }
}
