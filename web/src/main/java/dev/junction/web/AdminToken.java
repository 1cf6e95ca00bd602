package dev.junction.web;

import dev.junction.store.PrivateFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** The admin bearer token of the panel API, compared in constant time. */
public final class AdminToken {
    private final byte[] token;
    private final boolean generated;

    private AdminToken(String token, boolean generated) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.generated = generated;
    }

    /** The configured token, else the one in {@code dataDir/admin-token}, else a new one written there. */
    static AdminToken resolve(String configured, Path dataDir) {
        if (configured != null) return new AdminToken(configured, false);
        Path file = dataDir.resolve("admin-token");
        try {
            if (Files.exists(file)) return new AdminToken(Files.readString(file).trim(), false);
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            String token = "jadm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            PrivateFile.write(file, token);
            return new AdminToken(token, true);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read or write the admin token in " + file, e);
        }
    }

    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(token, presented.getBytes(StandardCharsets.UTF_8));
    }

    /** The token's SHA-256, as a panel session opened with it keeps it. */
    String sha256() {
        return dev.junction.engine.access.Secrets.sha256(new String(token, StandardCharsets.UTF_8));
    }

    boolean wasGenerated() {
        return generated;
    }
}
