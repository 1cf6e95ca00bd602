package dev.junction.engine.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.deployment.ModelParameters;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Azure OpenAI is the same adapter with other data: the deployment URL with its api-version, and an api-key header. */
class AzureOpenAiTest extends OpenAiServerTestBase {

    private OpenAiCompatibleProvider azure() {
        String root = server.baseUrl().replace("/v1", "");
        return new OpenAiCompatibleProvider(OpenAiConnection.azure("azure-eu", root, KEY, "gpt4o-prod", "2024-10-21", FAST), http);
    }

    @Test
    void posts_to_the_deployment_url_with_the_api_version_and_the_key_in_an_api_key_header() {
        server.replyWithFixture(200, "success.json");

        assertThat(azure().chat(request(ModelParameters.DEFAULTS)).content()).isEqualTo("The capital of France is Paris.");

        FixtureServer.Received received = server.onlyRequest();
        assertThat(received.path()).isEqualTo("/openai/deployments/gpt4o-prod/chat/completions");
        assertThat(received.query()).isEqualTo("api-version=2024-10-21");
        assertThat(received.header("api-key")).isEqualTo(KEY);
        assertThat(received.headers().containsKey("Authorization")).isFalse();
    }

    @Test
    void builds_the_azure_url_from_the_resource_endpoint_and_never_prints_the_key() {
        OpenAiConnection c = OpenAiConnection.azure("azure-eu", "https://acme.openai.azure.com/", "secret-key-1", "gpt 4o", "2024-10-21", null);

        assertThat(c.chatCompletionsUri()).isEqualTo(
                URI.create("https://acme.openai.azure.com/openai/deployments/gpt%204o/chat/completions?api-version=2024-10-21"));
        assertThat(c.authStyle()).isEqualTo(OpenAiConnection.AuthStyle.API_KEY_HEADER);
        assertThat(c.orqProvider()).isEqualTo("azure");
        assertThat(c.toString()).doesNotContain("secret-key-1");
    }
}
