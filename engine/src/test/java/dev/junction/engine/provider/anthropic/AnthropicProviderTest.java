package dev.junction.engine.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.ContentPart;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.deployment.Role;
import dev.junction.engine.deployment.ToolCall;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
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

    @Test
    void a_streamed_tool_call_reaches_the_sink_piece_by_piece() {
        server.streamFixture("stream-json-tool.sse", 0);
        List<StreamPiece> pieces = new ArrayList<>();

        ChatResponse response = adapter(KEY).stream(request(null, null), pieces::add);

        assertThat(pieces).containsExactly(
                new StreamPiece.ToolCallDelta(0, "toolu_01Mx7Fv2Qz8RkT4wLp9sNcYc", "capital_answer", ""),
                new StreamPiece.ToolCallDelta(0, null, null, "{\"country\": \"Fra"),
                new StreamPiece.ToolCallDelta(0, null, null, "nce\", \"capital\": "),
                new StreamPiece.ToolCallDelta(0, null, null, "\"Paris\"}"));
        assertThat(response.toolCalls()).containsExactly(
                new ToolCall("toolu_01Mx7Fv2Qz8RkT4wLp9sNcYc", "capital_answer", "{\"country\": \"France\", \"capital\": \"Paris\"}"));
        assertThat(response.finishReason()).isEqualTo("tool_calls");
    }

    @Test
    void a_tool_calls_start_is_the_first_token_after_it_the_idle_limit_runs() {
        // message_start and the tool_use block's start, then silence: with no text ever, the idle limit (300 ms) ends
        // the stream, not the first-token limit (5 s), because the tool call's start was the first piece
        server.streamFixtureThenStall("stream-json-tool.sse", 2);
        List<StreamPiece> pieces = new ArrayList<>();

        ProviderFailure f = failureOf(() -> adapter(KEY).stream(request(Duration.ofMillis(300), Duration.ofSeconds(5)), pieces::add));

        assertThat(pieces).containsExactly(new StreamPiece.ToolCallDelta(0, "toolu_01Mx7Fv2Qz8RkT4wLp9sNcYc", "capital_answer", ""));
        assertThat(f).isInstanceOf(ProviderFailure.Timeout.class);
        assertThat(f.message()).contains("next part of the stream").contains("300 ms");
    }

    @Test
    void json_schema_is_asked_for_by_a_forced_tool_and_its_input_comes_back_as_the_answer() throws Exception {
        server.replyWithFixture(200, "json-tool.json");
        ModelParameters json = new ModelParameters(null, null, null, null, null, null, null, null,
                Map.of("type", "json_schema", "json_schema", Map.of("name", "capital_answer", "schema",
                        Map.of("type", "object", "properties", Map.of("capital", Map.of("type", "string"))))), null);

        ChatResponse response = adapter(KEY).chat(new ChatRequest("claude-haiku-4-5", List.of(PromptMessage.user("Capital of France?")), json, 1));

        JsonNode body = AnthropicMapper.JSON.readTree(server.onlyRequest().body());
        assertThat(body.at("/tools/0/name").asText()).isEqualTo("capital_answer");
        assertThat(body.at("/tool_choice/type").asText()).isEqualTo("tool");
        assertThat(body.at("/tool_choice/name").asText()).isEqualTo("capital_answer");
        assertThat(response.content()).isEqualTo("{\"country\":\"France\",\"capital\":\"Paris\",\"population_millions\":2.1}");
        assertThat(response.finishReason()).isEqualTo("stop");
        assertThat(response.toolCalls()).isEmpty();
    }

    @Test
    void a_streamed_json_answer_reaches_the_client_as_text() {
        server.streamFixture("stream-json-tool.sse", 0);
        ModelParameters json = new ModelParameters(null, null, null, null, null, null, null, null, Map.of("type", "json_object"), null);
        List<String> texts = new ArrayList<>();
        // the fixture's tool is capital_answer, not json_response: json_object's tool would be named json_response
        ChatResponse asJsonObject = adapter(KEY).stream(new ChatRequest("m", List.of(PromptMessage.user("?")), json, 1),
                StreamSink.texts(texts::add, piece -> { }));
        assertThat(asJsonObject.hasToolCalls()).isTrue();

        server.streamFixture("stream-json-tool.sse", 0);
        ModelParameters schema = json.withResponseFormat(Map.of("type", "json_schema", "json_schema",
                Map.of("name", "capital_answer", "schema", Map.of("type", "object"))));
        ChatResponse response = adapter(KEY).stream(new ChatRequest("m", List.of(PromptMessage.user("?")), schema, 1), StreamSink.texts(texts::add));

        assertThat(String.join("", texts)).isEqualTo("{\"country\": \"France\", \"capital\": \"Paris\"}");
        assertThat(response.content()).isEqualTo(String.join("", texts));
        assertThat(response.finishReason()).isEqualTo("stop");
    }

    @Test
    void audio_is_refused_before_anything_is_sent() {
        ProviderFailure f = failureOf(() -> adapter(KEY).chat(new ChatRequest("m", List.of(PromptMessage.of(Role.USER,
                List.of(new ContentPart.Audio("UklGRiQAAABXQVZF", "wav")))), null, 1)));

        assertThat(f).isEqualTo(new ProviderFailure.Unsupported("messages[0].content[0]: audio input is not supported by Anthropic"));
        assertThat(f.reason()).isEqualTo("capability");
        assertThat(server.received()).isEmpty();
    }
}
