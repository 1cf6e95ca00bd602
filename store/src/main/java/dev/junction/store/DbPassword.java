package dev.junction.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

/**
 * The embedded PostgreSQL superuser's password: 32 random bytes, URL-safe base64, one line in
 * {@code <data-dir>/db-password}, readable by its owner only. Never logged.
 */
final class DbPassword {
    static final String FILE = "db-password";

    private DbPassword() {}

    static Optional<String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) return Optional.empty();
        String password = Files.readString(file).trim();
        return password.isEmpty() ? Optional.empty() : Optional.of(password);
    }

    static String create(Path file) throws IOException {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        PrivateFile.write(file, password);
        return password;
    }
}
