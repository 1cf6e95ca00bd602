package dev.junction.engine.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.contract.ReplayServer;
import dev.junction.engine.provider.contract.ReplayServerTest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the contract suite does not pin down: the request on the wire, and Anthropic's own statuses and events. */
class AnthropicProviderTest extends ReplayServerTest {
    private static final String KEY = "sk-ant-api03-test-key";

    @Override
    protected String fixtures() {
        return "anthropic";
    }

    private AnthropicProvider adapter(String key) {
        return new AnthropicProvider(new AnthropicConnection("claude", server.rootUrl(), key, Duration.ofSeconds(5)), http, Clock.systemUTC());
    }

    private static ChatRequest request(Duration timeout, Duration firstToken) {
        return new ChatRequest("claude-sonnet-4-5",
                List.of(PromptMessage.system("Be brief."), PromptMessage.system("Answer in English."),
                        PromptMessage.user("Hi."), PromptMessage.user("What is the capital of France?")),
                new ModelParameters(0.2, null, null, null, List.of("END"), null, null, null, null, null), 1, timeout, firstToken);
    }

    private static ProviderFailure failureOf(Runnable call) {
        return thrownBy(call).failure();
    }

    @Test
    void a_call_sends_the_messages_api_request() throws Exception {
        server.replyWithFixture(200, "success.json");

        adapter(KEY).chat(request(null, null));

        ReplayServer.Received received = server.onlyRequest();
        assertThat(received.header("accept")).isEqualTo("application/json");
        JsonNode body = AnthropicMapper.JSON.readTree(received.body());
        assertThat(body.get("model").asText()).isEqualTo("claude-sonnet-4-5");
        assertThat(body.get("system").asText()).isEqualTo("Be brief.\n\nAnswer in English.");
        assertThat(body.get("messages")).hasSize(1);
        assertThat(body.at("/messages/0/content").asText()).isEqualTo("Hi.\n\nWhat is the capital of France?");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(4096);
        assertThat(body.at("/stop_sequences/0").asText()).isEqualTo("END");
        assertThat(body.has("stream")).isFalse();
    }

    @Test
    void a_stream_asks_for_server_sent_events() throws Exception {
        server.streamFixture("stream.sse", 0);

        ChatResponse response = adapter(KEY).stream(request(null, null), delta -> { });

        ReplayServer.Received received = server.onlyRequest();
        assertThat(received.header("accept")).isEqualTo("text/event-stream");
        assertThat(AnthropicMapper.JSON.readTree(received.body()).get("stream").asBoolean()).isTrue();
        assertThat(response.finishReason()).isEqualTo("stop");
        assertThat(response.model()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(response.usage().cachedPromptTokens()).as("the stream wrote the cache, it read none").isZero();
    }

    @Test
    void a_connection_without_a_key_sends_no_key_header() {
        server.replyWithFixture(200, "success.json");
        adapter(null).chat(request(null, null));
        assertThat(server.onlyRequest().header("x-api-key")).isNull();
    }

    @Test
    void a_529_overloaded_is_a_server_error_worth_a_retry() {
        server.replyWithFixture(529, "error-529.json");
        ProviderFailure f = failureOf(() -> adapter(KEY).chat(request(null, null)));
        assertThat(f).isEqualTo(new ProviderFailure.ServerError(529, "Overloaded"));
        assertThat(f.retryable()).isTrue();
    }

    @Test
    void an_overloaded_event_mid_stream_is_a_retryable_server_error_after_the_text_before_it() {
        server.streamFixture("stream-error.sse", 0);
        List<String> deltas = new ArrayList<>();
        ProviderFailure f = failureOf(() -> adapter(KEY).stream(request(null, null), dev.junction.engine.provider.StreamSink.texts(deltas::add)));
        assertThat(deltas).containsExactly("The capital", " of France");
        assertThat(f).isEqualTo(new ProviderFailure.ServerError(529, "Overloaded"));
        assertThat(f.retryable()).isTrue();
    }

    @Test
    void a_context_length_error_refuses_a_stream_before_it_starts() {
        server.replyWithFixture(400, "error-context-length.json");
        ProviderFailure f = failureOf(() -> adapter(KEY).stream(request(null, null), delta -> { }));
        assertThat(f).isInstanceOf(ProviderFailure.ContextLengthExceeded.class);
        assertThat(f.message()).isEqualTo("prompt is too long: 208317 tokens > 200000 maximum");
    }

    @Test
    void a_stream_cut_short_is_a_connection_failure() {
        server.streamFixtureThenCut("stream.sse", 4);
        List<String> deltas = new ArrayList<>();
        ProviderFailure f = failureOf(() -> adapter(KEY).stream(request(null, null), dev.junction.engine.provider.StreamSink.texts(deltas::add)));
        assertThat(f).isInstanceOf(ProviderFailure.ConnectionFailed.class);
        assertThat(deltas).containsExactly("The capital");
    }

    @Test
    void pings_are_not_text_the_first_token_limit_still_runs_out() {
        server.streamFixture("pings.sse", 100);
        List<String> deltas = new ArrayList<>();
        ProviderFailure f = failureOf(() -> adapter(KEY).stream(request(Duration.ofSeconds(5), Duration.ofMillis(350)), dev.junction.engine.provider.StreamSink.texts(deltas::add)));
        assertThat(f).isInstanceOf(ProviderFailure.Timeout.class);
        assertThat(f.message()).contains("350 ms");
        assertThat(deltas).isEmpty();
    }

    @Test
    void the_timeout_bounds_the_gap_between_chunks_not_the_whole_stream() {
        server.streamFixture("stream.sse", 120); // 9 events, about a second in all
        List<String> deltas = new ArrayList<>();
        ChatResponse response = adapter(KEY).stream(request(Duration.ofMillis(500), Duration.ofSeconds(5)), dev.junction.engine.provider.StreamSink.texts(deltas::add));
        assertThat(response.content()).isEqualTo("The capital of France is Paris.");
        assertThat(deltas).containsExactly("The capital", " of France", " is Paris.");
    }
}
