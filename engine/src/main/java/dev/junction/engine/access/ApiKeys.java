package dev.junction.engine.access;

import dev.junction.engine.support.Ids;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys for the invoke APIs. A key is {@code jk_} and 43 characters of base64url (256 random bits); only
 * its SHA-256 is stored. Verification is a set lookup in memory: the request path never reads the database.
 */
public final class ApiKeys {
    private static final String PREFIX = "jk_";

    private final ApiKeyStore store;
    private final Clock clock;
    private final Ids ids;
    private final SecureRandom random = new SecureRandom();
    private volatile Set<String> activeHashes = ConcurrentHashMap.newKeySet();

    public record Created(UUID id, String name, String key, String prefix) {}

    public ApiKeys(ApiKeyStore store, Clock clock, Ids ids) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * (Re)loads the hashes of the active keys and swaps them in at once: at start, and whenever another
     * instance created or revoked a key.
     */
    public void load() {
        Set<String> hashes = ConcurrentHashMap.newKeySet();
        for (ApiKeyRecord key : store.active()) {
            hashes.add(key.hash());
        }
        activeHashes = hashes;
    }

    /** Makes a key. The returned plaintext is the only copy: it is not stored. */
    public Created create(String name) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String prefix = key.substring(0, PREFIX.length() + 6);
        ApiKeyRecord record = new ApiKeyRecord(ids.next(), name, prefix, hash(key), clock.instant(), null);
        store.insert(record);
        activeHashes.add(record.hash()); // at once here; a load() racing with this insert is followed by the insert's own notification
        return new Created(record.id(), name, key, prefix);
    }

    public boolean verify(String presented) {
        return presented != null && presented.startsWith(PREFIX) && activeHashes.contains(hash(presented));
    }

    static String hash(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
