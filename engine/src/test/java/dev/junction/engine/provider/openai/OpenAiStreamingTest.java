package dev.junction.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.provider.contract.ReplayServer;
import dev.junction.engine.provider.contract.ReplayServerTest;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Streams beyond the shared contract: what the adapter asks for, and the vendors' variants of the chunk format. */
class OpenAiStreamingTest extends ReplayServerTest {
    private static final String KEY = "sk-test-Zq81mXw0vLr4TgPb2HcN7890";
    private static final Duration FAST = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANSWER = "The capital of France is Paris.";

    @Override
    protected String fixtures() {
        return "openai";
    }

    private static ChatRequest request() {
        return new ChatRequest("gpt-4o-mini", List.of(PromptMessage.user("What is the capital of France?")),
                ModelParameters.DEFAULTS, 1, null, null);
    }

    private OpenAiCompatibleProvider provider(String orqProvider) {
        return new OpenAiCompatibleProvider(new OpenAiConnection("vendor", server.rootUrl() + "/v1", KEY, orqProvider, FAST), http);
    }

    private ChatResponse streamed(String fixture, List<String> deltas) {
        server.streamFixture(fixture, 0);
        return provider("openailike").stream(request(), dev.junction.engine.provider.StreamSink.texts(deltas::add));
    }

    @Test
    void asks_for_a_stream_with_usage_and_reads_the_cached_prompt_tokens_of_the_usage_chunk() throws Exception {
        List<String> deltas = new ArrayList<>();

        ChatResponse response = streamed("stream.sse", deltas);

        assertThat(deltas).containsExactly("The", " capital", " of", " France", " is", " Paris", ".");
        assertThat(response).isEqualTo(new ChatResponse(ANSWER, "stop", new Usage(2006, 8, 1920), "gpt-4o-mini-2024-07-18"));
        ReplayServer.Received received = server.onlyRequest();
        assertThat(received.header("Accept")).isEqualTo("text/event-stream");
        JsonNode body = JSON.readTree(received.body());
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("stream_options")).isEqualTo(JSON.readTree("{\"include_usage\": true}"));
    }

    @Test
    void reads_usage_sent_on_the_last_content_chunk_as_mistral_does() {
        ChatResponse response = streamed("stream-usage-in-last-chunk.sse", new ArrayList<>());

        assertThat(response).isEqualTo(new ChatResponse(ANSWER, "stop", new Usage(17, 9), "mistral-small-latest"));
    }

    @Test
    void reads_groq_usage_under_x_groq() {
        ChatResponse response = streamed("stream-groq.sse", new ArrayList<>());

        assertThat(response.content()).isEqualTo(ANSWER);
        assertThat(response.usage()).isEqualTo(new Usage(48, 8));
    }

    @Test
    void reads_a_vllm_usage_chunk_that_has_no_choices_field() {
        ChatResponse response = streamed("stream-vllm.sse", new ArrayList<>());

        assertThat(response).isEqualTo(new ChatResponse(ANSWER, "stop", new Usage(31, 8), "Qwen/Qwen2.5-7B-Instruct"));
    }

    @Test
    void reports_no_usage_when_the_server_sends_none_and_still_delivers_the_whole_answer() {
        List<String> deltas = new ArrayList<>();

        ChatResponse response = streamed("stream-no-usage.sse", deltas);

        assertThat(String.join("", deltas)).isEqualTo(ANSWER);
        assertThat(response.finishReason()).isEqualTo("stop");
        assertThat(response.usage()).isEqualTo(Usage.NONE);
    }

    @Test
    void streams_from_azure_with_its_deployment_url_and_api_key_header_past_its_prompt_filter_chunk() {
        server.streamFixture("stream-azure.sse", 0);
        OpenAiCompatibleProvider azure = new OpenAiCompatibleProvider(
                OpenAiConnection.azure("azure-eu", server.rootUrl(), KEY, "gpt4o-prod", "2024-10-21", FAST), http);
        List<String> deltas = new ArrayList<>();

        ChatResponse response = azure.stream(request(), dev.junction.engine.provider.StreamSink.texts(deltas::add));

        assertThat(deltas).doesNotContain("").hasSize(7);
        assertThat(response).isEqualTo(new ChatResponse(ANSWER, "stop", new Usage(24, 8), "gpt-4o-2024-11-20"));
        ReplayServer.Received received = server.onlyRequest();
        assertThat(received.path()).isEqualTo("/openai/deployments/gpt4o-prod/chat/completions");
        assertThat(received.query()).isEqualTo("api-version=2024-10-21");
        assertThat(received.header("api-key")).isEqualTo(KEY);
        assertThat(received.header("Authorization")).isNull();
    }

    @Test
    void an_openrouter_error_chunk_after_a_keep_alive_comment_fails_as_a_server_error_after_the_text() {
        server.streamFixture("stream-error-openrouter.sse", 0);
        List<String> deltas = new ArrayList<>();

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider("openailike").stream(request(), dev.junction.engine.provider.StreamSink.texts(deltas::add)));

        assertThat(deltas).containsExactly("The", " capital");
        assertThat(e.failure()).isEqualTo(new ProviderFailure.ServerError(500, "Provider disconnected unexpectedly"));
        assertThat(e.failure().retryable()).isTrue();
    }

    @Test
    void an_openai_error_event_mid_stream_is_a_retryable_server_error() {
        server.streamFixture("stream-error.sse", 0);

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider("openai").stream(request(), text -> { }));

        assertThat(e.failure()).isInstanceOf(ProviderFailure.ServerError.class);
        assertThat(e.failure().message()).startsWith("The server had an error");
    }

    @Test
    void plain_calls_send_no_stream_options() throws Exception {
        server.replyWithFixture(200, "success.json");

        provider("openai").chat(request());

        JsonNode body = JSON.readTree(server.onlyRequest().body());
        assertThat(body.get("stream").asBoolean(true)).isFalse();
        assertThat(body.has("stream_options")).isFalse();
    }

    @Test
    void a_server_that_refuses_stream_options_gets_the_stream_again_without_them_and_never_again() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        String refusal = server.fixture("error-422-stream-options-mistral.json");
        String stream = server.fixture("stream-usage-in-last-chunk.sse");
        HttpServer strict = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        strict.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                bodies.add(body);
                boolean refused = body.contains("stream_options");
                byte[] bytes = (refused ? refusal : stream).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", refused ? "application/json" : "text/event-stream");
                exchange.sendResponseHeaders(refused ? 422 : 200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        strict.start();
        try {
            OpenAiCompatibleProvider mistral = new OpenAiCompatibleProvider(new OpenAiConnection("mistral",
                    "http://127.0.0.1:" + strict.getAddress().getPort() + "/v1", KEY, "mistral", FAST), http);

            ChatResponse first = mistral.stream(request(), text -> { });
            ChatResponse second = mistral.stream(request(), text -> { });

            assertThat(first.content()).isEqualTo(ANSWER);
            assertThat(first.usage()).isEqualTo(new Usage(17, 9));
            assertThat(second).isEqualTo(first);
            assertThat(bodies).hasSize(3);
            assertThat(bodies.get(0)).contains("stream_options");
            assertThat(bodies.subList(1, 3)).noneMatch(b -> b.contains("stream_options"));
        } finally {
            strict.stop(0);
        }
    }

    @Test
    void a_400_that_does_not_name_stream_options_is_not_sent_again() {
        server.replyWithFixture(400, "error-context-length.json");

        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider("openai").stream(request(), text -> { }));

        assertThat(e.failure()).isInstanceOf(ProviderFailure.ContextLengthExceeded.class);
        assertThat(server.received()).hasSize(1);
    }
}
