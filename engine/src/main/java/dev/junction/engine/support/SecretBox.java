package dev.junction.engine.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest (provider API keys) with AES-256-GCM: a random 12-byte nonce per secret, a 128-bit tag
 * that makes any change to the ciphertext, the nonce or the key fail loudly. {@code aad} binds a ciphertext to
 * what it belongs to (the connection's name), so it cannot be moved to another row. Thread-safe.
 */
public final class SecretBox {
    public static final int KEY_BYTES = 32;
    public static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random;

    /** A sealed secret: the ciphertext (with its tag) and the nonce it was sealed with. */
    public record Sealed(byte[] ciphertext, byte[] nonce) {}

    /** Thrown when a ciphertext does not open: tampered with, sealed under another key, or for another owner. */
    public static final class OpenFailed extends RuntimeException {
        OpenFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public SecretBox(byte[] key, SecureRandom random) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a secret key is " + KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), "AES");
        this.random = random;
    }

    /** A box for a base64-encoded 32-byte key, as JUNCTION_SECRET_KEY holds it. */
    public static SecretBox fromBase64(String base64Key) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the secret key is not base64");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("the secret key must be " + KEY_BYTES + " bytes (base64 of 32 random bytes), was " + key.length);
        }
        return new SecretBox(key, new SecureRandom());
    }

    /** 32 random bytes, base64-encoded: a new key. */
    public static String newKeyBase64(SecureRandom random) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    public Sealed seal(String plaintext, String aad) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            return new Sealed(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)), nonce);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /** @throws OpenFailed when the ciphertext, the nonce, the key or {@code aad} is not the one it was sealed with */
    public String open(Sealed sealed, String aad) {
        if (sealed.nonce() == null || sealed.nonce().length != NONCE_BYTES) {
            throw new OpenFailed("a secret's nonce must be " + NONCE_BYTES + " bytes", null);
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(aad.getBytes(StandardCharsets.UTF_8));
            byte[] plain = cipher.doFinal(sealed.ciphertext());
            String text = new String(plain, StandardCharsets.UTF_8);
            Arrays.fill(plain, (byte) 0);
            return text;
        } catch (javax.crypto.AEADBadTagException e) {
            throw new OpenFailed("a stored secret does not decrypt: it was changed, or sealed with another key", e);
        } catch (GeneralSecurityException e) {
            throw new OpenFailed("a stored secret does not decrypt: " + e.getClass().getSimpleName(), e);
        }
    }
}
