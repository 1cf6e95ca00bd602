package dev.junction.engine.access;

import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys for the invoke APIs. A key is {@code jk_} and 43 characters of base64url (256 random bits); only
 * its SHA-256 is stored. Verification is a map lookup in memory (hash to the key's id, which the request log
 * records): the request path never reads the database.
 */
public final class ApiKeys {
    private static final String PREFIX = "jk_";

    private final ApiKeyStore store;
    private final Clock clock;
    private final Ids ids;
    private volatile Map<String, UUID> activeHashes = new ConcurrentHashMap<>();

    public record Created(UUID id, String name, String key, String prefix) {}

    public ApiKeys(ApiKeyStore store, Clock clock, Ids ids) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Re-reads the active hashes from the store and swaps them in at once: a key revoked or created on another
     * instance takes effect here. Safe to call while requests are verified.
     */
    public synchronized void reload() {
        Map<String, UUID> fresh = new ConcurrentHashMap<>();
        for (ApiKeyRecord key : store.active()) {
            fresh.put(key.hash(), key.id());
        }
        activeHashes = fresh;
    }

    /** Makes a key. The returned plaintext is the only copy: it is not stored. */
    public synchronized Created create(String name) {
        String key = Secrets.generate(PREFIX);
        String prefix = key.substring(0, PREFIX.length() + 6);
        ApiKeyRecord record = new ApiKeyRecord(ids.next(), name, prefix, hash(key), clock.instant(), null);
        store.insert(record);
        activeHashes.put(record.hash(), record.id()); // at once here; a load() racing with this insert is followed by the insert's own notification
        return new Created(record.id(), name, key, prefix);
    }

    /** Every key, revoked ones included (hashes are in the records: never show them). */
    public List<ApiKeyRecord> list() {
        return store.all();
    }

    /**
     * Revokes a key: it stops working on this instance at once.
     *
     * @return the revoked key, or empty when no key has this id
     */
    public synchronized Optional<ApiKeyRecord> revoke(UUID id) {
        Optional<ApiKeyRecord> revoked = store.revoke(id, clock.instant());
        revoked.ifPresent(key -> activeHashes.remove(key.hash()));
        return revoked;
    }

    public boolean verify(String presented) {
        return idOf(presented) != null;
    }

    /** The id of the active key {@code presented} is, or null when it is none (unknown, revoked, malformed). */
    public UUID idOf(String presented) {
        return presented != null && presented.startsWith(PREFIX) ? activeHashes.get(hash(presented)) : null;
    }

    static String hash(String key) {
        return Secrets.sha256(key);
    }
}
