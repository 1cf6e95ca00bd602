package dev.junction.engine.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.contract.ProviderContractTest;
import dev.junction.engine.provider.contract.ReplayServer;
import java.time.Clock;
import java.time.Duration;

/** The shared adapter contract, against Anthropic's Messages API wire format. */
class AnthropicContractTest extends ProviderContractTest {

    @Override
    protected String fixtures() {
        return "anthropic";
    }

    @Override
    protected ProviderAdapter adapter(String rootUrl, String apiKey, Duration timeout) {
        return new AnthropicProvider(new AnthropicConnection("anthropic", rootUrl, apiKey, timeout), http, Clock.systemUTC());
    }

    @Override
    protected Expected expected() {
        // success.json: input 14 + cache read 1830 (+ cache write 0); stream.sse: input 14 + cache write 1830
        return new Expected("The capital of France is Paris.", "stop", 1844, 9, 1830,
                "The capital of France is Paris.", 1844, 9);
    }

    @Override
    protected void assertAuthenticated(ReplayServer.Received request, String apiKey) {
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/messages");
        assertThat(request.header("x-api-key")).isEqualTo(apiKey);
        assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.header("content-type")).startsWith("application/json");
        assertThat(request.header("authorization")).isNull();
    }
}
