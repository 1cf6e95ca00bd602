package dev.junction.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ChatResponse;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.Usage;
import dev.junction.engine.provider.contract.RawSocketServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible adapter against a real local server: what it sends, what it reads, how connections fail. */
class OpenAiCompatibleProviderTest extends OpenAiServerTestBase {
    private static final ObjectMapper JSON = new ObjectMapper();

    // ---- success ---------------------------------------------------------------------------------------------

    @Test
    void maps_a_chat_completion_to_a_chat_response() {
        server.replyWithFixture(200, "success.json");

        ChatResponse response = provider(KEY).chat(request(ModelParameters.DEFAULTS));

        assertThat(response).isEqualTo(new ChatResponse(
                "The capital of France is Paris.", "stop", new Usage(2006, 8, 1920), "gpt-4o-mini-2024-07-18"));
    }

    @Test
    void posts_to_chat_completions_with_the_bearer_key_and_snake_case_parameters() throws Exception {
        server.replyWithFixture(200, "success.json");
        ModelParameters parameters = new ModelParameters(0.2, 50, 0.9, null, List.of("\n\n"), 0.5, -0.5, 7L, null, null);

        provider(KEY).chat(request(parameters));

        FixtureServer.Received received = server.onlyRequest();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.path()).isEqualTo("/v1/chat/completions");
        assertThat(received.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(received.header("Content-Type")).isEqualTo("application/json");
        assertThat(JSON.readTree(received.body())).isEqualTo(JSON.readTree("""
                {"model": "gpt-4o-mini",
                 "messages": [{"role": "system", "content": "Answer in one sentence."},
                              {"role": "user", "content": "What is the capital of France?"}],
                 "temperature": 0.2, "max_tokens": 50, "top_p": 0.9, "stop": ["\\n\\n"],
                 "presence_penalty": 0.5, "frequency_penalty": -0.5, "seed": 7,
                 "stream": false}
                """));
    }

    @Test
    void leaves_unset_parameters_out_of_the_body() throws Exception {
        server.replyWithFixture(200, "success.json");

        provider(KEY).chat(request(ModelParameters.of(0.7, null)));

        JsonNode body = JSON.readTree(server.onlyRequest().body());
        List<String> fields = new ArrayList<>();
        body.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("model", "messages", "temperature", "stream");
        assertThat(body.get("stream").asBoolean(true)).isFalse();
    }

    @Test
    void sends_no_authorization_header_without_an_api_key() {
        server.replyWithFixture(200, "success.json");

        provider(null).chat(request(ModelParameters.DEFAULTS));
        provider("  ").chat(request(ModelParameters.DEFAULTS));

        assertThat(server.received()).hasSize(2)
                .allSatisfy(received -> assertThat(received.headers().containsKey("Authorization")).isFalse());
    }

    @Test
    void accepts_a_base_url_with_a_trailing_slash() {
        server.replyWithFixture(200, "success.json");
        OpenAiConnection connection = new OpenAiConnection("local", server.baseUrl() + "/", null, null, FAST);

        new OpenAiCompatibleProvider(connection, http).chat(request(ModelParameters.DEFAULTS));

        assertThat(server.onlyRequest().path()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void reads_null_content_as_empty_text_and_missing_usage_as_none() {
        server.replyWithFixture(200, "chat-completion-tool-call.json");

        ChatResponse response = provider(KEY).chat(request(ModelParameters.DEFAULTS));

        assertThat(response.content()).isEmpty();
        assertThat(response.finishReason()).isEqualTo("tool_calls");
        assertThat(response.usage()).isEqualTo(Usage.NONE);
    }

    @Test
    void names_itself_and_its_orq_provider_from_the_connection() {
        OpenAiCompatibleProvider groq = new OpenAiCompatibleProvider(
                new OpenAiConnection("groq-fast", server.baseUrl(), KEY, "groq", FAST), http);

        assertThat(groq.name()).isEqualTo("groq-fast");
        assertThat(groq.orqProvider()).isEqualTo("groq");
    }

    // ---- the connection --------------------------------------------------------------------------------------

    @Test
    void maps_a_reset_connection_to_connection_failed() {
        try (RawSocketServer reset = RawSocketServer.start(RawSocketServer.Behaviour.RESET)) {
            ProviderFailure failure = failureOf(provider(reset.baseUrl(), KEY, FAST));

            assertThat(failure).isInstanceOf(ProviderFailure.ConnectionFailed.class);
            assertThat(failure.message()).isEqualTo("openai closed the connection");
            assertThat(failure.retryable()).isTrue();
        }
    }

    @Test
    void maps_a_refused_connection_to_connection_failed() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }

        ProviderFailure failure = failureOf(provider("http://127.0.0.1:" + closedPort + "/v1", KEY, FAST));

        assertThat(failure).isInstanceOf(ProviderFailure.ConnectionFailed.class);
        assertThat(failure.message()).as("short and typed: no local ports, addresses or class names")
                .isEqualTo("connection refused by openai")
                .doesNotContain(String.valueOf(closedPort), "127.0.0.1", "Exception", "jetty");
    }

    @Test
    void maps_a_server_that_never_answers_to_timeout() {
        try (RawSocketServer silent = RawSocketServer.start(RawSocketServer.Behaviour.SILENT)) {
            ProviderFailure failure = failureOf(provider(silent.baseUrl(), KEY, Duration.ofMillis(300)));

            assertThat(failure).isEqualTo(new ProviderFailure.Timeout("openai did not answer within 300 ms"));
            assertThat(failure.retryable()).isTrue();
        }
    }

    @Test
    void maps_a_response_body_that_stalls_after_the_headers_to_timeout() {
        server.stallAfterHeaders();

        ProviderFailure failure = failureOf(provider(server.baseUrl(), KEY, Duration.ofMillis(300)));

        assertThat(failure).isEqualTo(new ProviderFailure.Timeout("openai did not answer within 300 ms"));
    }

    @Test
    void a_plain_call_takes_the_attempt_timeout_of_the_request_over_the_connection_s() {
        server.stallAfterHeaders();
        ChatRequest request = new ChatRequest("gpt-4o-mini", List.of(PromptMessage.user("Hi")), ModelParameters.DEFAULTS, 1,
                Duration.ofMillis(300), null);

        long start = System.nanoTime();
        ProviderException e = catchThrowableOfType(ProviderException.class, () -> provider(KEY).chat(request));

        assertThat(e.failure()).isEqualTo(new ProviderFailure.Timeout("openai did not answer within 300 ms"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
    }

    @Test
    void restores_the_interrupt_flag_and_reports_a_timeout_when_interrupted() {
        try (RawSocketServer silent = RawSocketServer.start(RawSocketServer.Behaviour.SILENT)) {
            OpenAiCompatibleProvider provider = provider(silent.baseUrl(), KEY, FAST);

            Thread.currentThread().interrupt();
            ProviderFailure failure = failureOf(provider);

            assertThat(Thread.interrupted()).as("interrupt flag restored").isTrue();
            assertThat(failure).isInstanceOf(ProviderFailure.Timeout.class);
            assertThat(failure.message()).contains("interrupted");
        } finally {
            Thread.interrupted();
        }
    }

    // ---- secrets ---------------------------------------------------------------------------------------------

    @Test
    void never_puts_the_api_key_in_a_failure_message() {
        List<ProviderException> thrown = new ArrayList<>();
        String echo = "{\"error\":{\"message\":\"Invalid key " + KEY + " (header was: Authorization: Bearer " + KEY + ")\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";
        server.replyWith(401, echo);
        thrown.add(exceptionOf(provider(KEY)));
        server.replyWith(502, "upstream said: Authorization: Bearer " + KEY, "Content-Type", "text/plain");
        thrown.add(exceptionOf(provider(KEY)));
        for (String fixture : List.of("error-401.json", "error-404.json", "error-429.json", "error-500.json",
                "error-context-length.json", "malformed.json")) {
            server.replyWithFixture(fixture.equals("malformed.json") ? 200 : 400, fixture);
            thrown.add(exceptionOf(provider(KEY)));
        }
        try (RawSocketServer reset = RawSocketServer.start(RawSocketServer.Behaviour.RESET)) {
            thrown.add(exceptionOf(provider(reset.baseUrl(), KEY, FAST)));
        }

        assertThat(thrown).hasSize(9).allSatisfy(e -> {
            assertThat(e.getMessage()).doesNotContain(KEY);
            assertThat(e.failure().message()).doesNotContain(KEY);
        });
        assertThat(thrown.getFirst().failure().message())
                .isEqualTo("Invalid key *** (header was: Authorization: Bearer ***)");
        assertThat(connection(KEY).toString()).doesNotContain(KEY);
    }
}
