package dev.junction.engine.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
    private final SecretBox box = SecretBox.fromBase64(SecretBox.newKeyBase64(new SecureRandom()));

    @Test
    void a_sealed_secret_opens_to_the_same_text_and_its_ciphertext_does_not_contain_it() {
        SecretBox.Sealed sealed = box.seal("sk-live-123456", "openai");

        assertThat(box.open(sealed, "openai")).isEqualTo("sk-live-123456");
        assertThat(new String(sealed.ciphertext(), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("sk-live");
        assertThat(sealed.nonce()).hasSize(12);
    }

    @Test
    void every_seal_uses_a_fresh_nonce() {
        assertThat(box.seal("same", "a").nonce()).isNotEqualTo(box.seal("same", "a").nonce());
    }

    @Test
    void a_tampered_ciphertext_fails_to_open() {
        SecretBox.Sealed sealed = box.seal("sk-live-123456", "openai");
        byte[] changed = sealed.ciphertext().clone();
        changed[0] ^= 1;

        assertThatThrownBy(() -> box.open(new SecretBox.Sealed(changed, sealed.nonce()), "openai"))
                .isInstanceOf(SecretBox.OpenFailed.class);
    }

    @Test
    void a_secret_sealed_under_another_key_fails_to_open() {
        SecretBox other = SecretBox.fromBase64(SecretBox.newKeyBase64(new SecureRandom()));

        assertThatThrownBy(() -> other.open(box.seal("sk-live-123456", "openai"), "openai"))
                .isInstanceOf(SecretBox.OpenFailed.class)
                .hasMessageNotContaining("sk-live");
    }

    @Test
    void a_secret_moved_to_another_connection_fails_to_open() {
        assertThatThrownBy(() -> box.open(box.seal("sk-live-123456", "openai"), "groq"))
                .isInstanceOf(SecretBox.OpenFailed.class);
    }

    @Test
    void a_key_that_is_not_base64_of_32_bytes_is_refused() {
        assertThatIllegalArgumentException().isThrownBy(() -> SecretBox.fromBase64("not base64!"));
        assertThatIllegalArgumentException().isThrownBy(() -> SecretBox.fromBase64("AAAA"));
    }
}
