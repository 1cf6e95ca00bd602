package dev.junction.store;

import static dev.junction.store.generated.Tables.PROVIDER_CONNECTIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.engine.provider.ConnectionKind;
import dev.junction.engine.provider.ProviderConnection;
import dev.junction.engine.support.SecretBox;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class JooqConnectionStoreTest {
    private static final String KEY = "sk-proj-PlainTextKey1234567890abcdef";
    private final TestDatabase db = TestDatabase.fresh();
    private final SecretBox box = SecretBox.fromBase64(SecretBox.newKeyBase64(new SecureRandom()));
    private final JooqConnectionStore store = new JooqConnectionStore(db.dsl(), box);
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private ProviderConnection openai(String key) {
        return new ProviderConnection("openai", ConnectionKind.OPENAI, "https://api.openai.com/v1", key, null, null, now, now);
    }

    @Test
    void a_saved_connection_comes_back_with_its_key_decrypted() {
        store.save(openai(KEY));

        ProviderConnection loaded = store.find("openai").orElseThrow();
        assertThat(loaded.apiKey()).isEqualTo(KEY);
        assertThat(loaded.kind()).isEqualTo(ConnectionKind.OPENAI);
        assertThat(loaded.createdAt()).isEqualTo(now);
        assertThat(store.all()).extracting(ProviderConnection::name).containsExactly("openai");
    }

    @Test
    void the_database_holds_only_ciphertext_and_a_fresh_nonce_never_the_plaintext_key() {
        store.save(openai(KEY));
        var first = db.dsl().selectFrom(PROVIDER_CONNECTIONS).fetchOne();
        store.save(openai(KEY));
        var second = db.dsl().selectFrom(PROVIDER_CONNECTIONS).fetchOne();

        assertThat(new String(first.getApiKeyCiphertext(), StandardCharsets.ISO_8859_1)).doesNotContain(KEY).doesNotContain("sk-proj");
        assertThat(first.getApiKeyNonce()).hasSize(12);
        assertThat(second.getApiKeyNonce()).isNotEqualTo(first.getApiKeyNonce());
        String wholeTable = db.dsl().fetch("SELECT t::text FROM provider_connections t").formatCSV();
        assertThat(wholeTable).doesNotContain(KEY);
    }

    @Test
    void a_connection_without_a_key_stores_no_secret() {
        store.save(new ProviderConnection("ollama", ConnectionKind.OPENAI_COMPATIBLE, "http://127.0.0.1:11434/v1", null, null, null, now, now));

        assertThat(store.find("ollama").orElseThrow().apiKey()).isNull();
        assertThat(db.dsl().selectFrom(PROVIDER_CONNECTIONS).fetchOne().getApiKeyNonce()).isNull();
    }

    @Test
    void a_key_read_with_another_secret_key_fails_instead_of_returning_garbage() {
        store.save(openai(KEY));
        JooqConnectionStore other = new JooqConnectionStore(db.dsl(), SecretBox.fromBase64(SecretBox.newKeyBase64(new SecureRandom())));

        assertThatThrownBy(() -> other.find("openai")).isInstanceOf(SecretBox.OpenFailed.class);
    }

    @Test
    void deleting_removes_the_row_and_says_whether_there_was_one() {
        store.save(openai(KEY));

        assertThat(store.delete("openai")).isTrue();
        assertThat(store.delete("openai")).isFalse();
        assertThat(store.find("openai")).isEmpty();
    }
}
