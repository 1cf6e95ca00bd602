package dev.junction.engine.provider.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.engine.provider.ConnectionKind;
import dev.junction.engine.provider.ProviderAdapter;
import dev.junction.engine.provider.ProviderAdapters;
import dev.junction.engine.provider.ProviderConnection;
import java.net.URI;
import dev.junction.engine.provider.http.UpstreamHttp;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GeminiConnectionTest {

    @Test
    void appends_the_api_version_and_the_model_resource_to_googles_root() {
        GeminiConnection c = new GeminiConnection("gemini", null, "k", null);

        assertThat(c.baseUrl()).isEqualTo("https://generativelanguage.googleapis.com");
        assertThat(c.generateContentUri("gemini-2.5-flash"))
                .isEqualTo(URI.create("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent"));
        assertThat(c.streamGenerateContentUri("gemini-2.5-flash"))
                .isEqualTo(URI.create("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse"));
    }

    @Test
    void keeps_a_root_that_names_its_version_and_model_names_given_in_full() {
        GeminiConnection proxy = new GeminiConnection("g", "https://proxy.example/google/v1beta/", null, null);

        assertThat(proxy.generateContentUri("models/gemini-2.0-flash").toString())
                .isEqualTo("https://proxy.example/google/v1beta/models/gemini-2.0-flash:generateContent");
        assertThat(proxy.generateContentUri("tunedModels/my-model-7").toString())
                .isEqualTo("https://proxy.example/google/v1beta/tunedModels/my-model-7:generateContent");
        assertThat(proxy.generateContentUri("odd name?x").toString())
                .isEqualTo("https://proxy.example/google/v1beta/models/odd%20name%3Fx:generateContent");
        assertThat(proxy.hasApiKey()).isFalse();
    }

    @Test
    void rejects_what_cannot_be_a_connection() {
        assertThatThrownBy(() -> new GeminiConnection("g", "ftp://x", "k", null)).hasMessageStartingWith("baseUrl:");
        assertThatThrownBy(() -> new GeminiConnection("g", "https://x/?key=abc", "k", null)).hasMessageStartingWith("baseUrl:");
        assertThatThrownBy(() -> new GeminiConnection("g", null, "two words", null)).hasMessageStartingWith("apiKey:");
        assertThatThrownBy(() -> new GeminiConnection(" ", null, "k", null)).hasMessageStartingWith("name:");
    }

    @Test
    void a_stored_gemini_connection_gets_this_adapter() {
        ConnectionKind kind = ConnectionKind.of("gemini").orElseThrow();
        Instant now = Instant.EPOCH;
        ProviderConnection stored = new ProviderConnection("google", kind, kind.defaultBaseUrl(), "AIza-key", null, null, now, now);

        ProviderAdapter adapter;
        try (UpstreamHttp http = UpstreamHttp.start()) {
            adapter = ProviderAdapters.create(stored, http, Clock.systemUTC());
        }

        assertThat(kind.wire()).isEqualTo(ConnectionKind.Wire.GEMINI);
        assertThat(kind.requiresApiKey()).isTrue();
        assertThat(adapter).isInstanceOf(GeminiProvider.class);
        assertThat(adapter.name()).isEqualTo("google");
        assertThat(adapter.orqProvider()).isEqualTo("google-ai");
        assertThat(((GeminiProvider) adapter).connection().generateContentUri("gemini-2.5-flash").getHost())
                .isEqualTo("generativelanguage.googleapis.com");
    }
}
