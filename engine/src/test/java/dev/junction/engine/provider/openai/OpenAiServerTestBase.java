package dev.junction.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.engine.deployment.ModelParameters;
import dev.junction.engine.deployment.PromptMessage;
import dev.junction.engine.provider.ChatRequest;
import dev.junction.engine.provider.ProviderException;
import dev.junction.engine.provider.ProviderFailure;
import dev.junction.engine.provider.http.UpstreamHttp;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A real HTTP server on 127.0.0.1 replaying OpenAI's wire format from {@code fixtures/openai/}, one per test class,
 * and the helpers the adapter's tests share.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OpenAiServerTestBase {
    static final String KEY = "sk-test-Zq81mXw0vLr4TgPb2HcN7890";
    static final Duration FAST = Duration.ofSeconds(5);

    FixtureServer server;
    UpstreamHttp http;

    @BeforeAll
    void startServer() {
        server = FixtureServer.start();
        http = UpstreamHttp.start();
    }

    @AfterEach
    void resetServer() {
        server.reset();
    }

    @AfterAll
    void stopServer() {
        http.close();
        server.close();
    }

    static ChatRequest request(ModelParameters parameters) {
        return new ChatRequest("gpt-4o-mini",
                List.of(PromptMessage.system("Answer in one sentence."), PromptMessage.user("What is the capital of France?")),
                parameters, 1);
    }

    OpenAiConnection connection(String apiKey) {
        return new OpenAiConnection("openai", server.baseUrl(), apiKey, "openai", FAST);
    }

    OpenAiCompatibleProvider provider(String apiKey) {
        return new OpenAiCompatibleProvider(connection(apiKey), http);
    }

    OpenAiCompatibleProvider provider(String baseUrl, String apiKey, Duration timeout) {
        return new OpenAiCompatibleProvider(new OpenAiConnection("openai", baseUrl, apiKey, "openai", timeout), http);
    }

    ProviderException exceptionOf(OpenAiCompatibleProvider provider) {
        ProviderException e = catchThrowableOfType(ProviderException.class,
                () -> provider.chat(request(ModelParameters.DEFAULTS)));
        assertThat(e).as("the call should have failed").isNotNull();
        return e;
    }

    ProviderFailure failureOf(OpenAiCompatibleProvider provider) {
        return exceptionOf(provider).failure();
    }
}
