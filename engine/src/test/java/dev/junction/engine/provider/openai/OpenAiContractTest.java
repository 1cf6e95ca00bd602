package dev.junction.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.contract.ProviderContractTest;
import dev.junction.engine.provider.contract.ReplayServer;
import java.time.Clock;
import java.time.Duration;

/** The shared adapter contract, against OpenAI's chat-completions wire format ({@code /fixtures/openai/}). */
class OpenAiContractTest extends ProviderContractTest {

    @Override
    protected String fixtures() {
        return "openai";
    }

    @Override
    protected ProviderAdapter adapter(String rootUrl, String apiKey, Duration timeout) {
        return new OpenAiCompatibleProvider(new OpenAiConnection("openai", rootUrl + "/v1", apiKey, "openai", timeout),
                http, Clock.systemUTC());
    }

    @Override
    protected Expected expected() {
        // success.json and stream.sse: 2006 prompt tokens, 1920 of them from the prompt cache, 8 completion tokens
        return new Expected("The capital of France is Paris.", "stop", 2006, 8, 1920,
                "The capital of France is Paris.", 2006, 8);
    }

    @Override
    protected void assertAuthenticated(ReplayServer.Received request, String apiKey) {
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + apiKey);
        assertThat(request.header("api-key")).isNull();
        assertThat(request.header("Content-Type")).startsWith("application/json");
    }
}
