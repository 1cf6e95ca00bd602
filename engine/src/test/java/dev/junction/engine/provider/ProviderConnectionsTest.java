package dev.junction.engine.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.engine.deployment.FieldError;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Saving connections: a stored key stays bound to the kind and base URL it was given for; no credentials in a URL. */
class ProviderConnectionsTest {
    private static final String KEY = "sk-stored-secret";

    private final Map<String, ProviderConnection> stored = new ConcurrentHashMap<>();
    private final ConnectionStore store = new ConnectionStore() {
        public List<ProviderConnection> all() { return List.copyOf(stored.values()); }
        public Optional<ProviderConnection> find(String name) { return Optional.ofNullable(stored.get(name)); }
        public void save(ProviderConnection c) { stored.put(c.name(), c); }
        public boolean delete(String name) { return stored.remove(name) != null; }
    };
    private final Providers providers = new Providers(List.of());
    private final ProviderConnections connections = new ProviderConnections(store, providers, c -> {
        ProviderConnections.toOpenAi(c); // the wire-level checks of the base URL and key
        return new ProviderAdapter() {
            public String name() { return c.name(); }
            public String orqProvider() { return "openai"; }
            public ChatResponse chat(ChatRequest request) { throw new UnsupportedOperationException(); }
        };
    }, Map.of(), Clock.systemUTC());

    private ProviderConnections.Result put(String kind, String baseUrl, String apiKey) {
        return connections.put("acme", new ConnectionInput(kind, baseUrl, apiKey, null, null));
    }

    @Test
    void refuses_a_base_url_change_without_a_new_key_and_keeps_the_stored_connection() {
        assertThat(put("openai-compatible", "https://llm.acme.test/v1", KEY).errors()).isEmpty();

        ProviderConnections.Result moved = put("openai-compatible", "https://attacker.example/v1", null);

        assertThat(moved.errors()).extracting(FieldError::path).containsExactly("apiKey");
        assertThat(moved.errors().getFirst().message()).contains("baseUrl", "https://llm.acme.test/v1").doesNotContain(KEY);
        assertThat(stored.get("acme").baseUrl()).isEqualTo("https://llm.acme.test/v1");
        assertThat(stored.get("acme").apiKey()).isEqualTo(KEY);
    }

    @Test
    void refuses_a_kind_change_without_a_new_key() {
        assertThat(put("openai-compatible", "https://llm.acme.test", KEY).errors()).isEmpty();

        ProviderConnections.Result changed = put("anthropic", "https://llm.acme.test", null);

        assertThat(changed.errors()).extracting(FieldError::path).containsExactly("apiKey");
        assertThat(stored.get("acme").kind()).isEqualTo(ConnectionKind.OPENAI_COMPATIBLE);
    }

    @Test
    void a_move_with_a_new_key_or_with_the_key_removed_is_saved_and_an_unchanged_place_keeps_the_key() {
        assertThat(put("openai-compatible", "https://llm.acme.test/v1/", KEY).errors()).isEmpty();

        assertThat(put("openai-compatible", "https://llm.acme.test/v1", null).errors()).as("the same URL, normalised").isEmpty();
        assertThat(stored.get("acme").apiKey()).isEqualTo(KEY);

        assertThat(put("openai-compatible", "https://other.acme.test/v1", "sk-new").errors()).isEmpty();
        assertThat(stored.get("acme").apiKey()).isEqualTo("sk-new");

        assertThat(put("openai-compatible", "http://localhost:11434/v1", "").errors()).isEmpty();
        assertThat(stored.get("acme").hasApiKey()).isFalse();
    }

    @Test
    void refuses_a_base_url_with_credentials_in_it_naming_base_url_and_not_echoing_them() {
        ProviderConnections.Result result = put("openai-compatible", "https://bob:hunter2@llm.acme.test/v1", null);

        assertThat(result.errors()).extracting(FieldError::path).containsExactly("baseUrl");
        assertThat(result.errors().getFirst().message()).contains("apiKey").doesNotContain("hunter2").doesNotContain("bob");
        assertThat(stored).isEmpty();

        for (String url : new String[] {"https://bob:hun/ter2@llm.acme.test/v1", "https://bob:hun?ter2@llm.acme.test/v1",
                "https://bob:hun#ter2@llm.acme.test/v1"}) {
            ProviderConnections.Result r = put("openai-compatible", url, null);
            assertThat(r.errors()).as(url).extracting(FieldError::path).containsExactly("baseUrl");
            assertThat(r.errors().getFirst().message()).as(url).doesNotContain("ter2").doesNotContain("bob");
        }
        assertThat(stored).isEmpty();
    }

    @Test
    void a_stored_base_url_with_credentials_is_never_shown_or_printed() {
        ProviderConnection old = new ProviderConnection("acme", ConnectionKind.OPENAI_COMPATIBLE,
                "https://bob:hunter2@llm.acme.test/v1", null, null, null, java.time.Instant.EPOCH, java.time.Instant.EPOCH);

        assertThat(old.displayBaseUrl()).isEqualTo("https://***@llm.acme.test/v1");
        assertThat(old.toString()).doesNotContain("hunter2");
        assertThat(dev.junction.engine.provider.http.ConnectionFields.redact("http://h:1/v1")).isEqualTo("http://h:1/v1");
    }

    @Test
    void the_environment_connection_s_key_is_not_taken_over_by_a_stored_connection_of_its_name() {
        ProviderConnections withBootstrap = new ProviderConnections(store, providers, c -> providers.find("none").orElse(null),
                Map.of("openai", new dev.junction.engine.provider.simulator.SimulatorProvider()), Clock.systemUTC());

        ProviderConnections.Result result = withBootstrap.put("openai", new ConnectionInput("openai", "https://attacker.example/v1", null, null, null));

        assertThat(result.errors()).extracting(FieldError::path).containsExactly("apiKey");
        assertThat(stored).isEmpty();
    }
}
