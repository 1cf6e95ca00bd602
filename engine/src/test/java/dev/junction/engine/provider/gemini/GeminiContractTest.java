package dev.junction.engine.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.contract.ProviderContractTest;
import dev.junction.engine.provider.contract.ReplayServer;
import java.time.Clock;
import java.time.Duration;

/** The shared adapter contract, against Gemini's wire format ({@code /fixtures/gemini/}). */
class GeminiContractTest extends ProviderContractTest {

    @Override
    protected String fixtures() {
        return "gemini";
    }

    @Override
    protected ProviderAdapter adapter(String rootUrl, String apiKey, Duration timeout) {
        return new GeminiProvider(new GeminiConnection("gemini", rootUrl, apiKey, timeout), http, Clock.systemUTC());
    }

    @Override
    protected Expected expected() {
        // success.json: 8 candidate tokens + 37 thinking tokens are billed as output; 2048 of 2110 prompt tokens cached
        return new Expected("The capital of France is Paris.", "stop", 2110, 45, 2048,
                "The capital of France is Paris.", 14, 7);
    }

    @Override
    protected void assertAuthenticated(ReplayServer.Received request, String apiKey) {
        assertThat(request.header("x-goog-api-key")).isEqualTo(apiKey);
        assertThat(request.header("Authorization")).isNull();
        assertThat(String.valueOf(request.query())).doesNotContain(apiKey).doesNotContain("key=");
        assertThat(request.path()).matches("/v1beta/models/test-model:(generateContent|streamGenerateContent)");
    }
}
