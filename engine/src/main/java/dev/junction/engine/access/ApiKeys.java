package dev.junction.engine.access;

import dev.junction.engine.deployment.FieldError;
import dev.junction.engine.support.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys for the invoke APIs. A key is {@code jk_} and 43 characters of base64url (256 random bits); only
 * its SHA-256 is stored. Verification is a map lookup in memory (hash to the key's {@link ApiKeyAccess}: its id,
 * which the request log records, its scope and expiry): the request path never reads the database. An expiry is
 * compared with the clock on every request, so a key stops working at its expiry on every instance without any
 * notification.
 */
public final class ApiKeys {
    private static final String PREFIX = "jk_";
    /** The furthest an expiry may be set ahead: five years (of 365.25 days). Longer than that, leave it unset. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(1827);

    private final ApiKeyStore store;
    private final Clock clock;
    private final Ids ids;
    private volatile Map<String, ApiKeyAccess> activeHashes = new ConcurrentHashMap<>();

    public record Created(UUID id, String name, String key, String prefix, ApiKeyScope scope, Instant expiresAt) {}

    public ApiKeys(ApiKeyStore store, Clock clock, Ids ids) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Re-reads the active keys from the store and swaps them in at once: a key revoked, created or re-scoped on
     * another instance takes effect here. Safe to call while requests are verified.
     */
    public synchronized void reload() {
        Map<String, ApiKeyAccess> fresh = new ConcurrentHashMap<>();
        for (ApiKeyRecord key : store.active()) {
            fresh.put(key.hash(), key.access());
        }
        activeHashes = fresh;
    }

    /** Makes a key for every deployment that never expires. The returned plaintext is the only copy. */
    public Created create(String name) {
        return create(name, ApiKeyScope.EVERYTHING, null);
    }

    /**
     * Makes a key limited to {@code scope} until {@code expiresAt} (null: never; check it with {@link #checkExpiry}
     * first). The returned plaintext is the only copy: it is not stored.
     */
    public synchronized Created create(String name, ApiKeyScope scope, Instant expiresAt) {
        String key = Secrets.generate(PREFIX);
        String prefix = key.substring(0, PREFIX.length() + 6);
        ApiKeyRecord record = new ApiKeyRecord(ids.next(), name, prefix, hash(key), clock.instant(), null, scope, expiresAt);
        store.insert(record);
        activeHashes.put(record.hash(), record.access()); // at once here; a load() racing with this insert is followed by the insert's own notification
        return new Created(record.id(), name, key, prefix, record.scope(), expiresAt);
    }

    /**
     * What is wrong with an expiry for a key made or changed now (the error at {@code path}): it must be in the
     * future and at most {@link #MAX_LIFETIME} ahead. Null (never) is fine.
     */
    public List<FieldError> checkExpiry(String path, Instant expiresAt) {
        if (expiresAt == null) return List.of();
        Instant now = clock.instant();
        if (!expiresAt.isAfter(now)) {
            return List.of(new FieldError(path, "must be in the future (it is " + now + " now); to stop a key at once, revoke it"));
        }
        if (expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
            return List.of(new FieldError(path, "at most " + MAX_LIFETIME.toDays() + " days (five years) ahead, "
                    + now.plus(MAX_LIFETIME) + "; leave it out for a key that does not expire"));
        }
        return List.of();
    }

    /** Every key, revoked ones included (hashes are in the records: never show them). */
    public List<ApiKeyRecord> list() {
        return store.all();
    }

    public Optional<ApiKeyRecord> byId(UUID id) {
        return store.all().stream().filter(k -> k.id().equals(id)).findFirst();
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

    /**
     * Gives an unrevoked key a new scope and expiry, on this instance at once (the others follow the store's
     * notification).
     *
     * @return the key as it now is, or empty when no unrevoked key has this id
     */
    public synchronized Optional<ApiKeyRecord> limit(UUID id, ApiKeyScope scope, Instant expiresAt) {
        Optional<ApiKeyRecord> changed = store.limit(id, scope, expiresAt);
        changed.ifPresent(key -> activeHashes.put(key.hash(), key.access()));
        return changed;
    }

    /** Whether a key has expired now. */
    public boolean expired(ApiKeyRecord key) {
        return key.access().expiredAt(clock.instant());
    }

    /** Whether {@code key} has expired now. */
    public boolean expired(ApiKeyAccess key) {
        return key.expiredAt(clock.instant());
    }

    /** Whether {@code presented} is an active key that has not expired. */
    public boolean verify(String presented) {
        return idOf(presented) != null;
    }

    /** The id of the active, unexpired key {@code presented} is, or null when it is none (unknown, revoked, expired, malformed). */
    public UUID idOf(String presented) {
        ApiKeyAccess key = find(presented);
        return key == null || expired(key) ? null : key.id();
    }

    /** The active key {@code presented} is, expired or not ({@link #expired(ApiKeyAccess)}); null when it is none. */
    public ApiKeyAccess find(String presented) {
        return presented != null && presented.startsWith(PREFIX) ? activeHashes.get(hash(presented)) : null;
    }

    static String hash(String key) {
        return Secrets.sha256(key);
    }
}
