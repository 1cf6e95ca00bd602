package dev.junction.engine.provider.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.junction.engine.provider.ConnectionKind;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.ProviderAdapters;
import dev.junction.engine.provider.ProviderConnection;
import java.net.URI;
import dev.junction.engine.provider.http.UpstreamHttp;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AnthropicConnectionTest {

    @Test
    void the_base_url_is_the_root_and_calls_go_to_v1_messages() {
        assertThat(new AnthropicConnection("a", "https://api.anthropic.com/", "k", null).messagesUri())
                .isEqualTo(URI.create("https://api.anthropic.com/v1/messages"));
        assertThat(new AnthropicConnection("a", "https://proxy.example/anthropic", "k", null).messagesUri())
                .isEqualTo(URI.create("https://proxy.example/anthropic/v1/messages"));
    }

    @Test
    void an_openai_style_base_url_ending_in_v1_is_taken_as_the_root() {
        AnthropicConnection connection = new AnthropicConnection("a", "https://api.anthropic.com/v1/", "k", null);
        assertThat(connection.baseUrl()).isEqualTo("https://api.anthropic.com");
        assertThat(connection.messagesUri()).isEqualTo(URI.create("https://api.anthropic.com/v1/messages"));
    }

    @Test
    void bad_fields_are_named_and_the_key_never_printed() {
        assertThatIllegalArgumentException().isThrownBy(() -> new AnthropicConnection("a", "api.anthropic.com", "k", null))
                .withMessageStartingWith("baseUrl: ");
        assertThatIllegalArgumentException().isThrownBy(() -> new AnthropicConnection(" ", "https://api.anthropic.com", "k", null))
                .withMessageStartingWith("name: ");
        assertThatIllegalArgumentException().isThrownBy(() -> new AnthropicConnection("a", "https://api.anthropic.com", "sk ant", null))
                .withMessageStartingWith("apiKey: ");
        AnthropicConnection connection = new AnthropicConnection("a", "https://api.anthropic.com", "sk-ant-secret\n", null);
        assertThat(connection.apiKey()).isEqualTo("sk-ant-secret");
        assertThat(connection.toString()).doesNotContain("sk-ant-secret").contains("***");
    }

    @Test
    void a_stored_anthropic_connection_gets_this_adapter_with_the_kinds_defaults() {
        assertThat(ConnectionKind.of("anthropic")).contains(ConnectionKind.ANTHROPIC);
        assertThat(ConnectionKind.ANTHROPIC.wire()).isEqualTo(ConnectionKind.Wire.ANTHROPIC);
        assertThat(ConnectionKind.ANTHROPIC.requiresApiKey()).isTrue();
        Instant now = Instant.parse("2025-06-01T00:00:00Z");
        ProviderConnection stored = new ProviderConnection("claude", ConnectionKind.ANTHROPIC,
                ConnectionKind.ANTHROPIC.defaultBaseUrl(), "sk-ant-x", null, null, now, now);
        UpstreamHttp http = UpstreamHttp.start();
        try {
            ProviderAdapter adapter = ProviderAdapters.create(stored, http, Clock.systemUTC());
            assertThat(adapter).isInstanceOf(AnthropicProvider.class);
            assertThat(adapter.name()).isEqualTo("claude");
            assertThat(adapter.orqProvider()).isEqualTo("anthropic");
            assertThat(((AnthropicProvider) adapter).connection().messagesUri())
                    .isEqualTo(URI.create("https://api.anthropic.com/v1/messages"));
        } finally {
            http.close();
        }
    }
}
