package dev.junction.engine.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The canonical form the chain hashes, the secret names the trail redacts, and the diff by path. */
class AuditJsonTest {
    private static JsonNode json(String text) {
        return CanonicalJson.read(text);
    }

    @Test
    void canonical_json_sorts_keys_and_writes_a_number_by_its_value_not_its_spelling() {
        assertThat(CanonicalJson.write(json("{\"b\": 1.50, \"a\": [1E+2, -0.0, 0.000], \"c\": \"\\u0001\\\"é\"}")))
                .isEqualTo("{\"a\":[100,0,0],\"b\":1.5,\"c\":\"\\u0001\\\"é\"}");
        assertThat(CanonicalJson.write(json("{\"x\": 1.0}"))).isEqualTo(CanonicalJson.write(json("{\"x\":1}")));
    }

    @Test
    void secret_names_are_redacted_and_null_stays_null_so_a_set_key_shows() {
        assertThat(Redaction.isSecretName("apiKey")).isTrue();
        assertThat(Redaction.isSecretName("api_key")).isTrue();
        assertThat(Redaction.isSecretName("clientSecret")).isTrue();
        assertThat(Redaction.isSecretName("Authorization")).isTrue();
        assertThat(Redaction.isSecretName("db-password")).isTrue();
        assertThat(Redaction.isSecretName("maxTokens")).isFalse();
        assertThat(Redaction.isSecretName("key")).as("a deployment's key is no secret").isFalse();
        JsonNode r = Redaction.redact(json("{\"apiKey\": \"sk-1\", \"hasApiKey\": true, \"nested\": {\"token\": {\"a\": 1}},"
                + " \"key\": \"jk_0123456789abcdefghijklmnop\", \"deployment\": \"demo\", \"none\": {\"password\": null}}"));
        assertThat(r.toString()).isEqualTo("{\"apiKey\":\"[redacted]\",\"hasApiKey\":true,\"nested\":{\"token\":{\"a\":\"[redacted]\"}},"
                + "\"key\":\"[redacted]\",\"deployment\":\"demo\",\"none\":{\"password\":null}}");
    }

    @Test
    void the_diff_lists_changed_leaves_by_path_and_a_changed_secret_without_its_values() {
        JsonNode d = JsonDiff.of(json("{\"a\": {\"b\": [1, 2]}, \"apiKey\": \"old\", \"same\": 1.0}"),
                json("{\"a\": {\"b\": [1, 3, 4]}, \"apiKey\": \"new\", \"same\": 1}"));
        assertThat(d.toString()).isEqualTo("[{\"path\":\"a.b[1]\",\"before\":2,\"after\":3},"
                + "{\"path\":\"a.b[2]\",\"before\":null,\"after\":4},"
                + "{\"path\":\"apiKey\",\"before\":\"[redacted]\",\"after\":\"[redacted]\"}]");
        assertThat(JsonDiff.of(null, json("{\"x\": 1}")).toString()).isEqualTo("[{\"path\":\"x\",\"before\":null,\"after\":1}]");
        assertThat(JsonDiff.of(json("{\"apiKey\": \"same\"}"), json("{\"apiKey\": \"same\"}"))).isEmpty();
    }

    @Test
    void text_postgresql_refuses_is_replaced() {
        assertThat(Redaction.clean("a\u0000b\uD800c\uD83D\uDE00")).isEqualTo("a\uFFFDb\uFFFDc\uD83D\uDE00");
    }
}
