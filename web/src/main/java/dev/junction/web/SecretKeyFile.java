package dev.junction.web;

import dev.junction.store.PrivateFile;
import dev.junction.engine.support.SecretBox;
import dev.junction.store.StartupFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * The key that encrypts provider API keys at rest: {@code JUNCTION_SECRET_KEY} (base64 of 32 bytes), else
 * {@code dataDir/secret-key}, else a new random key written there, readable by its owner only. Losing the key
 * makes the stored API keys unreadable (connections must then be saved again); it is never in the database.
 */
final class SecretKeyFile {
    static final String FILE = "secret-key";

    private SecretKeyFile() {}

    static SecretBox resolve(String configured, Path dataDir) {
        if (configured != null) return open(configured, "JUNCTION_SECRET_KEY");
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) return open(Files.readString(file).trim(), file.toString());
            String key = SecretBox.newKeyBase64(new SecureRandom());
            PrivateFile.write(file, key);
            return SecretBox.fromBase64(key);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write the secret key in " + file, e);
        }
    }

    private static SecretBox open(String base64, String where) {
        try {
            return SecretBox.fromBase64(base64);
        } catch (IllegalArgumentException e) {
            throw new StartupFailure(where + ": " + e.getMessage(), e);
        }
    }
}
